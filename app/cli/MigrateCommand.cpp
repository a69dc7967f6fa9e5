#include "MigrateCommand.h"

#include "after/AfterRecorder.h"
#include "backup/BackupRecorder.h"
#include "CommandSupport.h"
#include "journal/JournalProgress.h"
#include "migration/MigrationGate.h"
#include "migration/MigrationPlan.h"
#include "migration/MigrationRecorder.h"
#include "migration/MigrationRunner.h"
#include "migration/OpenMetadataServerClient.h"
#include "migration/RunningToolFinder.h"
#include "tuning/TuningRecorder.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

namespace omu::cli {

namespace {

QString nextStepCommand(const MigrationFailure& failure)
{
    using Step = MigrationFailure::NextStep;
    switch (failure.nextStep) {
    case Step::BackToTuning:
        return QStringLiteral("omupgrade tune apply --value <larger>, then run this command again");
    case Step::Repair:
        return QStringLiteral("run this command with --repair, then again without it");
    case Step::RunMigration:
    case Step::Retry:
        return QStringLiteral("run this command again");
    case Step::RetryWithForce:
        return QStringLiteral("run this command again; if that fails on a change already made, "
                              "add --force (re-runs every version)");
    case Step::None:
        break;
    }
    return {};
}

} // namespace

void MigrateCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        {QStringLiteral("distribution"),
         QStringLiteral("The new release's unpacked tarball (holds bootstrap/ and conf/)."),
         QStringLiteral("dir")},
        {QStringLiteral("mode"),
         QStringLiteral("bare (default), docker, kubernetes (kubectl exec into a pod) or "
                        "kubernetes-job (the chart's migration container run as a Job with the "
                        "new image, while the deployment is scaled to 0)."),
         QStringLiteral("mode")},
        {QStringLiteral("force"),
         QStringLiteral("Re-run every version, carrying on past failures (after a partial run).")},
        {QStringLiteral("reindex"),
         QStringLiteral("After the migration: rebuild the search indexes with the release's "
                        "openmetadata-ops.sh reindex (1.3+), run the way --mode says.")},
        {QStringLiteral("repair"),
         QStringLiteral("Run the tool's repair (Flyway checksums) instead of the migration.")},
        {QStringLiteral("migration-config"),
         QStringLiteral(
             "Bare mode: the openmetadata.yaml the tool reads (default: the release's)."),
         QStringLiteral("file")},
        {QStringLiteral("compose-file"), QStringLiteral("Docker: the docker-compose file."),
         QStringLiteral("file")},
        {QStringLiteral("service"),
         QStringLiteral("Docker: the compose service (default execute-migrate-all)."),
         QStringLiteral("name")},
        {QStringLiteral("container"),
         QStringLiteral("Docker: docker exec into this container instead of compose run."),
         QStringLiteral("name")},
        {QStringLiteral("namespace"), QStringLiteral("Kubernetes: the namespace."),
         QStringLiteral("name")},
        {QStringLiteral("pod"),
         QStringLiteral("Kubernetes: pod or deploy/<name> (default deploy/openmetadata)."),
         QStringLiteral("name")},
        {QStringLiteral("deployment"),
         QStringLiteral("Kubernetes job: the deployment whose migration container the job "
                        "copies (default openmetadata)."),
         QStringLiteral("name")},
        {QStringLiteral("image"),
         QStringLiteral("Kubernetes job: the image to run (default: the deployment's, tagged "
                        "with the release's version)."),
         QStringLiteral("image")},
        {QStringLiteral("server-url"),
         QStringLiteral("The OpenMetadata server, checked to be stopped (default "
                        "http://localhost:8585)."),
         QStringLiteral("url")},
        {QStringLiteral("server-stopped"),
         QStringLiteral("Confirm the server is stopped when it cannot be checked from here.")},
        {QStringLiteral("own-backup"),
         QStringLiteral("Record that you have your own backup (say where and when)."),
         QStringLiteral("text")},
        {QStringLiteral("skip-tuning"), QStringLiteral("Record that tuning is skipped, and why."),
         QStringLiteral("reason")},
        {QStringLiteral("watchdog"),
         QStringLiteral("Seconds of silence before saying so (default 300)."),
         QStringLiteral("seconds")},
    });
}

int MigrateCommand::run(const CommandContext& context)
{
    const QCommandLineParser& parser = context.parser;
    QTextStream err(stderr);
    const CommandSupport support(context);
    if (!support.noStrayArguments())
        return ExitBadUsage;
    if (!parser.isSet(QStringLiteral("distribution"))) {
        err << "omupgrade: migrate needs --distribution DIR (the new release's unpacked "
               "tarball).\n";
        return ExitBadUsage;
    }
    MigrationSettings settings;
    if (parser.isSet(QStringLiteral("mode"))) {
        const auto mode = migrationModeFromName(parser.value(QStringLiteral("mode")));
        if (!mode) {
            err << "omupgrade: --mode must be bare, docker, kubernetes or kubernetes-job, not \""
                << parser.value(QStringLiteral("mode")) << "\".\n";
            return ExitBadUsage;
        }
        settings.mode = *mode;
    }
    int watchdog = 300;
    if (parser.isSet(QStringLiteral("watchdog"))) {
        bool ok = false;
        watchdog = parser.value(QStringLiteral("watchdog")).toInt(&ok);
        if (!ok || watchdog < 1 || watchdog > 86400) {
            err << "omupgrade: --watchdog must be a number of seconds from 1 to 86400.\n";
            return ExitBadUsage;
        }
    }
    settings.force = parser.isSet(QStringLiteral("force"));
    settings.configFile = parser.value(QStringLiteral("migration-config"));
    settings.docker.composeFile = parser.value(QStringLiteral("compose-file"));
    if (parser.isSet(QStringLiteral("service")))
        settings.docker.service = parser.value(QStringLiteral("service"));
    settings.docker.container = parser.value(QStringLiteral("container"));
    settings.kubernetes.nameSpace = parser.value(QStringLiteral("namespace"));
    if (parser.isSet(QStringLiteral("pod")))
        settings.kubernetes.target = parser.value(QStringLiteral("pod"));
    if (parser.isSet(QStringLiteral("deployment")))
        settings.kubernetes.deployment = parser.value(QStringLiteral("deployment"));
    settings.kubernetes.image = parser.value(QStringLiteral("image"));
    if (parser.isSet(QStringLiteral("repair")) && parser.isSet(QStringLiteral("reindex"))) {
        err << "omupgrade: --repair and --reindex are separate runs; give one of them.\n";
        return ExitBadUsage;
    }
    const MigrationAction action = parser.isSet(QStringLiteral("repair")) ? MigrationAction::Repair
                                   : parser.isSet(QStringLiteral("reindex"))
                                       ? MigrationAction::Reindex
                                       : MigrationAction::Migrate;

    const auto resolved = support.resolveProfile();
    if (!resolved)
        return ExitFailed;
    const ConnectionProfile profile = *resolved;
    const auto distribution =
        OpenMetadataDistribution::read(parser.value(QStringLiteral("distribution")));
    if (!distribution)
        return support.fail(distribution.error());
    const auto plan = MigrationPlanner::plan(profile, distribution.value());
    if (!plan)
        return support.fail(plan.error());
    QJsonObject document{{QStringLiteral("plan"), plan->toJson()}};

    const QString dataFolder = support.dataFolder();
    const QString by = QStringLiteral("omupgrade migrate");
    if (parser.isSet(QStringLiteral("own-backup")))
        if (const Status recorded = BackupRecorder(profile, dataFolder)
                                        .acknowledged(parser.value(QStringLiteral("own-backup")),
                                                      plan->current.toString(), by);
            !recorded.ok())
            return support.fail(recorded.error(), document);
    if (parser.isSet(QStringLiteral("skip-tuning")))
        if (const Status recorded = TuningRecorder(profile, dataFolder)
                                        .skipped(parser.value(QStringLiteral("skip-tuning")), by);
            !recorded.ok())
            return support.fail(recorded.error(), document);

    if (action == MigrationAction::Migrate && plan->upToDate()) {
        err << "Nothing to migrate: the database already holds OpenMetadata "
            << plan->target.toString()
            << (plan->targetSchema.isNull() || plan->targetSchema == plan->target
                    ? QString()
                    : QStringLiteral(" (it records %1, the newest migration the release ships)")
                          .arg(plan->targetSchema.toString()))
            << ".\n";
        if (context.json)
            QTextStream(stdout) << QJsonDocument(document).toJson(QJsonDocument::Indented);
        return ExitOk;
    }

    if (action == MigrationAction::Reindex && !plan->upToDate()) {
        err << "omupgrade: the database is at OpenMetadata "
            << (plan->current.isNull() ? QStringLiteral("1.0.x") : plan->current.toString())
            << ", not " << plan->target.toString()
            << ": run the migration first, then the reindex.\n";
        if (context.json)
            QTextStream(stdout) << QJsonDocument(document).toJson(QJsonDocument::Indented);
        return ExitFailed;
    }

    // The gate (the repair only rewrites Flyway's history, but still wants a stopped server;
    // the reindex only reads the migrated database).
    const auto progress = JournalProgress::forDeployment(profile, dataFolder);
    if (!progress)
        return support.fail(progress.error(), document);
    MigrationGate::Inputs inputs;
    inputs.caller = MigrationGate::Caller::CommandLine;
    inputs.target = plan->target.toString();
    inputs.progress = progress.value();
    inputs.databaseVersion = plan->current.isNull() ? QString() : plan->current.toString();
    const QString serverText = parser.isSet(QStringLiteral("server-url"))
                                   ? parser.value(QStringLiteral("server-url"))
                                   : QStringLiteral("http://localhost:8585");
    const QUrl serverUrl = OpenMetadataServerClient::normalise(serverText);
    inputs.serverUrl = serverUrl.toString();
    if (serverUrl.isValid()) {
        const auto answer = OpenMetadataServerClient::checkVersionNow(serverUrl, 5000);
        inputs.server = answer.answered ? MigrationGate::ServerState::Answering
                                        : MigrationGate::ServerState::NotAnswering;
        inputs.serverVersion = answer.version;
        inputs.serverDetail = answer.error;
    }
    inputs.userConfirmedServerStopped = parser.isSet(QStringLiteral("server-stopped"));
    inputs.runningTools = RunningToolFinder::find(distribution->root());
    inputs.unfinishedSteps = plan->unfinishedSteps();
    GateReport gate = MigrationGate::evaluate(inputs);
    // Backup, tuning and review guard the migration; a repair still wants a stopped server
    // and no earlier run still going; a reindex only reads the migrated database.
    if (action != MigrationAction::Migrate)
        for (auto& condition : gate.conditions)
            if (action == MigrationAction::Reindex || (condition.id != QLatin1String("running") &&
                                                       condition.id != QLatin1String("server")))
                condition.passed = true;
    document.insert(QStringLiteral("gate"), gate.toJson());
    if (!gate.passed()) {
        err << "The migration cannot start yet:\n";
        for (const auto& condition : gate.conditions)
            if (!condition.passed)
                err << "  \u2717 " << condition.title << "\n      " << condition.detail
                    << "\n      " << condition.advice << "\n";
        err << "(--own-backup, --skip-tuning and --server-stopped record your own decisions.)\n";
        if (context.json)
            QTextStream(stdout) << QJsonDocument(document).toJson(QJsonDocument::Indented);
        return ExitFailed;
    }

    const auto command =
        ToolCommandLineBuilder::build(distribution.value(), profile, settings, action);
    if (!command)
        return support.fail(command.error(), document);
    document.insert(QStringLiteral("command"), command->toJson());
    err << "Running:\n  "
        << QString(command->display()).replace(QLatin1Char('\n'), QStringLiteral("\n  ")) << "\n";
    err.flush();

    const MigrationRecorder recorder(profile, dataFolder);
    const QString logFile = recorder.newLogFile();
    if (action == MigrationAction::Migrate)
        if (const Status recorded =
                recorder.started(plan.value(), command.value(), logFile, inputs.serverUrl);
            !recorded.ok())
            return support.fail(recorded.error(), document);

    MigrationRunner runner;
    MigrationRunner::Options options;
    if (action != MigrationAction::Reindex) // nothing in SERVER_CHANGE_LOG to follow
        options.profile = profile;
    options.silenceSeconds = watchdog;
    options.logFile = logFile;
    for (const auto& pending : plan->pending)
        options.expectedVersions << pending.version.toString();
    QObject::connect(&runner, &MigrationRunner::lineReceived, [&err](const QString& line) {
        err << line << "\n";
        err.flush();
    });
    QObject::connect(&runner, &MigrationRunner::silent, [&err, &runner](int seconds) {
        err << "[omupgrade] the tool has printed nothing for " << seconds << " s"
            << (runner.currentVersion().isEmpty()
                    ? QString()
                    : QStringLiteral(" (in version %1)").arg(runner.currentVersion()))
            << "; large tables take long. Ctrl-C cancels.\n";
        err.flush();
    });
    QEventLoop loop;
    QObject::connect(&runner, &MigrationRunner::finished, &loop, &QEventLoop::quit);
    const CancelToken cancel;
    CommandSupport::cancelOnInterrupt(cancel);
    QTimer interruptPoll; // the handler only sets the token: cancel from the event loop
    QObject::connect(&interruptPoll, &QTimer::timeout, [&runner, cancel] {
        if (cancel.isCancelled() && runner.isRunning())
            runner.cancel();
    });
    interruptPoll.start(200);
    runner.start(command.value(), options);
    loop.exec();
    interruptPoll.stop();

    const MigrationOutcome& outcome = runner.outcome();
    const Status recorded = action == MigrationAction::Migrate  ? recorder.ended(outcome)
                            : action == MigrationAction::Repair ? recorder.repaired(outcome)
                                                                : Status{};
    if (!recorded.ok())
        err << "omupgrade: warning: " << recorded.error().toString() << "\n";
    if (action == MigrationAction::Reindex) {
        OpenMetadataServerClient::ReindexAnswer answer;
        answer.triggered = outcome.ending == Ending::Succeeded;
        answer.message = QStringLiteral("openmetadata-ops.sh reindex %1 (log: %2)")
                             .arg(endingName(outcome.ending), logFile);
        if (const Status reindexed =
                AfterRecorder(profile, dataFolder).reindexed(QStringLiteral("ops"), answer);
            !reindexed.ok())
            err << "omupgrade: warning: " << reindexed.error().toString() << "\n";
    }
    document.insert(QStringLiteral("outcome"), outcome.toJson());

    const char* what = action == MigrationAction::Reindex  ? "Reindex"
                       : action == MigrationAction::Repair ? "Repair"
                                                           : "Migration";
    err << "\n"
        << what
        << (outcome.ending == Ending::Succeeded   ? " succeeded"
            : outcome.ending == Ending::Cancelled ? " cancelled"
                                                  : " failed")
        << " after " << QString::number(outcome.seconds, 'f', 1) << " s.\n";
    for (const auto& version : outcome.versions)
        err << "  " << version.version << "  " << VersionProgress::stateName(version.state)
            << (version.confirmed ? " (recorded in SERVER_CHANGE_LOG)" : "")
            << (version.detail.isEmpty() ? QString() : QStringLiteral(": ") + version.detail)
            << "\n";
    for (const auto& failure : outcome.failures) {
        err << "\n\u2717 " << failure.title << "\n  " << failure.advice << "\n";
        if (!failure.evidence.isEmpty())
            err << "  Seen: " << failure.evidence << "\n";
        const QString next = nextStepCommand(failure);
        if (!next.isEmpty())
            err << "  Next: " << next << "\n";
    }
    err << "\n" << outcome.explanation << "\nLog: " << logFile << "\n";
    if (context.json)
        QTextStream(stdout) << QJsonDocument(document).toJson(QJsonDocument::Indented);
    return outcome.ending == Ending::Succeeded ? ExitOk : ExitFailed;
}

} // namespace omu::cli

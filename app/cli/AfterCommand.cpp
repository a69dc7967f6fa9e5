#include "AfterCommand.h"

#include "after/AfterRecorder.h"
#include "after/AfterUpgrade.h"
#include "CommandSupport.h"
#include "common/Version.h"
#include "journal/JournalProgress.h"
#include "migration/OpenMetadataDistribution.h"
#include "report/ConnectionOrigins.h"

#include <QTextStream>

namespace omu::cli {

namespace {

QString mark(bool ok)
{
    return ok ? QStringLiteral("\u2713") : QStringLiteral("\u2717");
}

} // namespace

void AfterCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        {QStringLiteral("to"),
         QStringLiteral("The release migrated to (default: the journal's last migration)."),
         QStringLiteral("version")},
        {QStringLiteral("distribution"),
         QStringLiteral("The release folder migrated to: its version and the newest migration it "
                        "ships (default: what the journal's migration recorded)."),
         QStringLiteral("dir")},
        {QStringLiteral("workflows"),
         QStringLiteral("Folder of ingestion workflow YAMLs, for the pip line's plugins."),
         QStringLiteral("folder")},
        {QStringLiteral("server-url"),
         QStringLiteral("The new OpenMetadata server, asked for its version."),
         QStringLiteral("url")},
        {QStringLiteral("output"),
         QStringLiteral("Folder for the report (default: beside the journal)."),
         QStringLiteral("dir")},
    });
}

int AfterCommand::run(const CommandContext& context)
{
    const CommandSupport support(context);
    const QCommandLineParser& parser = context.parser;
    if (!support.noStrayArguments())
        return ExitBadUsage;
    const QString given = parser.value(QStringLiteral("to"));
    if (!given.isEmpty() && !Version::parse(given))
        return support.badUsage(
            QStringLiteral("--to \"%1\" is not a version like 1.3.0.").arg(given));
    const auto profile = support.resolveProfile();
    if (!profile)
        return ExitFailed;
    const QString dataFolder = support.dataFolder();
    const auto progress = JournalProgress::forDeployment(*profile, dataFolder);
    if (!progress)
        return support.fail(progress.error());
    // The release and the newest migration it ships: from the release folder when given,
    // else as the journal's migration found them.
    QString target = given.isEmpty() ? progress->migrationTarget() : given;
    QString targetSchema =
        target == progress->migrationTarget() ? progress->migrationTargetSchema() : QString();
    if (parser.isSet(QStringLiteral("distribution"))) {
        const auto distribution =
            OpenMetadataDistribution::read(parser.value(QStringLiteral("distribution")));
        if (!distribution)
            return support.fail(distribution.error());
        if (!given.isEmpty() && !(*Version::parse(given) == distribution->version()))
            return support.badUsage(QStringLiteral("--to %1 but the release folder holds %2.")
                                        .arg(given, distribution->version().toString()));
        target = distribution->version().toString();
        const Version newest = distribution->newestMigration(profile->engine);
        if (newest.isNull())
            return support.fail(makeError(
                QStringLiteral("the release folder ships no migration for %1")
                    .arg(OpenMetadataDistribution::engineFolder(profile->engine)),
                distribution->root(),
                QStringLiteral("Give the folder of the release built for this database.")));
        targetSchema = newest.toString();
    }
    if (target.isEmpty())
        return support.badUsage(QStringLiteral(
            "no migration is recorded for this deployment: give --to (the release migrated to)."));

    // With --json, stdout holds only the document; the account goes to stderr.
    QTextStream out(context.json ? stderr : stdout);
    const AfterRecorder recorder(*profile, dataFolder);
    QJsonObject document{{QStringLiteral("target"), target}};
    int exitCode = ExitOk;

    // 1. The database holds the target.
    const auto verification = AfterUpgrade::verify(*profile, target, targetSchema);
    if (!verification)
        return support.fail(verification.error(), document);
    static_cast<void>(recorder.verified(target, verification.value()));
    const bool migrated = verification->holdsTarget;
    document.insert(QStringLiteral("database"),
                    QJsonObject{{QStringLiteral("holdsTarget"), migrated},
                                {QStringLiteral("undetermined"), verification->undetermined},
                                {QStringLiteral("message"), verification->message}});
    out << (verification->undetermined ? QStringLiteral("?") : mark(migrated))
        << " Database: " << verification->message
        << (migrated                     ? ""
            : verification->undetermined ? " Give --distribution DIR (the release folder) to check."
                                         : " Run 'omupgrade migrate --distribution DIR' again.")
        << "\n";
    if (!migrated)
        exitCode = verification->undetermined ? ExitWarnings : ExitFailed;

    // 2. The tuning back, once the migration no longer needs it.
    QJsonObject tuning{{QStringLiteral("reverted"), false}};
    if (!progress->tuningToRevert()) {
        out << "\u2713 Tuning: nothing to put back.\n";
    } else if (!migrated) {
        tuning.insert(QStringLiteral("message"),
                      QStringLiteral("kept: a retry of the migration needs the raised value"));
        out << "  Tuning: kept for now: a retry of the migration needs the raised value "
               "('omupgrade tune revert' puts it back if you give up).\n";
    } else {
        const auto reverted = defaultTuningReverter()(*profile, dataFolder);
        static_cast<void>(recorder.tuningReverted(reverted));
        if (reverted) {
            tuning = {{QStringLiteral("reverted"), reverted->reverted},
                      {QStringLiteral("message"), reverted->message}};
            out << "\u2713 Tuning: " << reverted->message << "\n";
        } else {
            tuning.insert(QStringLiteral("error"), CommandSupport::errorJson(reverted.error()));
            out << "\u2717 Tuning: could not put it back: " << reverted.error().toString() << "\n";
            exitCode = ExitFailed;
        }
    }
    document.insert(QStringLiteral("tuning"), tuning);

    // 3. The new server's version, when asked.
    if (parser.isSet(QStringLiteral("server-url"))) {
        const QUrl url =
            OpenMetadataServerClient::normalise(parser.value(QStringLiteral("server-url")));
        const auto answer = OpenMetadataServerClient::checkVersionNow(url, 10000);
        static_cast<void>(recorder.serverVersion(url.toString(), target, answer));
        const auto seen = Version::parse(answer.version);
        const bool matches = seen && *seen == *Version::parse(target);
        document.insert(QStringLiteral("server"),
                        QJsonObject{{QStringLiteral("url"), url.toString()},
                                    {QStringLiteral("version"), answer.version},
                                    {QStringLiteral("matches"), matches},
                                    {QStringLiteral("error"), answer.error}});
        out << mark(matches) << " Server: "
            << (matches ? QStringLiteral("runs OpenMetadata %1.").arg(answer.version)
                : answer.version.isEmpty()
                    ? QStringLiteral("no answer (%1): start the new release's server.")
                          .arg(answer.error)
                    : QStringLiteral("reports %1, not %2: start the new release.")
                          .arg(answer.version, target))
            << "\n";
        if (!matches && exitCode == ExitOk)
            exitCode = ExitWarnings;
    }

    // 4. The ingestion client's lines.
    const QString workflows = parser.value(QStringLiteral("workflows"));
    const IngestionCommands commands = IngestionClientCommands::build(
        workflows.isEmpty() ? QStringList() : QStringList{workflows}, target);
    static_cast<void>(recorder.ingestionCommands(commands));
    document.insert(QStringLiteral("ingestion"), commands.toJson());
    out << "\nIngestion client:\n  " << commands.ingestionLine << "\n  " << commands.managedApisLine
        << "   # only if you run your own Airflow\n";
    if (!commands.python.isEmpty())
        out << "  # Python " << commands.python << "; " << commands.clientRule << "\n";
    for (const QString& warning : commands.warnings)
        out << "  # " << warning << "\n";

    // 5. The report, with everything above in it.
    const auto report = AfterUpgrade::writeReport(
        *profile, dataFolder, parser.value(QStringLiteral("output")), {},
        ConnectionOrigins::describe(*profile, context.sources, QStringLiteral("typed"),
                                    QStringLiteral("command-line option")));
    if (!report) {
        document.insert(
            QStringLiteral("report"),
            QJsonObject{{QStringLiteral("error"), CommandSupport::errorJson(report.error())}});
        support.err() << "omupgrade: " << report.error().toString() << "\n";
        exitCode = ExitFailed;
    } else {
        document.insert(QStringLiteral("report"),
                        QJsonObject{{QStringLiteral("json"), report->files.jsonFile},
                                    {QStringLiteral("html"), report->files.htmlFile}});
        out << "\nReport written, secrets removed:\n  " << report->files.htmlFile << "\n  "
            << report->files.jsonFile << "\n";
    }
    if (context.json) {
        out.flush();
        support.printJson(document);
    }
    return exitCode;
}

} // namespace omu::cli

#include "ReviewCommand.h"

#include "CommandSupport.h"
#include "connection/ServerInspector.h"
#include "review/Catalog.h"
#include "review/FixPlan.h"
#include "review/ReviewEngine.h"
#include "review/ReviewRecorder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QTextStream>

namespace omu::cli {

namespace {

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

bool hasConnectionSource(const ConnectionSources& sources)
{
    return !sources.configFile.isEmpty() || !sources.envFiles.isEmpty() ||
           !sources.helmValuesFile.isEmpty() || sources.host || sources.engine ||
           sources.database || sources.port || sources.user;
}

QString heading(Severity severity)
{
    switch (severity) {
    case Severity::Blocker:
        return QStringLiteral("Blockers");
    case Severity::Warning:
        return QStringLiteral("Warnings");
    case Severity::Notice:
        break;
    }
    return QStringLiteral("Notices");
}

// Findings of one id together, under the entry's title, as MySQL Shell groups its checks.
void printGroup(QTextStream& out, const QList<const Finding*>& findings, bool manual)
{
    const Finding& first = *findings.first();
    out << "  " << first.id << "  [" << first.since << "]  " << first.title << "\n";
    for (const Finding* finding : findings) {
        const QString where = finding->location();
        out << "    " << (where.isEmpty() ? QString() : where + QStringLiteral("  "))
            << finding->message << "\n";
        if (finding->autofix)
            out << "      automatic fix: " << finding->autofixDescription << "\n";
        else if (!finding->autofixUnavailable.isEmpty())
            out << "      no automatic fix here: " << finding->autofixUnavailable << "\n";
    }
    if (!manual)
        out << "    Why: " << first.why << "\n";
    out << "    Fix: " << first.fix << "\n";
}

void printText(QTextStream& out, const ReviewReport& report)
{
    out << "Upgrade review: OpenMetadata " << report.from << " -> " << report.to << " ("
        << report.applicableEntries << " catalog entries apply)\n";
    if (report.search)
        out << "Search engine: " << report.search->flavour << " " << report.search->version
            << " at " << report.search->url << "\n";

    auto section = [&](const QString& title, auto accept, bool manual) {
        QList<QString> order;
        QMap<QString, QList<const Finding*>> groups;
        for (const Finding& finding : report.findings) {
            if (!accept(finding))
                continue;
            if (!groups.contains(finding.id))
                order << finding.id;
            groups[finding.id].append(&finding);
        }
        if (order.isEmpty())
            return;
        int total = 0;
        for (const auto& group : std::as_const(groups))
            total += int(group.size());
        out << "\n" << title << " (" << total << ")\n";
        for (const QString& id : order)
            printGroup(out, groups.value(id), manual);
    };
    for (Severity severity : {Severity::Blocker, Severity::Warning, Severity::Notice})
        section(
            heading(severity),
            [severity](const Finding& f) { return !f.manual && f.severity == severity; }, false);
    section(
        QStringLiteral("Manual checks, to confirm by hand"),
        [](const Finding& f) { return f.manual; }, true);

    if (!report.notChecked.isEmpty()) {
        // One line per reason, naming the checks it stopped.
        QList<QString> reasons;
        QMap<QString, QStringList> ids;
        for (const NotChecked& skipped : report.notChecked) {
            if (!ids.contains(skipped.reason))
                reasons << skipped.reason;
            if (!ids[skipped.reason].contains(skipped.id))
                ids[skipped.reason] << skipped.id;
        }
        out << "\nNot checked (" << report.notChecked.size() << ")\n";
        for (const QString& reason : reasons)
            out << "  " << ids.value(reason).join(QStringLiteral(", ")) << "\n    " << reason
                << "\n";
    }
    if (!report.problems.isEmpty()) {
        out << "\nInputs that could not be read (" << report.problems.size() << ")\n";
        for (const ReviewProblem& problem : report.problems)
            out << "  " << problem.toString() << "\n";
    }
    out << "\nBlockers: " << report.count(Severity::Blocker)
        << "   Warnings: " << report.count(Severity::Warning)
        << "   Notices: " << report.count(Severity::Notice)
        << "   Manual checks: " << report.manualCount() << "\n"
        << report.summary() << "\n";
}

int exitCodeFor(const ReviewReport& report)
{
    if (report.hasBlockers() || !report.problems.isEmpty())
        return ExitFailed;
    // A check that could not run is said as loudly as a warning: never exit 0 past it.
    if (report.count(Severity::Warning) + report.count(Severity::Notice) > 0 ||
        !report.notChecked.isEmpty())
        return ExitWarnings;
    return ExitOk;
}

QJsonObject fixesJson(const FixPlan& plan, const QList<FixApplier::Applied>& applied,
                      const QString& error)
{
    QJsonArray files;
    for (const FilePatch& patch : plan.patches) {
        QString backup;
        for (const auto& done : applied)
            if (done.path == patch.path)
                backup = done.backupPath;
        files.append(
            QJsonObject{{QStringLiteral("file"), patch.path},
                        {QStringLiteral("changes"), QJsonArray::fromStringList(patch.descriptions)},
                        {QStringLiteral("backup"), backup},
                        {QStringLiteral("diff"), patch.diff}});
    }
    QJsonArray refused;
    for (const auto& [key, reason] : plan.refused)
        refused.append(QJsonObject{{QStringLiteral("finding"), key.section(QLatin1Char('|'), 0, 0)},
                                   {QStringLiteral("file"), key.section(QLatin1Char('|'), 1, 1)},
                                   {QStringLiteral("reason"), reason}});
    QJsonObject json{{QStringLiteral("applied"), error.isEmpty() && !applied.isEmpty()},
                     {QStringLiteral("files"), files},
                     {QStringLiteral("refused"), refused}};
    if (!error.isEmpty())
        json.insert(QStringLiteral("error"), error);
    return json;
}

} // namespace

void ReviewCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        {QStringLiteral("from"),
         QStringLiteral("The release running now (default: read from the database)."),
         QStringLiteral("version")},
        {QStringLiteral("to"), QStringLiteral("The target release."), QStringLiteral("version")},
        {QStringLiteral("workflows"), QStringLiteral("Folder of ingestion workflow YAMLs."),
         QStringLiteral("folder")},
        {QStringLiteral("code"), QStringLiteral("Folder of custom connector Python code."),
         QStringLiteral("folder")},
        {QStringLiteral("scripts"),
         QStringLiteral("Folder of scripts and deployment files: shell scripts, crontabs, systemd "
                        "units, Dockerfiles, docker compose, CI and Kubernetes files, "
                        "requirements."),
         QStringLiteral("folder")},
        {QStringLiteral("search-url"),
         QStringLiteral("Elasticsearch/OpenSearch URL (default: the one in --config)."),
         QStringLiteral("url")},
        {QStringLiteral("search-timeout"),
         QStringLiteral("Seconds to wait for the search engine (default 5)."),
         QStringLiteral("seconds")},
        {QStringLiteral("acknowledge"),
         QStringLiteral("A blocker (by id) you will handle yourself; repeatable. It no longer "
                        "holds back the migration."),
         QStringLiteral("id")},
        {QStringLiteral("apply-fixes"),
         QStringLiteral("Apply every automatic fix (originals kept as <file>.bak-<time>), then "
                        "review again.")},
    });
}

int ReviewCommand::run(const CommandContext& context)
{
    const QCommandLineParser& parser = context.parser;
    QTextStream out(stdout);
    const CommandSupport support(context);
    if (!support.noStrayArguments())
        return ExitBadUsage;
    const QString to = parser.value(QStringLiteral("to"));
    if (to.isEmpty()) {
        err() << "omupgrade: review needs --to (the target release, e.g. --to 1.3.0).\n";
        return ExitBadUsage;
    }
    for (const char* option : {"from", "to"}) {
        const QString value = parser.value(QString::fromLatin1(option));
        if (!value.isEmpty() && !Version::parse(value)) {
            err() << "omupgrade: --" << option << " \"" << value
                  << "\" is not a version like 1.2.0.\n";
            return ExitBadUsage;
        }
    }
    int searchTimeout = 5;
    if (parser.isSet(QStringLiteral("search-timeout"))) {
        bool ok = false;
        searchTimeout = parser.value(QStringLiteral("search-timeout")).toInt(&ok);
        if (!ok || searchTimeout < 1 || searchTimeout > 300) {
            err() << "omupgrade: --search-timeout must be a whole number from 1 to 300.\n";
            return ExitBadUsage;
        }
    }

    const auto catalog = Catalog::loadBuiltIn();
    if (!catalog) {
        err() << "omupgrade: " << catalog.error().toString() << "\n";
        return ExitFailed;
    }

    ReviewRequest request;
    request.from = parser.value(QStringLiteral("from"));
    request.to = to;
    request.configFile = context.sources.configFile;
    request.envFiles = context.sources.envFiles;
    request.helmValuesFile = context.sources.helmValuesFile;
    request.workflowsFolder = parser.value(QStringLiteral("workflows"));
    request.codeFolder = parser.value(QStringLiteral("code"));
    request.scriptsFolder = parser.value(QStringLiteral("scripts"));
    request.searchUrl = parser.value(QStringLiteral("search-url"));
    request.searchTimeoutMs = searchTimeout * 1000;

    // The database is only looked at when the user pointed at a deployment.
    if (!hasConnectionSource(context.sources)) {
        request.databaseUnavailableReason = QStringLiteral(
            "no connection was given (--config, --env-file, --helm-values or --host)");
    } else if (const auto resolved = ConnectionResolver::resolve(context.sources); !resolved) {
        request.databaseUnavailableReason =
            QStringLiteral("the connection could not be resolved: %1")
                .arg(resolved.error().toString());
    } else {
        request.database = resolved.value().profile;
    }
    if (request.from.isEmpty()) {
        if (!request.database) {
            err() << "omupgrade: give --from (the release running now), or a connection to read it "
                     "from the database.\n";
            return ExitBadUsage;
        }
        err() << "Reading the current release from " << request.database->displayName() << "\n";
        const auto inspection = ServerInspector::inspect(*request.database);
        if (!inspection || inspection.value().problem ||
            inspection.value().openMetadata.version.isEmpty()) {
            err() << "omupgrade: the current release could not be read from the database ("
                  << (!inspection                  ? inspection.error().summary
                      : inspection.value().problem ? inspection.value().problem->summary
                                                   : QStringLiteral("no SERVER_CHANGE_LOG version"))
                  << "); give --from.\n";
            return ExitFailed;
        }
        request.from = inspection.value().openMetadata.version;
    }

    auto progress = [](const QString& text) { err() << text << "\n" << Qt::flush; };
    auto report = ReviewEngine::run(catalog.value(), request, CancelToken(), progress);
    if (!report) {
        err() << "omupgrade: " << report.error().toString() << "\n";
        return ExitBadUsage;
    }

    std::optional<QJsonObject> fixes;
    QList<Finding> fixed; // for the journal: the report lists them as fixed
    if (parser.isSet(QStringLiteral("apply-fixes"))) {
        QList<Finding> chosen;
        for (const Finding& finding : report.value().findings)
            if (finding.autofix)
                chosen << finding;
        const FixPlan plan = FixPlanner::plan(chosen);
        QList<FixApplier::Applied> applied;
        QString error;
        if (!plan.isEmpty()) {
            if (auto written = FixApplier::apply(plan)) {
                applied = written.value();
                fixed = ReviewCompletion::fixedBy(plan, chosen);
            } else
                error = written.error().toString();
        }
        if (!context.json) {
            out << plan.diff();
            for (const auto& done : applied)
                out << "Fixed " << done.path << " (original kept as " << done.backupPath << ")\n";
            for (const auto& [key, reason] : plan.refused)
                out << "Not fixed automatically: " << key.section(QLatin1Char('|'), 0, 0) << " in "
                    << key.section(QLatin1Char('|'), 1, 1) << ": " << reason << "\n";
            if (plan.isEmpty())
                out << "No automatic fix to apply.\n";
            out << "\n";
        }
        fixes = fixesJson(plan, applied, error);
        if (!error.isEmpty()) {
            err() << "omupgrade: " << error << "\n";
            if (context.json)
                out << QJsonDocument(QJsonObject{{QStringLiteral("fixes"), *fixes}}).toJson();
            return ExitFailed;
        }
        // What is left after the fixes.
        if (!applied.isEmpty())
            report = ReviewEngine::run(catalog.value(), request, CancelToken(), progress);
        if (!report) {
            err() << "omupgrade: " << report.error().toString() << "\n";
            return ExitFailed;
        }
    }

    // The migration's gate reads the completion from this deployment's journal, the same
    // entry the wizard's Review page writes.
    QJsonObject recorded{{QStringLiteral("recorded"), false}};
    if (request.database) {
        const QStringList ids = parser.values(QStringLiteral("acknowledge"));
        const ReviewCompletion completion =
            ReviewCompletion::of(report.value(), QSet<QString>(ids.cbegin(), ids.cend()),
                                 QStringLiteral("omupgrade review"), fixed);
        const Status written =
            ReviewRecorder(*request.database, support.dataFolder()).completed(completion);
        recorded = QJsonObject{
            {QStringLiteral("recorded"), written.ok()},
            {QStringLiteral("openBlockers"), completion.openBlockers},
            {QStringLiteral("acknowledged"), QJsonArray::fromStringList(completion.acknowledged)}};
        if (!written)
            err() << "omupgrade: warning: the review could not be recorded in the journal: "
                  << written.error().toString() << "\n";
        else
            err() << "Recorded in the upgrade journal: " << completion.openBlockers
                  << " open blocker(s).\n";
    } else {
        err() << "Not recorded in an upgrade journal: no connection was given, so the migration "
                 "will not see this review.\n";
    }

    if (context.json) {
        QJsonObject document = report.value().toJson();
        document.insert(QStringLiteral("journal"), recorded);
        if (fixes)
            document.insert(QStringLiteral("fixes"), *fixes);
        out << QJsonDocument(document).toJson(QJsonDocument::Indented);
    } else {
        printText(out, report.value());
    }
    return exitCodeFor(report.value());
}

} // namespace omu::cli

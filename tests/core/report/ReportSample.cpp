#include "ReportSample.h"

#include "after/AfterRecorder.h"
#include "backup/BackupRecorder.h"
#include "common/ByteSize.h"
#include "migration/MigrationRecorder.h"
#include "review/ReviewRecorder.h"
#include "TestData.h"
#include "tuning/TuningRecorder.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace omu::test {

namespace {

Finding finding(const QString& id, Severity severity, const QString& title, const QString& file,
                int line, const QString& message = {})
{
    Finding f;
    f.id = id;
    f.severity = severity;
    f.title = title;
    f.file = file;
    f.line = line;
    f.since = QStringLiteral("1.2.0");
    f.message = message;
    return f;
}

// The stand-in tool's output: its own time stamps, 1.2.0 taking 3.2 s of real work.
QStringList toolLog(const QDateTime& start, bool recorded)
{
    const auto at = [&start](int ms) {
        return start.addMSecs(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss,zzz"));
    };
    QStringList lines{
        QStringLiteral("INFO  [%1] [main] o.o.s.u.OpenMetadataOperations - Migrating the "
                       "OpenMetadata database")
            .arg(at(0)),
        QStringLiteral("Following Migrations will be performed, with Force Migration : false"),
        QStringLiteral(
            "+---------+----------------+----------------------------------------------+"),
        QStringLiteral(
            "| Version | ConnectionType | MigrationsFilePath                           |"),
        QStringLiteral(
            "+---------+----------------+----------------------------------------------+"),
        QStringLiteral(
            "| 1.1.6   | mysql          | bootstrap/sql/migrations/native/1.1.6/mysql  |"),
        QStringLiteral(
            "| 1.2.0   | mysql          | bootstrap/sql/migrations/native/1.2.0/mysql  |"),
        QStringLiteral(
            "+---------+----------------+----------------------------------------------+"),
        QStringLiteral("INFO  [%1] [main] o.o.s.m.a.MigrationWorkflow - [MigrationWorkFlow] "
                       "Migration Run started for Version: 1.1.6, with Force Migration : false")
            .arg(at(400)),
        QStringLiteral("INFO  [%1] [main] o.o.s.m.a.MigrationWorkflow - [MigrationWorkFlow] "
                       "Migration Run finished for Version: 1.1.6")
            .arg(at(1200)),
        QStringLiteral("INFO  [%1] [main] o.o.s.m.a.MigrationWorkflow - [MigrationWorkFlow] "
                       "Migration Run started for Version: 1.2.0, with Force Migration : false")
            .arg(at(1300)),
        QStringLiteral("INFO  [%1] [main] o.o.s.m.u.v.MigrationUtil - Linked 1,214 queries to "
                       "their services; deleted 3 queries with no service")
            .arg(at(3900)),
        QStringLiteral("INFO  [%1] [main] o.o.s.m.a.MigrationWorkflow - [MigrationWorkFlow] "
                       "Migration Run finished for Version: 1.2.0")
            .arg(at(4500)),
        QStringLiteral(
            "+---------+----------------+---------------+---------------+----------------+"),
        QStringLiteral(
            "| Version | Initialization | SchemaChanges | DataMigration | PostDDLScripts |"),
        QStringLiteral(
            "+---------+----------------+---------------+---------------+----------------+"),
        QStringLiteral(
            "| 1.1.6   | Success        | Success       | Success       | Success        |"),
        QStringLiteral(
            "| 1.2.0   | Success        | Success       | Success       | Success        |"),
        QStringLiteral(
            "+---------+----------------+---------------+---------------+----------------+"),
    };
    if (!recorded)
        lines << QStringLiteral("WARN  [%1] [main] o.o.s.u.OpenMetadataOperations - could not "
                                "record the version in SERVER_CHANGE_LOG")
                     .arg(at(4600));
    return lines;
}

} // namespace

ReportSample ReportSample::write(const QString& folder, Ending ending)
{
    ReportSample sample;
    sample.dataFolder = folder;

    // The connection: openmetadata.yaml and the docker env file, the host typed by hand.
    ConnectionSources sources;
    sources.configFile = dataPath(QStringLiteral("connection/openmetadata-1.2.yaml"));
    sources.envFiles = {dataPath(QStringLiteral("connection/env-mysql"))};
    sources.environment.insert(QStringLiteral("HOME"), QStringLiteral("/root"));
    const auto resolved = ConnectionResolver::resolve(sources);
    sample.profile = resolved ? resolved->profile : ConnectionProfile();
    sample.profile.host = QStringLiteral("mysql.prod.internal");
    sample.connection =
        ConnectionOrigins::describe(sample.profile, sources, QStringLiteral("typed in the wizard"),
                                    QStringLiteral("command-line option"));
    const ConnectionProfile& profile = sample.profile;

    // The backup: 4.1 MB, 0.3 s of work.
    const QString backupFile =
        QDir(folder).filePath(QStringLiteral("backups/openmetadata_db-1.1.5-20261206T101500Z.sql"));
    BackupManifest manifest;
    manifest.sha256 =
        QStringLiteral("9f2c4e1d8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f10");
    manifest.openMetadataVersion = QStringLiteral("1.1.5");
    manifest.rows = 48213;
    manifest.bytes = 4282180;
    manifest.tables.resize(57);
    const QDateTime backupStart = QDateTime::currentDateTimeUtc().addSecs(-600);
    manifest.startedAt = backupStart.toString(Qt::ISODateWithMs);
    manifest.finishedAt = backupStart.addMSecs(300).toString(Qt::ISODateWithMs);
    manifest.seconds = 0.3;
    manifest.snapshot = QStringLiteral("one transaction (REPEATABLE READ, consistent snapshot)");
    static_cast<void>(BackupRecorder(profile, folder)
                          .verified(backupFile, manifest, true, QStringLiteral("wizard")));
    if (ending == Ending::BackupOnly)
        return sample;

    // Tuning: 256 kB raised to 20 MB.
    TuningChange change;
    change.engine = Engine::MySql;
    change.parameter = QStringLiteral("sort_buffer_size");
    change.route = TuningRoute::SetGlobal;
    change.database = profile.database;
    change.originalSet = true;
    change.originalValue = QStringLiteral("262144");
    change.originalBytes = 262144;
    change.appliedValue = QStringLiteral("20971520");
    change.appliedBytes = 20971520;
    const TuningRecorder tuning(profile, folder);
    static_cast<void>(tuning.applying(change, false));
    static_cast<void>(tuning.applied(change, true, change.appliedBytes));

    // The review: one fixed, one acknowledged, the rest open.
    const QString config = QStringLiteral("/etc/openmetadata/openmetadata.yaml");
    const Finding fixed =
        finding(QStringLiteral("secrets-manager-noop-renamed"), Severity::Warning,
                QStringLiteral("The secrets manager noop is now called db"), config, 211);
    ReviewReport report;
    report.from = QStringLiteral("1.1.5");
    report.to = QStringLiteral("1.2.0");
    report.findings = {
        finding(QStringLiteral("queries-without-service"), Severity::Blocker,
                QStringLiteral("Queries that reach no database service are deleted"), QString(), 0,
                QStringLiteral("3 queries in the database would be deleted")),
        finding(QStringLiteral("elasticsearch-7-required"), Severity::Warning,
                QStringLiteral("The search engine must be Elasticsearch 7.16 or later"), QString(),
                0, QStringLiteral("the search engine reports 7.10.2")),
        finding(QStringLiteral("airflow-python-version"), Severity::Notice,
                QStringLiteral("Ingestion containers move to Python 3.9 and later"),
                QStringLiteral("/srv/airflow/Dockerfile"), 1),
    };
    Finding manual = finding(QStringLiteral("reindex-after-upgrade"), Severity::Notice,
                             QStringLiteral("Reindex search after the upgrade"), QString(), 0);
    manual.manual = true;
    report.findings << manual;
    report.notChecked = {NotChecked{QStringLiteral("ingestion-workflows"),
                                    QStringLiteral("workflow-files"),
                                    QStringLiteral("no ingestion workflow folder was given")}};
    const QSet<QString> acknowledged{ReviewCompletion::acknowledgementKey(report.findings.first())};
    static_cast<void>(ReviewRecorder(profile, folder)
                          .completed(ReviewCompletion::of(report, acknowledged,
                                                          QStringLiteral("wizard"), {fixed})));
    sample.findingTitles << fixed.title;
    for (const Finding& f : report.findings)
        sample.findingTitles << f.title;

    // The migration through the tool's log.
    const MigrationRecorder migration(profile, folder);
    sample.logFile = migration.newLogFile();
    const bool recorded = ending == Ending::Upgraded;
    const QDateTime toolStart = QDateTime::currentDateTimeUtc().addSecs(-30);
    const QStringList log = toolLog(toolStart, recorded);
    QFile file(sample.logFile);
    if (file.open(QIODevice::WriteOnly))
        file.write((log.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
    file.close();
    MigrationPlan plan;
    plan.engine = Engine::MySql;
    plan.current = *Version::parse(QStringLiteral("1.1.5"));
    plan.target = *Version::parse(QStringLiteral("1.2.0"));
    plan.targetSchema = plan.target;
    plan.distributionRoot = QStringLiteral("/opt/openmetadata-1.2.0");
    for (const char* version : {"1.1.6", "1.2.0"})
        plan.pending << PendingVersion{*Version::parse(QLatin1String(version))};
    ToolCommandLine command;
    command.program = QStringLiteral("/opt/openmetadata-1.2.0/bootstrap/openmetadata-ops.sh");
    command.arguments = {QStringLiteral("-c"), QStringLiteral("conf/openmetadata.yaml"),
                         QStringLiteral("migrate")};
    command.passedKeys = {QStringLiteral("DB_USER_PASSWORD")};
    command.secretKeys = command.passedKeys;
    command.environment.insert(QStringLiteral("DB_USER_PASSWORD"), password());
    static_cast<void>(migration.started(plan, command, sample.logFile));
    MigrationLogParser parser;
    parser.setExpected({QStringLiteral("1.1.6"), QStringLiteral("1.2.0")});
    for (const QString& line : log)
        parser.feed(line);
    MigrationOutcome outcome;
    outcome.ending = omu::Ending::Succeeded;
    outcome.exitCode = 0;
    outcome.versions = parser.versions();
    outcome.logFile = sample.logFile;
    outcome.seconds = 6.8;
    static_cast<void>(migration.ended(outcome));

    // After.
    const AfterRecorder after(profile, folder);
    AfterUpgrade::Verification verification;
    verification.holdsTarget = recorded;
    verification.versions = {QStringLiteral("1.1.0"), QStringLiteral("1.1.5"),
                             QStringLiteral("1.1.6")};
    if (recorded) {
        verification.versions << QStringLiteral("1.2.0");
        verification.message =
            QStringLiteral("SERVER_CHANGE_LOG records 1.2.0: the database is migrated.");
    } else {
        verification.message = QStringLiteral("SERVER_CHANGE_LOG does not record 1.2.0 (newest: "
                                              "1.1.6): the migration did not complete.");
    }
    static_cast<void>(after.verified(QStringLiteral("1.2.0"), verification));
    if (!recorded)
        return sample;
    static_cast<void>(tuning.reverted(change, false, true, change.originalBytes));
    static_cast<void>(after.tuningReverted(
        TuningRevertOutcome{true, QStringLiteral("sort_buffer_size is back to 262144 (256 kB).")}));
    OpenMetadataServerClient::VersionAnswer answer;
    answer.answered = true;
    answer.httpStatus = 200;
    answer.version = QStringLiteral("1.2.0");
    static_cast<void>(after.serverVersion(QStringLiteral("http://openmetadata.prod.internal:8585"),
                                          QStringLiteral("1.2.0"), answer));
    static_cast<void>(after.reindexed(
        QStringLiteral("api"),
        OpenMetadataServerClient::ReindexAnswer{true, 201,
                                                QStringLiteral("SearchIndexingApplication "
                                                               "started")}));
    IngestionCommands commands;
    commands.plugins = {QStringLiteral("mysql"), QStringLiteral("snowflake")};
    commands.ingestionLine =
        QStringLiteral("pip install \"openmetadata-ingestion[mysql,snowflake]==1.2.0\"");
    commands.managedApisLine = QStringLiteral("pip install \"openmetadata-managed-apis==1.2.0\"");
    commands.python = QStringLiteral("3.8-3.11");
    static_cast<void>(after.ingestionCommands(commands));
    return sample;
}

Result<ReportSample::Report> ReportSample::writeReport(const QString& folder) const
{
    UpgradeReport::Options options;
    options.profile = profile;
    options.connection = connection;
    const auto json =
        UpgradeReport::build(UpgradeJournal::forDeployment(profile, dataFolder), options);
    if (!json)
        return json.error();
    const auto written = UpgradeReport::write(json.value(), folder);
    if (!written)
        return written.error();
    return Report{json.value(), written.value()};
}

} // namespace omu::test

// The commit gate, resuming from the journal, the After step's checks (database, server,
// reindex, tuning revert, ingestion commands) and the report, which must never contain a
// secret: every file it writes is searched for the password, tokens and URL credentials.
#include "after/AfterRecorder.h"
#include "after/AfterUpgrade.h"
#include "FakeOpenMetadataServer.h"
#include "journal/JournalProgress.h"
#include "migration/MigrationGate.h"
#include "migration/MigrationRecorder.h"
#include "migration/MigrationRunner.h"
#include "migration/RunningToolFinder.h"
#include "MigrationTestSupport.h"
#include "report/UpgradeReport.h"
#include "TestData.h"
#include "tuning/SortMemoryTuner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>

#include <algorithm>

using namespace omu;
using namespace omu::test;

namespace {

UpgradeJournal::Entry entry(const char* step, const char* event, const QJsonObject& data = {})
{
    return UpgradeJournal::Entry{QStringLiteral("2024-01-01T00:00:00.000Z"), QLatin1String(step),
                                 QLatin1String(event), data};
}

QJsonObject verifiedBackup(const QString& version)
{
    return QJsonObject{
        {QStringLiteral("file"), QStringLiteral("/backups/openmetadata_202401010000_backup.sql")},
        {QStringLiteral("sha256"), QStringLiteral("ab12")},
        {QStringLiteral("openMetadataVersion"), version}};
}

QJsonObject appliedTuning()
{
    return QJsonObject{
        {QStringLiteral("change"),
         QJsonObject{{QStringLiteral("parameter"), QStringLiteral("sort_buffer_size")},
                     {QStringLiteral("original"),
                      QJsonObject{{QStringLiteral("set"), true},
                                  {QStringLiteral("value"), QStringLiteral("262144")}}},
                     {QStringLiteral("applied"),
                      QJsonObject{{QStringLiteral("value"), QStringLiteral("20971520")}}}}}};
}

MigrationGate::Inputs readyInputs()
{
    MigrationGate::Inputs inputs;
    inputs.progress =
        JournalProgress::from({entry("backup", "verified", verifiedBackup(QStringLiteral("1.1.5"))),
                               entry("tuning", "applied", appliedTuning()),
                               entry("review", "completed", {{QStringLiteral("blockers"), 0}})});
    inputs.databaseVersion = QStringLiteral("1.1.5");
    inputs.server = MigrationGate::ServerState::NotAnswering;
    inputs.serverUrl = QStringLiteral("http://127.0.0.1:8585");
    inputs.serverDetail = QStringLiteral("connection refused");
    return inputs;
}

bool conditionPassed(const GateReport& report, const QString& id)
{
    for (const auto& condition : report.conditions)
        if (condition.id == id)
            return condition.passed;
    return false;
}

} // namespace

class TestMigrationFinish : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gatePassesOnlyWhenEverythingIsReady();
    void gateBackupMustMatchTheVersion();
    void gateTuningReviewAndServer();
    void gateRefusesWhileAnEarlierRunIsGoing();
    void journalTellsWhereToResumeAndWhatToRevert();
    void ingestionCommandsFromWorkflows();
    void serverClientVersionAndReindex();
    void verifiesTheDatabaseAfterMigrating_data();
    void verifiesTheDatabaseAfterMigrating();
    void verifiesAPatchReleaseWithoutItsOwnFolder_data();
    void verifiesAPatchReleaseWithoutItsOwnFolder();
    void recognisesFailuresOfNewerReleases_data();
    void recognisesFailuresOfNewerReleases();
    void revertsTheTuningRecordedInTheJournal();
    void reportHasEverythingAndNoSecret();

private:
    QTemporaryDir m_dir;
};

void TestMigrationFinish::gatePassesOnlyWhenEverythingIsReady()
{
    const GateReport ready = MigrationGate::evaluate(readyInputs());
    QVERIFY2(ready.passed(), qPrintable(QJsonDocument(ready.toJson()).toJson()));
    QCOMPARE(ready.conditions.size(), 4);

    MigrationGate::Inputs nothing;
    const GateReport none = MigrationGate::evaluate(nothing);
    QVERIFY(!none.passed());
    QCOMPARE(none.unmet(), (QStringList{QStringLiteral("backup"), QStringLiteral("tuning"),
                                        QStringLiteral("review"), QStringLiteral("server")}));
    for (const auto& condition : none.conditions)
        QVERIFY2(!condition.advice.isEmpty(), qPrintable(condition.id));
}

void TestMigrationFinish::gateBackupMustMatchTheVersion()
{
    auto inputs = readyInputs();
    inputs.progress.backup = entry("backup", "verified", verifiedBackup(QStringLiteral("1.1.3")));
    GateReport report = MigrationGate::evaluate(inputs);
    QVERIFY(!conditionPassed(report, QStringLiteral("backup")));
    QVERIFY(report.conditions.first().detail.contains(QStringLiteral("1.1.3")));

    // A retry after 1.2.0 went through: the 1.1.5 backup from before the first run counts.
    inputs.progress = JournalProgress::from(
        {entry("backup", "verified", verifiedBackup(QStringLiteral("1.1.5"))),
         entry("tuning", "applied", appliedTuning()),
         entry("review", "completed", {{QStringLiteral("blockers"), 0}}),
         entry("migration", "started", {{QStringLiteral("current"), QStringLiteral("1.1.5")}}),
         entry("migration", "finished", {{QStringLiteral("ending"), QStringLiteral("failed")}})});
    inputs.databaseVersion = QStringLiteral("1.2.0");
    QVERIFY(conditionPassed(MigrationGate::evaluate(inputs), QStringLiteral("backup")));

    // The user's own backup, with a description.
    inputs.progress.backup =
        entry("backup", "acknowledged",
              {{QStringLiteral("description"), QStringLiteral("RDS snapshot pre-1.3")}});
    QVERIFY(conditionPassed(MigrationGate::evaluate(inputs), QStringLiteral("backup")));
    inputs.progress.backup =
        entry("backup", "acknowledged", {{QStringLiteral("description"), QStringLiteral(" ")}});
    QVERIFY(!conditionPassed(MigrationGate::evaluate(inputs), QStringLiteral("backup")));
}

void TestMigrationFinish::gateTuningReviewAndServer()
{
    auto inputs = readyInputs();
    inputs.progress.tuning = entry("tuning", "reverted");
    QVERIFY(!conditionPassed(MigrationGate::evaluate(inputs), QStringLiteral("tuning")));
    inputs.progress.tuning = entry("tuning", "skipped", {{QStringLiteral("reason"), QString()}});
    QVERIFY(!conditionPassed(MigrationGate::evaluate(inputs), QStringLiteral("tuning")));
    inputs.progress.tuning =
        entry("tuning", "skipped",
              {{QStringLiteral("reason"), QStringLiteral("RDS parameter group already at 32 MB")}});
    QVERIFY(conditionPassed(MigrationGate::evaluate(inputs), QStringLiteral("tuning")));

    inputs.progress.review = entry("review", "completed", {{QStringLiteral("blockers"), 2}});
    auto report = MigrationGate::evaluate(inputs);
    QVERIFY(!conditionPassed(report, QStringLiteral("review")));
    QVERIFY(report.conditions.at(2).detail.contains(QStringLiteral("2 blocker")));
    inputs.progress.review = entry("review", "completed", {{QStringLiteral("blockers"), 0}});

    inputs.server = MigrationGate::ServerState::Answering;
    inputs.serverVersion = QStringLiteral("1.1.5");
    report = MigrationGate::evaluate(inputs);
    QVERIFY(!report.passed());
    QVERIFY(report.conditions.at(3).detail.contains(QStringLiteral("1.1.5 is running")));
    inputs.server = MigrationGate::ServerState::NotChecked;
    QVERIFY(!MigrationGate::evaluate(inputs).passed());
    inputs.userConfirmedServerStopped = true;
    QVERIFY(MigrationGate::evaluate(inputs).passed());
}

void TestMigrationFinish::gateRefusesWhileAnEarlierRunIsGoing()
{
    // A /proc of the tool's script, its java on the release's libraries, a near miss,
    // processes that only name the folder, and this test itself.
    const QString proc = m_dir.filePath(QStringLiteral("proc"));
    const QString release = m_dir.filePath(QStringLiteral("openmetadata-1.3.0"));
    QVERIFY(QDir().mkpath(release));
    const auto process = [&](qint64 pid, const QList<QByteArray>& arguments) {
        const QString folder = proc + QLatin1Char('/') + QString::number(pid);
        QVERIFY(QDir().mkpath(folder));
        QFile file(folder + QStringLiteral("/cmdline"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (const QByteArray& argument : arguments) // NUL-terminated, as the kernel writes
            file.write(argument + '\0');
    };
    const QByteArray root = release.toUtf8();
    process(101, {"bash", root + "/bootstrap/openmetadata-ops.sh", "-c", "x.yaml", "migrate"});
    process(102, {"java", "-cp", "/opt/extra.jar:" + root + "/libs/server.jar",
                  "org.openmetadata.service.util.OpenMetadataOperations", "migrate"});
    process(103, {"bash", root + "-old/bootstrap/openmetadata-ops.sh", "migrate"});
    // Not the tool: the new server itself, a tail on its log, an editor on its
    // configuration, and an omupgrade (under sudo) given the folder.
    process(104,
            {"java", "-cp", root + "/libs/*", "org.openmetadata.service.OpenMetadataApplication",
             "server", root + "/conf/openmetadata.yaml"});
    process(105, {"tail", "-f", root + "/logs/openmetadata.log"});
    process(106, {"vim", root + "/conf/openmetadata.yaml"});
    process(107, {"sudo", "omupgrade", "migrate", "--distribution", root, "--migration-config",
                  root + "/conf/openmetadata.yaml"});
    process(QCoreApplication::applicationPid(), {"test", root + "/bootstrap/x"});
    QVERIFY(QDir().mkpath(proc + QStringLiteral("/self")));
    const QList<RunningTool> found = RunningToolFinder::find(release, proc);
    QList<qint64> pids;
    for (const RunningTool& tool : found)
        pids << tool.pid;
    std::sort(pids.begin(), pids.end());
    QCOMPARE(pids, (QList<qint64>{101, 102}));
    QVERIFY(found.first().commandLine.contains(QStringLiteral("openmetadata-ops.sh")) ||
            found.last().commandLine.contains(QStringLiteral("openmetadata-ops.sh")));
    QVERIFY(RunningToolFinder::find(release + QStringLiteral("-other"), proc).isEmpty());

    auto inputs = readyInputs();
    inputs.runningTools = found;
    const GateReport gate = MigrationGate::evaluate(inputs);
    QVERIFY(!gate.passed());
    QCOMPARE(gate.unmet(), QStringList{QStringLiteral("running")});
    QVERIFY(gate.conditions.last().detail.contains(QStringLiteral("pid 10")));
    QVERIFY(gate.conditions.last().advice.contains(QStringLiteral("SERVER_CHANGE_LOG")));
}

void TestMigrationFinish::journalTellsWhereToResumeAndWhatToRevert()
{
    QList<UpgradeJournal::Entry> entries;
    QCOMPARE(JournalProgress::from(entries).resumeStep(), QStringLiteral("backup"));
    entries << entry("backup", "verified", verifiedBackup(QStringLiteral("1.1.5")));
    QCOMPARE(JournalProgress::from(entries).resumeStep(), QStringLiteral("tuning"));
    entries << entry("tuning", "applying", appliedTuning());
    // Crashed between "applying" and "applied": the original is recorded, so revert it.
    QVERIFY(JournalProgress::from(entries).tuningToRevert());
    QCOMPARE(JournalProgress::from(entries).resumeStep(), QStringLiteral("review"));
    entries << entry("review", "completed", {{QStringLiteral("blockers"), 0}});
    entries << entry("migration", "started",
                     {{QStringLiteral("current"), QStringLiteral("1.1.5")},
                      {QStringLiteral("target"), QStringLiteral("1.3.0")}});
    // The wizard died mid-migration: it resumes there, and the tuning is still to revert.
    JournalProgress progress = JournalProgress::from(entries);
    QCOMPARE(progress.migration, JournalProgress::MigrationState::Interrupted);
    QCOMPARE(progress.resumeStep(), QStringLiteral("migration"));
    QVERIFY(progress.tuningToRevert());
    QCOMPARE(progress.tuningChange().value(QStringLiteral("parameter")).toString(),
             QStringLiteral("sort_buffer_size"));
    entries << entry("migration", "finished",
                     {{QStringLiteral("ending"), QStringLiteral("succeeded")}});
    progress = JournalProgress::from(entries);
    QCOMPARE(progress.resumeStep(), QStringLiteral("after"));
    entries << entry("after", "verified") << entry("tuning", "reverted");
    progress = JournalProgress::from(entries);
    QVERIFY(!progress.tuningToRevert());
    QCOMPARE(progress.resumeStep(), QStringLiteral("done"));

    // Written and read back through a real journal file.
    UpgradeJournal journal(m_dir.filePath(QStringLiteral("resume/journal.jsonl")));
    QVERIFY(
        journal.append(QStringLiteral("tuning"), QStringLiteral("applied"), appliedTuning()).ok());
    QVERIFY(journal
                .append(QStringLiteral("migration"), QStringLiteral("started"),
                        {{QStringLiteral("target"), QStringLiteral("1.3.0")}})
                .ok());
    const auto read = JournalProgress::read(journal);
    QVERIFY(read.ok());
    QCOMPARE(read->migration, JournalProgress::MigrationState::Interrupted);
    QCOMPARE(read->migrationTarget(), QStringLiteral("1.3.0"));
}

void TestMigrationFinish::ingestionCommandsFromWorkflows()
{
    const QString folder = dataPath(QStringLiteral("migration/workflows"));
    const IngestionCommands commands =
        IngestionClientCommands::build({folder}, QStringLiteral("1.3.0"));
    QCOMPARE(commands.plugins, (QStringList{QStringLiteral("bigquery"), QStringLiteral("mysql"),
                                            QStringLiteral("snowflake")}));
    QCOMPARE(
        commands.ingestionLine,
        QStringLiteral("pip install \"openmetadata-ingestion[bigquery,mysql,snowflake]==1.3.0\""));
    QCOMPARE(commands.managedApisLine,
             QStringLiteral("pip install \"openmetadata-managed-apis==1.3.0\""));
    QVERIFY(
        commands.sources.contains(QStringLiteral("mysql_metadata.yaml:3: source.type = mysql")));
    QCOMPARE(commands.warnings.size(), 2);
    QVERIFY(commands.warnings.at(0).contains(QStringLiteral("broken.yaml:")));
    QVERIFY(commands.warnings.at(0).contains(QStringLiteral("not valid YAML")));
    QVERIFY(commands.warnings.at(1).contains(QStringLiteral("notes.yaml: no source.type")));
    QCOMPARE(IngestionClientCommands::build({}, QStringLiteral("1.2.0")).ingestionLine,
             QStringLiteral("pip install \"openmetadata-ingestion==1.2.0\""));
    QCOMPARE(IngestionClientCommands::pluginFor(QStringLiteral("Redshift-Usage")),
             QStringLiteral("redshift"));
    QCOMPARE(IngestionClientCommands::pluginFor(QStringLiteral("metadata")), QString());
}

void TestMigrationFinish::serverClientVersionAndReindex()
{
    FakeOpenMetadataServer server;
    QVERIFY(server.listen(60));
    server.setVersion(QStringLiteral("1.3.0"));
    auto version = OpenMetadataServerClient::checkVersionNow(server.url());
    QVERIFY(version.answered);
    QCOMPARE(version.version, QStringLiteral("1.3.0"));

    auto reindex =
        OpenMetadataServerClient::triggerReindexNow(server.url(), QStringLiteral("fake-bot-token"));
    QVERIFY2(reindex.triggered, qPrintable(reindex.message));
    QCOMPARE(server.requests().last().path,
             QStringLiteral("/api/v1/apps/trigger/SearchIndexingApplication"));
    QCOMPARE(server.requests().last().authorization, QByteArray("Bearer fake-bot-token"));
    reindex = OpenMetadataServerClient::triggerReindexNow(server.url(), QStringLiteral("wrong"));
    QVERIFY(!reindex.triggered);
    QCOMPARE(reindex.httpStatus, 401);
    QVERIFY(reindex.message.contains(QStringLiteral("ingestion bot")));

    // Stopped: nothing listens on the port any more.
    const QUrl url = server.url();
    server.stop();
    version = OpenMetadataServerClient::checkVersionNow(url, 3000);
    QVERIFY(!version.answered);
    QVERIFY2(version.error.contains(QStringLiteral("refused")), qPrintable(version.error));

    // Hung: accepts and never answers; the time limit ends the wait.
    FakeOpenMetadataServer hung;
    hung.setSilent(true);
    QVERIFY(hung.listen(60));
    QElapsedTimer timer;
    timer.start();
    version = OpenMetadataServerClient::checkVersionNow(hung.url(), 1000);
    QVERIFY(!version.answered);
    QVERIFY2(version.error.contains(QStringLiteral("no answer")), qPrintable(version.error));
    QVERIFY(timer.elapsed() < 10'000);
    QCOMPARE(OpenMetadataServerClient::normalise(QStringLiteral("localhost:8585")).toString(),
             QStringLiteral("http://localhost:8585"));
}

namespace {

// Runs the release's tool on the database to success, journalling its start when asked.
void runToSuccess(const OpenMetadataDistribution& distribution, const ConnectionProfile& profile,
                  UpgradeJournal* journal = nullptr, const MigrationPlan* plan = nullptr)
{
    const auto command = ToolCommandLineBuilder::build(distribution, profile, {});
    QVERIFY(command.ok());
    if (journal && plan)
        QVERIFY(MigrationRecorder(*journal).started(*plan, command.value(), {}).ok());
    MigrationRunner runner;
    QSignalSpy finished(&runner, &MigrationRunner::finished);
    runner.start(command.value(), {});
    QVERIFY(finished.wait(120'000));
    QCOMPARE(runner.outcome().ending, Ending::Succeeded);
}

} // namespace

void TestMigrationFinish::verifiesTheDatabaseAfterMigrating_data()
{
    QTest::addColumn<Engine>("engine");
    QTest::newRow("mariadb") << Engine::MySql;
    QTest::newRow("postgres") << Engine::Postgres;
}

void TestMigrationFinish::verifiesTheDatabaseAfterMigrating()
{
    QFETCH(Engine, engine);
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(engine, &error), qPrintable(error));
    auto before = AfterUpgrade::verify(database.profile(), QStringLiteral("1.2.0"));
    QVERIFY(before.ok());
    QVERIFY(!before->holdsTarget);
    QVERIFY(before->message.contains(QStringLiteral("newest: 1.1.5")));

    const auto distribution =
        OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.2.0")));
    runToSuccess(distribution.value(), database.profile());

    const auto after = AfterUpgrade::verify(database.profile(), QStringLiteral("1.2.0"));
    QVERIFY(after.ok());
    QVERIFY(after->holdsTarget);
    QCOMPARE(after->versions.last(), QStringLiteral("1.2.0"));
    UpgradeJournal journal(
        m_dir.filePath(QStringLiteral("verify-%1/journal.jsonl").arg(engineName(engine))));
    QVERIFY(AfterRecorder(journal).verified(QStringLiteral("1.2.0"), after.value()).ok());
    QVERIFY(JournalProgress::read(journal)->afterVerified);
}

void TestMigrationFinish::verifiesAPatchReleaseWithoutItsOwnFolder_data()
{
    QTest::addColumn<Engine>("engine");
    QTest::newRow("mariadb") << Engine::MySql;
    QTest::newRow("postgres") << Engine::Postgres;
}

void TestMigrationFinish::verifiesAPatchReleaseWithoutItsOwnFolder()
{
    // 1.3.1 ships no migration of its own: its newest folder is 1.3.0. A database migrated
    // by it records 1.3.0, and that is the release being there.
    QFETCH(Engine, engine);
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(engine, &error), qPrintable(error));
    const auto distribution =
        OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.3.1")));
    QVERIFY(distribution.ok());
    const auto plan = MigrationPlanner::plan(database.profile(), distribution.value());
    QVERIFY(plan.ok());
    QCOMPARE(plan->target.toString(), QStringLiteral("1.3.1"));
    QCOMPARE(plan->targetSchema.toString(), QStringLiteral("1.3.0"));
    UpgradeJournal journal(
        m_dir.filePath(QStringLiteral("patch-%1/journal.jsonl").arg(engineName(engine))));
    runToSuccess(distribution.value(), database.profile(), &journal, &plan.value());

    const auto progress = JournalProgress::read(journal);
    QVERIFY(progress.ok());
    QCOMPARE(progress->migrationTarget(), QStringLiteral("1.3.1"));
    QCOMPARE(progress->migrationTargetSchema(), QStringLiteral("1.3.0"));
    const auto after = AfterUpgrade::verify(database.profile(), QStringLiteral("1.3.1"),
                                            progress->migrationTargetSchema());
    QVERIFY(after.ok());
    QVERIFY2(after->holdsTarget, qPrintable(after->message));
    QVERIFY2(
        after->message.contains(QStringLiteral("records 1.3.0, the newest migration 1.3.1 ships")),
        qPrintable(after->message));
    // Without knowing what the release ships, a row of its own number is asked for: the
    // tool does not guess an all-clear.
    const auto strict = AfterUpgrade::verify(database.profile(), QStringLiteral("1.3.1"));
    QVERIFY(strict.ok());
    QVERIFY(!strict->holdsTarget);
    QVERIFY(strict->undetermined); // 1.3.0 is the newest of the 1.3 line: cannot tell
    QVERIFY2(strict->message.contains(QStringLiteral("not known here")),
             qPrintable(strict->message));
    QCOMPARE(distribution->newestMigration(engine).toString(), QStringLiteral("1.3.0"));
    // The wizard's route without the journal: the release folder, if it holds the target.
    QCOMPARE(AfterUpgrade::shippedMigration(distribution->root(), engine, QStringLiteral("1.3.1")),
             QStringLiteral("1.3.0"));
    QVERIFY(AfterUpgrade::shippedMigration(distribution->root(), engine, QStringLiteral("1.3.2"))
                .isEmpty());
    // A target on another line is plainly not reached.
    const auto other = AfterUpgrade::verify(database.profile(), QStringLiteral("1.4.0"));
    QVERIFY(other.ok() && !other->holdsTarget && !other->undetermined);
    // And the plan agrees: nothing left to run for 1.3.1.
    QVERIFY(MigrationPlanner::plan(database.profile(), distribution.value())->upToDate());
}

void TestMigrationFinish::recognisesFailuresOfNewerReleases_data()
{
    using Kind = MigrationFailure::Kind;
    QTest::addColumn<QString>("line");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("adviceHas");
    QTest::newRow("missing migrations")
        << "java.lang.IllegalStateException: Missing migrations that were not executed [1.7.3]. "
           "Unexpected executed migrations []"
        << Kind::MissingMigrations << "[1.7.3]";
    QTest::newRow("duplicate index")
        << "Failed to run sql: [CREATE INDEX api_collection_entity_name_index ON "
           "api_collection_entity (name)] due to [java.sql.SQLSyntaxErrorException: Duplicate key "
           "name 'api_collection_entity_name_index']"
        << Kind::DuplicateIndex << "api_collection_entity_name_index";
    QTest::newRow("pg_trgm not allow-listed")
        << "org.postgresql.util.PSQLException: ERROR: extension \"pg_trgm\" is not allow-listed "
           "for users in Azure Database for PostgreSQL"
        << Kind::ExtensionNotAllowed << "azure.extensions";
    QTest::newRow("search majors differ")
        << "co.elastic.clients.elasticsearch._types.ElasticsearchException: [es/indices.exists] "
           "failed: [media_type_header_exception] Invalid media-type value on headers [Accept]"
        << Kind::SearchVersion << "9.x";
    QTest::newRow("too many clauses")
        << "OpenSearchException[type=search_phase_execution_exception, "
           "reason=too_many_nested_clauses: "
           "Query contains too many nested clauses; maxClauseCount is set to 1024]"
        << Kind::SearchClauses << "max_clause_count";
    QTest::newRow("index missing")
        << "ElasticsearchStatusException[Elasticsearch exception [type=index_not_found_exception, "
           "reason=no such index [stored_procedure_search_index]]]"
        << Kind::SearchIndexMissing << "stored_procedure_search_index";
}

void TestMigrationFinish::recognisesFailuresOfNewerReleases()
{
    QFETCH(QString, line);
    QFETCH(MigrationFailure::Kind, kind);
    QFETCH(QString, adviceHas);
    MigrationFailureClassifier::Input input;
    input.logLines = {QStringLiteral("INFO  [main] o.o.s.m.a.MigrationWorkflow - start"), line,
                      QStringLiteral("\tat org.openmetadata.service.util.OpenMetadataOperations")};
    input.exitCode = 1;
    input.engine = Engine::Postgres;
    const auto failures = MigrationFailureClassifier::classify(input);
    QVERIFY(!failures.isEmpty());
    QCOMPARE(failures.first().kind, kind);
    QVERIFY2(failures.first().advice.contains(adviceHas), qPrintable(failures.first().advice));
    QCOMPARE(failures.first().evidence, line.left(400));
    QVERIFY(!MigrationFailure::kindName(kind).isEmpty());
}

void TestMigrationFinish::revertsTheTuningRecordedInTheJournal()
{
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(Engine::MySql, &error), qPrintable(error));
    const QString dataFolder = m_dir.filePath(QStringLiteral("tuning-data"));
    QVERIFY(database.exec(QStringLiteral("SET GLOBAL sort_buffer_size = 262144"), &error));
    const SortMemoryTuner tuner(database.profile(), dataFolder);
    const auto applied = tuner.apply(qint64(20) * 1024 * 1024);
    QVERIFY2(applied.ok(), qPrintable(applied.ok() ? QString() : applied.error().toString()));

    // A later process (the After step after a crash) finds it in the journal and reverts.
    UpgradeJournal journal = UpgradeJournal::forDeployment(database.profile(), dataFolder);
    QVERIFY(JournalProgress::read(journal)->tuningToRevert());
    const auto reverted = defaultTuningReverter()(database.profile(), dataFolder);
    QVERIFY2(reverted.ok(), qPrintable(reverted.ok() ? QString() : reverted.error().toString()));
    QVERIFY(reverted->reverted);
    QVERIFY(AfterRecorder(journal).tuningReverted(reverted).ok());
    QVERIFY(!JournalProgress::read(journal)->tuningToRevert());
    QCOMPARE(database.column(QStringLiteral("SELECT @@GLOBAL.sort_buffer_size")).value(0),
             QStringLiteral("262144"));
    // Nothing left: a second revert does nothing.
    QVERIFY(!defaultTuningReverter()(database.profile(), dataFolder)->reverted);
}

void TestMigrationFinish::reportHasEverythingAndNoSecret()
{
    const QString password = QStringLiteral("Pw-r3port'x\"secret");
    const QString token =
        QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJpbmdlc3Rpb24tYm90In0.sig_nature");
    const QString folder = m_dir.filePath(QStringLiteral("report"));
    UpgradeJournal journal(QDir(folder).filePath(QStringLiteral("journal.jsonl")));
    const QString logFile = QDir(folder).filePath(QStringLiteral("migration.log"));
    QDir().mkpath(folder);
    QFile log(logFile);
    QVERIFY(log.open(QIODevice::WriteOnly));
    for (int i = 0; i < 300; ++i)
        log.write(QStringLiteral("INFO line %1\n").arg(i).toUtf8());
    // What slips into logs in real life: a connection string, a password echoed by a
    // script, a bearer header.
    log.write(
        ("jdbc:mysql://openmetadata_user:" + password + "@db:3306/openmetadata_db\n").toUtf8());
    log.write(("DB_USER_PASSWORD=" + password + "\n").toUtf8());
    log.write(("Authorization: Bearer " + token + "\n").toUtf8());
    log.write(("a wrapper script echoed its arguments: -u openmetadata_user " + password + "\n")
                  .toUtf8());
    log.write("| 1.2.0   | Success        | Success       | Success       | Success        | {}    "
              "  |\n");
    log.close();

    QVERIFY(journal
                .append(QStringLiteral("backup"), QStringLiteral("verified"),
                        verifiedBackup(QStringLiteral("1.1.5")))
                .ok());
    QVERIFY(
        journal.append(QStringLiteral("tuning"), QStringLiteral("applied"), appliedTuning()).ok());
    QVERIFY(journal
                .append(QStringLiteral("review"), QStringLiteral("completed"),
                        {{QStringLiteral("blockers"), 0},
                         {QStringLiteral("warnings"), 3},
                         {QStringLiteral("notices"), 5}})
                .ok());
    QVERIFY(journal
                .append(QStringLiteral("migration"), QStringLiteral("started"),
                        {{QStringLiteral("current"), QStringLiteral("1.1.5")},
                         {QStringLiteral("target"), QStringLiteral("1.2.0")},
                         {QStringLiteral("command"),
                          QStringLiteral(
                              "DB_USER_PASSWORD=*** ./bootstrap/bootstrap_storage.sh migrate-all")},
                         {QStringLiteral("logFile"), logFile}})
                .ok());
    QVERIFY(journal
                .append(QStringLiteral("migration"), QStringLiteral("finished"),
                        {{QStringLiteral("ending"), QStringLiteral("succeeded")},
                         {QStringLiteral("seconds"), 42.5},
                         {QStringLiteral("logFile"), logFile},
                         // A careless step put a secret in the journal: the report still hides it.
                         {QStringLiteral("botToken"), token},
                         {QStringLiteral("note"), QStringLiteral("password=") + password}})
                .ok());
    QVERIFY(journal.append(QStringLiteral("tuning"), QStringLiteral("reverted")).ok());

    ConnectionProfile profile;
    profile.engine = Engine::MySql;
    profile.host = QStringLiteral("db");
    profile.port = 3306;
    profile.database = QStringLiteral("openmetadata_db");
    profile.user = QStringLiteral("openmetadata_user");
    profile.password = password;
    UpgradeReport::Options options;
    options.secrets = {password, token};
    options.profile = profile;
    options.logTailLines = 50;
    const auto report = UpgradeReport::build(journal, options);
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().toString()));
    const auto written = UpgradeReport::write(report.value(), folder);
    QVERIFY(written.ok());

    const QJsonObject json = report.value();
    const QJsonObject summary = json.value(QStringLiteral("summary")).toObject();
    QCOMPARE(summary.value(QStringLiteral("from")).toString(), QStringLiteral("1.1.5"));
    QCOMPARE(summary.value(QStringLiteral("to")).toString(), QStringLiteral("1.2.0"));
    QCOMPARE(summary.value(QStringLiteral("migrationSeconds")).toDouble(), 42.5);
    QVERIFY(
        summary.value(QStringLiteral("duration")).toString().contains(QStringLiteral("42.5 s")));
    const auto sectionOf = [&json](const QString& id) {
        for (const QJsonValue& section : json.value(QStringLiteral("sections")).toArray())
            if (section.toObject().value(QStringLiteral("id")).toString() == id)
                return section.toObject();
        return QJsonObject();
    };
    const auto rowValue = [](const QJsonObject& section, const QString& label) {
        for (const QJsonValue& row : section.value(QStringLiteral("rows")).toArray())
            if (row.toObject().value(QStringLiteral("label")).toString() == label)
                return row.toObject().value(QStringLiteral("value")).toString();
        return QString();
    };
    QCOMPARE(sectionOf(QStringLiteral("backup")).value(QStringLiteral("sha256")).toString(),
             QStringLiteral("ab12"));
    QVERIFY(rowValue(sectionOf(QStringLiteral("review")), QStringLiteral("Found"))
                .contains(QStringLiteral("3 warning(s)")));
    const QJsonObject tuning = sectionOf(QStringLiteral("tuning"));
    QCOMPARE(rowValue(tuning, QStringLiteral("Before")), QStringLiteral("262144"));
    QCOMPARE(rowValue(tuning, QStringLiteral("Raised to")), QStringLiteral("20971520"));
    QCOMPARE(tuning.value(QStringLiteral("stateText")).toString(), QStringLiteral("put back"));
    const QJsonArray tail =
        sectionOf(QStringLiteral("log")).value(QStringLiteral("lines")).toArray();
    QCOMPARE(tail.size(), 50);
    QVERIFY(tail.last().toString().contains(QStringLiteral("| 1.2.0")));
    QCOMPARE(sectionOf(QStringLiteral("migration")).value(QStringLiteral("ending")).toString(),
             QStringLiteral("succeeded"));

    // The search: neither file holds any secret, however it was spelt.
    for (const QString& path : {written->jsonFile, written->htmlFile}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        for (const QString& secret :
             {password, token, QStringLiteral("Pw-r3port"), QStringLiteral("sig_nature"),
              QStringLiteral("eyJhbGciOiJSUzI1NiJ9"), password.toHtmlEscaped()})
            QVERIFY2(!text.contains(secret),
                     qPrintable(path + QStringLiteral(" contains ") + secret));
        QVERIFY(text.contains(QStringLiteral("***")));
        QCOMPARE(QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther),
                 QFileDevice::Permissions());
    }
    QFile html(written->htmlFile);
    QVERIFY(html.open(QIODevice::ReadOnly));
    const QByteArray page = html.readAll();
    QVERIFY(page.contains("<h2>Sort memory tuning"));
    QVERIFY(page.contains("openmetadata_202401010000_backup.sql"));

    // An empty journal is an error that says so.
    UpgradeJournal empty(m_dir.filePath(QStringLiteral("empty/journal.jsonl")));
    const auto nothing = UpgradeReport::build(empty, {});
    QVERIFY(!nothing.ok());
    QVERIFY(nothing.error().message.contains(QStringLiteral("empty")));
}

QTEST_GUILESS_MAIN(TestMigrationFinish)
#include "TestMigrationFinish.moc"

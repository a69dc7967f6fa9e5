// Runs the fake distribution's real command line through MigrationRunner on both
// engines: success, each known failure recognised with its next step, a silent tool
// caught by the watchdog, a tool killed mid-version (partial run, then --force), cancel,
// and the docker / kubernetes modes (exec, and the chart's migration run as a job)
// through stand-ins that record their arguments. The password must never appear in any
// argument or input the child processes received.
#include "migration/KubernetesMigrationJob.h"
#include "migration/MigrationPlan.h"
#include "migration/MigrationRunner.h"
#include "MigrationTestSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>

#include <csignal>

using namespace omu;
using namespace omu::test;

namespace {

// A MySQL profile for building commands; nothing connects to it.
ConnectionProfile offlineProfile(const QString& password = {})
{
    ConnectionProfile profile;
    profile.engine = Engine::MySql;
    profile.host = QStringLiteral("db.internal");
    profile.port = 3306;
    profile.database = QStringLiteral("openmetadata_db");
    profile.user = QStringLiteral("openmetadata_user");
    profile.password = password;
    return profile;
}

QList<QJsonObject> jsonLines(const QString& path)
{
    QList<QJsonObject> lines;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return lines;
    while (!file.atEnd()) {
        const QJsonObject object = QJsonDocument::fromJson(file.readLine()).object();
        if (!object.isEmpty())
            lines << object;
    }
    return lines;
}

bool anyArgumentContains(const QList<QJsonObject>& calls, const QString& secret)
{
    for (const QJsonObject& call : calls)
        for (const QJsonValue& argument : call.value(QStringLiteral("argv")).toArray())
            if (argument.toString().contains(secret))
                return true;
    return false;
}

QStringList argv(const QJsonObject& call)
{
    QStringList words;
    for (const QJsonValue& value : call.value(QStringLiteral("argv")).toArray())
        words << value.toString();
    return words;
}

QString jobNameOf(const ToolCommandLine& command)
{
    return command.arguments.last().mid(4); // job/<name>
}

// The container of the job a command creates, from the manifest it passes on stdin.
QJsonObject jobContainer(const ToolCommandLine& command)
{
    const QJsonObject job = QJsonDocument::fromJson(command.prepare.first().input).object();
    return job[QStringLiteral("spec")][QStringLiteral("template")][QStringLiteral("spec")]
              [QStringLiteral("containers")][0]
                  .toObject();
}

QStringList jobArguments(const ToolCommandLine& command)
{
    QStringList words;
    for (const QJsonValue& value : jobContainer(command)[QStringLiteral("args")].toArray())
        words << value.toString();
    return words;
}

QJsonObject sampleDeployment()
{
    QFile file(FakeDistribution::containerToolsFolder() +
               QStringLiteral("/openmetadata-deployment.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("no sample deployment");
    return QJsonDocument::fromJson(file.readAll()).object();
}

QJsonObject initContainerOf(const QJsonObject& deployment)
{
    return deployment[QStringLiteral("spec")][QStringLiteral("template")][QStringLiteral("spec")]
                     [QStringLiteral("initContainers")][0]
                         .toObject();
}

} // namespace

class TestMigrationRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void buildsTheCommandForEachTool();
    void refusesAConfigurationPointingElsewhere();
    void migratesBareMetal_data();
    void migratesBareMetal();
    void recognisesEachKnownFailure_data();
    void recognisesEachKnownFailure();
    void sortMemoryFixedByRaisingTheSettingThenRetry_data();
    void sortMemoryFixedByRaisingTheSettingThenRetry();
    void watchdogReportsASilentToolAndCancelExplains_data();
    void watchdogReportsASilentToolAndCancelExplains();
    void toolKilledMidVersionIsAPartialRunThenForce_data();
    void toolKilledMidVersionIsAPartialRunThenForce();
    void dockerModeRunsInTheContainerWithoutThePassword_data();
    void dockerModeRunsInTheContainerWithoutThePassword();
    void kubernetesModeExecsIntoThePod();
    void kubernetesJobPieces();
    void kubernetesJobRunsTheChartsMigration_data();
    void kubernetesJobRunsTheChartsMigration();
    void kubernetesJobFailureComesFromTheJobStatus_data();
    void kubernetesJobFailureComesFromTheJobStatus();
    void kubernetesJobCancelDeletesTheJob();
    void kubernetesJobFollowsAgainWhileTheImageIsPulled();
    void kubernetesJobRefusesWithAReason();
    void kubernetesJobWaitsForAnEarlierJob();
    void kubernetesJobStopsFollowingAStreamThatOutlivesIt();
    void failsPlainlyWhenTheToolCannotStart();

private:
    void engines();
    // Job mode against the stand-in cluster: the sample deployment (or `deployment`), the
    // connection in the env file standing for the chart's db secret.
    MigrationSettings jobSettings(const FixtureDatabase* database, const QString& tag,
                                  const QString& deploymentFile = {});
    QString m_toolsLog;
    QString m_stateDir;
    ToolCommandLine bareCommand(const FixtureDatabase& database, const QString& version,
                                const QMap<QString, QString>& extra = {}, bool force = false);
    MigrationOutcome run(const ToolCommandLine& command, const FixtureDatabase* database,
                         int silenceSeconds = 300);

    QTemporaryDir m_dir;
    QString m_argsFile;
};

void TestMigrationRunner::engines()
{
    QTest::addColumn<Engine>("engine");
    QTest::newRow("mariadb") << Engine::MySql;
    QTest::newRow("postgres") << Engine::Postgres;
}

void TestMigrationRunner::init()
{
    m_argsFile = m_dir.filePath(QStringLiteral("args-%1.jsonl").arg(QTest::currentTestFunction()) +
                                QString::fromLatin1(QTest::currentDataTag()));
    QFile::remove(m_argsFile);
}

ToolCommandLine TestMigrationRunner::bareCommand(const FixtureDatabase& database,
                                                 const QString& version,
                                                 const QMap<QString, QString>& extra, bool force)
{
    const auto distribution = OpenMetadataDistribution::read(assembled(m_dir, version));
    if (!distribution)
        qFatal("%s", qPrintable(distribution.error().toString()));
    MigrationSettings settings;
    settings.force = force;
    settings.baseEnvironment.insert(QStringLiteral("OMU_FAKE_OM_ARGS_FILE"), m_argsFile);
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        settings.baseEnvironment.insert(it.key(), it.value());
    const auto command =
        ToolCommandLineBuilder::build(distribution.value(), database.profile(), settings);
    if (!command)
        qFatal("%s", qPrintable(command.error().toString()));
    return command.value();
}

MigrationOutcome TestMigrationRunner::run(const ToolCommandLine& command,
                                          const FixtureDatabase* database, int silenceSeconds)
{
    MigrationRunner runner;
    MigrationRunner::Options options;
    if (database)
        options.profile = database->profile();
    options.pollIntervalMs = 300;
    options.silenceSeconds = silenceSeconds;
    options.logFile = m_dir.filePath(QStringLiteral("migration.log"));
    QSignalSpy finished(&runner, &MigrationRunner::finished);
    runner.start(command, options);
    if (!finished.wait(180'000))
        QTest::qFail("the runner did not finish", __FILE__, __LINE__);
    return runner.outcome();
}

void TestMigrationRunner::buildsTheCommandForEachTool()
{
    FixtureDatabase database; // not created: only its profile shape matters here
    ConnectionProfile profile;
    profile.engine = Engine::Postgres;
    profile.host = QStringLiteral("db.internal");
    profile.port = 5432;
    profile.database = QStringLiteral("openmetadata_db");
    profile.user = QStringLiteral("openmetadata_user");
    profile.password = QStringLiteral("s3cr3t 'quoted\" pass");

    const auto ops = OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.3.0")));
    MigrationSettings settings;
    auto command = ToolCommandLineBuilder::build(ops.value(), profile, settings);
    QVERIFY2(command.ok(), qPrintable(command.ok() ? QString() : command.error().toString()));
    QCOMPARE(command->program, ops->root() + QStringLiteral("/bootstrap/openmetadata-ops.sh"));
    QCOMPARE(command->arguments,
             (QStringList{QStringLiteral("-c"), ops->configFile(), QStringLiteral("migrate")}));
    QCOMPARE(command->environment.value(QStringLiteral("DB_USER_PASSWORD")), profile.password);
    QCOMPARE(command->environment.value(QStringLiteral("DB_HOST")), profile.host);
    QCOMPARE(command->environment.value(QStringLiteral("DB_DRIVER_CLASS")),
             QStringLiteral("org.postgresql.Driver"));
    QVERIFY(command->display().contains(QStringLiteral("DB_USER_PASSWORD=***")));
    QVERIFY(!command->display().contains(QStringLiteral("s3cr3t")));
    QVERIFY(command->display().endsWith(QStringLiteral("/bootstrap/openmetadata-ops.sh -c ") +
                                        ops->configFile() + QStringLiteral(" migrate")));
    settings.force = true;
    QCOMPARE(ToolCommandLineBuilder::build(ops.value(), profile, settings)->arguments.last(),
             QStringLiteral("--force"));
    QCOMPARE(ToolCommandLineBuilder::build(ops.value(), profile, settings, MigrationAction::Repair)
                 ->arguments.last(),
             QStringLiteral("repair"));

    const auto storage = OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.2.0")));
    settings.force = false;
    command = ToolCommandLineBuilder::build(storage.value(), profile, settings);
    QVERIFY(command.ok());
    QCOMPARE(command->program, storage->root() + QStringLiteral("/bootstrap/bootstrap_storage.sh"));
    QCOMPARE(command->arguments, QStringList{QStringLiteral("migrate-all")});
    const auto reindex =
        ToolCommandLineBuilder::build(storage.value(), profile, settings, MigrationAction::Reindex);
    QVERIFY(!reindex.ok());
    QVERIFY(reindex.error().advice.contains(QStringLiteral("SearchIndexingApplication")));
}

void TestMigrationRunner::refusesAConfigurationPointingElsewhere()
{
    const ConnectionProfile profile = offlineProfile(QStringLiteral("pw"));
    const auto ops = OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.3.0")));
    const QString config = m_dir.filePath(QStringLiteral("hardcoded.yaml"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("database:\n  driverClass: com.mysql.cj.jdbc.Driver\n  user: openmetadata_user\n"
               "  password: pw\n  url: jdbc:mysql://other-host:3306/openmetadata_db\n");
    file.close();
    MigrationSettings settings;
    settings.configFile = config;
    const auto command = ToolCommandLineBuilder::build(ops.value(), profile, settings);
    QVERIFY(!command.ok());
    QVERIFY2(command.error().message.contains(QStringLiteral("host is other-host")),
             qPrintable(command.error().message));
    QCOMPARE(command.error().where, config);
}

void TestMigrationRunner::migratesBareMetal_data()
{
    engines();
}

void TestMigrationRunner::migratesBareMetal()
{
    QFETCH(Engine, engine);
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(engine, &error), qPrintable(error));
    const auto command =
        bareCommand(database, QStringLiteral("1.3.0"),
                    {{QStringLiteral("OMU_FAKE_OM_DELAY_MS"), QStringLiteral("700")}});

    MigrationRunner runner;
    MigrationRunner::Options options;
    options.profile = database.profile();
    options.pollIntervalMs = 200;
    options.expectedVersions = {QStringLiteral("1.2.0"), QStringLiteral("1.2.1"),
                                QStringLiteral("1.3.0")};
    options.logFile = m_dir.filePath(QStringLiteral("bare-%1.log").arg(engineName(engine)));
    QSignalSpy finished(&runner, &MigrationRunner::finished);
    QSignalSpy lines(&runner, &MigrationRunner::lineReceived);
    QStringList confirmedWhileRunning;
    connect(&runner, &MigrationRunner::versionsChanged, this, [&] {
        if (!runner.isRunning())
            return;
        for (const auto& version : runner.versions())
            if (version.confirmed && !confirmedWhileRunning.contains(version.version))
                confirmedWhileRunning << version.version;
    });
    runner.start(command, options);
    QVERIFY(runner.isRunning());
    QVERIFY(finished.wait(180'000));
    const MigrationOutcome& outcome = runner.outcome();
    QCOMPARE(outcome.ending, Ending::Succeeded);
    QCOMPARE(outcome.exitCode, 0);
    QVERIFY(outcome.failures.isEmpty());
    QCOMPARE(outcome.versions.size(), 3);
    for (const auto& version : outcome.versions) {
        QCOMPARE(version.state, VersionProgress::State::Succeeded);
        QVERIFY(version.confirmed);
    }
    // The database poll confirmed versions before the tool ended, not only afterwards.
    QVERIFY2(!confirmedWhileRunning.isEmpty(), "no version confirmed while running");
    QCOMPARE(
        database.appliedVersions().mid(5),
        (QStringList{QStringLiteral("1.2.0"), QStringLiteral("1.2.1"), QStringLiteral("1.3.0")}));
    QVERIFY(lines.size() > 10);
    QVERIFY(runner.log()
                .join(QLatin1Char('\n'))
                .contains(QStringLiteral("| Version | Initialization")));
    QVERIFY(outcome.explanation.contains(QStringLiteral("1.3.0")));

    // The password reached the tool through its environment only, never an argument,
    // and never the log.
    const auto calls = jsonLines(m_argsFile);
    QCOMPARE(calls.size(), 1);
    QVERIFY(calls.first()
                .value(QStringLiteral("envKeys"))
                .toArray()
                .contains(QStringLiteral("DB_USER_PASSWORD")));
    QVERIFY(!anyArgumentContains(calls, database.profile().password));
    QFile log(options.logFile);
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY(!log.readAll().contains(database.profile().password.toUtf8()));
    QCOMPARE(QFile::permissions(options.logFile) & (QFile::ReadGroup | QFile::ReadOther),
             QFileDevice::Permissions());
}

void TestMigrationRunner::recognisesEachKnownFailure_data()
{
    QTest::addColumn<Engine>("engine");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<MigrationFailure::Kind>("kind");
    QTest::addColumn<MigrationFailure::NextStep>("next");
    using Kind = MigrationFailure::Kind;
    using Step = MigrationFailure::NextStep;
    for (const Engine engine : {Engine::MySql, Engine::Postgres}) {
        const QString tag =
            engine == Engine::MySql ? QStringLiteral("mariadb") : QStringLiteral("postgres");
        QTest::addRow("%s sort-memory", qPrintable(tag))
            << engine << QStringLiteral("sort-memory") << Kind::SortMemory << Step::BackToTuning;
        QTest::addRow("%s flyway-checksum", qPrintable(tag))
            << engine << QStringLiteral("flyway-checksum") << Kind::FlywayChecksum << Step::Repair;
        QTest::addRow("%s pending-migrations", qPrintable(tag))
            << engine << QStringLiteral("pending-migrations") << Kind::PendingMigrations
            << Step::RunMigration;
        QTest::addRow("%s lost-connection", qPrintable(tag))
            << engine << QStringLiteral("lost-connection") << Kind::LostConnection << Step::Retry;
    }
}

void TestMigrationRunner::recognisesEachKnownFailure()
{
    QFETCH(Engine, engine);
    QFETCH(QString, mode);
    QFETCH(MigrationFailure::Kind, kind);
    QFETCH(MigrationFailure::NextStep, next);
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(engine, &error), qPrintable(error));
    const auto command = bareCommand(database, QStringLiteral("1.3.0"),
                                     {{QStringLiteral("OMU_FAKE_OM_FAIL"), mode}});
    const MigrationOutcome outcome = run(command, &database);
    QCOMPARE(outcome.ending, Ending::Failed);
    QCOMPARE(outcome.exitCode, 1);
    QVERIFY(!outcome.failures.isEmpty());
    QCOMPARE(outcome.failures.first().kind, kind);
    QCOMPARE(outcome.failures.first().nextStep, next);
    QVERIFY(!outcome.failures.first().advice.isEmpty());
    QVERIFY(!outcome.failures.first().evidence.isEmpty());
    QVERIFY(!outcome.failures.first().evidence.contains(database.profile().password));
    if (kind == MigrationFailure::Kind::SortMemory) {
        QCOMPARE(outcome.failures.first().version, QStringLiteral("1.2.0"));
        QVERIFY(outcome.failures.first().advice.contains(engine == Engine::MySql
                                                             ? QStringLiteral("sort_buffer_size")
                                                             : QStringLiteral("work_mem")));
        // Its schema changes ran and are logged: the version is partly applied.
        QCOMPARE(outcome.databaseAfter->partiallyApplied(), QStringList{QStringLiteral("1.2.0")});
        bool partial = false;
        for (const auto& failure : outcome.failures)
            partial = partial || failure.kind == MigrationFailure::Kind::PartialRun;
        QVERIFY(partial);
    }
    if (kind == MigrationFailure::Kind::FlywayChecksum)
        QCOMPARE(outcome.failures.first().version, QStringLiteral("013"));
    QCOMPARE(database.appliedVersions().size(), 5); // nothing recorded beyond 1.1.5
}

void TestMigrationRunner::sortMemoryFixedByRaisingTheSettingThenRetry_data()
{
    engines();
}

void TestMigrationRunner::sortMemoryFixedByRaisingTheSettingThenRetry()
{
    QFETCH(Engine, engine);
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(engine, &error), qPrintable(error));
    // The fake needs 24 MB of sort memory in the session, as a large query_entity would.
    const QMap<QString, QString> needs{
        {QStringLiteral("OMU_FAKE_OM_REQUIRED_SORT_BYTES"), QString::number(24 * 1024 * 1024)}};
    const QString lower =
        engine == Engine::MySql
            ? QStringLiteral("SET GLOBAL sort_buffer_size = 262144")
            : QStringLiteral("ALTER DATABASE %1 SET work_mem = '4MB'").arg(database.name());
    QVERIFY2(database.exec(lower, &error), qPrintable(error));
    auto outcome = run(bareCommand(database, QStringLiteral("1.2.0"), needs), &database);
    QCOMPARE(outcome.ending, Ending::Failed);
    QCOMPARE(outcome.failures.first().kind, MigrationFailure::Kind::SortMemory);

    // What the Tuning step does, then Retry: the run continues and succeeds.
    const QString raise =
        engine == Engine::MySql
            ? QStringLiteral("SET GLOBAL sort_buffer_size = 33554432")
            : QStringLiteral("ALTER DATABASE %1 SET work_mem = '32MB'").arg(database.name());
    QVERIFY2(database.exec(raise, &error), qPrintable(error));
    outcome = run(bareCommand(database, QStringLiteral("1.2.0"), needs), &database);
    if (engine == Engine::MySql)
        database.exec(QStringLiteral("SET GLOBAL sort_buffer_size = 262144"));
    QCOMPARE(outcome.ending, Ending::Succeeded);
    QCOMPARE(database.appliedVersions().last(), QStringLiteral("1.2.0"));
    QVERIFY(outcome.databaseAfter->partiallyApplied().isEmpty());
}

void TestMigrationRunner::watchdogReportsASilentToolAndCancelExplains_data()
{
    engines();
}

void TestMigrationRunner::watchdogReportsASilentToolAndCancelExplains()
{
    QFETCH(Engine, engine);
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(engine, &error), qPrintable(error));
    const auto command =
        bareCommand(database, QStringLiteral("1.3.0"),
                    {{QStringLiteral("OMU_FAKE_OM_FAIL"), QStringLiteral("hang")},
                     {QStringLiteral("OMU_FAKE_OM_HANG_SECONDS"), QStringLiteral("120")}});
    MigrationRunner runner;
    MigrationRunner::Options options;
    options.profile = database.profile();
    options.silenceSeconds = 1;
    options.terminateGraceMs = 3000;
    QSignalSpy silent(&runner, &MigrationRunner::silent);
    QSignalSpy finished(&runner, &MigrationRunner::finished);
    runner.start(command, options);
    // The fake prints the version it hangs in after starting python and connecting; under
    // load that may take longer than the one-second watchdog, so wait for the version first.
    QTRY_COMPARE_WITH_TIMEOUT(runner.currentVersion(), QStringLiteral("1.2.0"), 60'000);
    silent.clear();
    QVERIFY(silent.wait(30'000));
    QVERIFY(silent.first().first().toInt() >= 1);
    QCOMPARE(runner.currentVersion(), QStringLiteral("1.2.0"));
    QVERIFY(finished.isEmpty()); // the watchdog reports; it does not end the run
    runner.cancel();
    QVERIFY(finished.wait(30'000));
    const MigrationOutcome& outcome = runner.outcome();
    QCOMPARE(outcome.ending, Ending::Cancelled);
    QVERIFY(outcome.explanation.contains(QStringLiteral("No version was completed")));
    QVERIFY(outcome.explanation.contains(QStringLiteral("backup")));
    QCOMPARE(database.appliedVersions().size(), 5);
}

void TestMigrationRunner::toolKilledMidVersionIsAPartialRunThenForce_data()
{
    engines();
}

void TestMigrationRunner::toolKilledMidVersionIsAPartialRunThenForce()
{
    QFETCH(Engine, engine);
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(engine, &error), qPrintable(error));
    auto outcome =
        run(bareCommand(database, QStringLiteral("1.3.0"),
                        {{QStringLiteral("OMU_FAKE_OM_FAIL"), QStringLiteral("die-mid-version")}}),
            &database);
    QCOMPARE(outcome.ending, Ending::Failed);
    QVERIFY(outcome.crashed);
    QCOMPARE(outcome.failures.size(), 1);
    QCOMPARE(outcome.failures.first().kind, MigrationFailure::Kind::PartialRun);
    QCOMPARE(outcome.failures.first().nextStep, MigrationFailure::NextStep::RetryWithForce);
    QCOMPARE(outcome.failures.first().version, QStringLiteral("1.2.0"));
    QVERIFY(outcome.explanation.contains(QStringLiteral("partly applied")));

    // Retry with --force (the user confirmed): every version runs, logged statements are
    // skipped, and the database ends at the release.
    const auto forced = bareCommand(database, QStringLiteral("1.3.0"), {}, true);
    QVERIFY(forced.arguments.contains(QStringLiteral("--force")));
    outcome = run(forced, &database);
    QCOMPARE(outcome.ending, Ending::Succeeded);
    QCOMPARE(database.appliedVersions().last(), QStringLiteral("1.3.0"));
    QVERIFY(outcome.databaseAfter->partiallyApplied().isEmpty());
}

void TestMigrationRunner::dockerModeRunsInTheContainerWithoutThePassword_data()
{
    engines();
}

void TestMigrationRunner::dockerModeRunsInTheContainerWithoutThePassword()
{
    QFETCH(Engine, engine);
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(engine, &error), qPrintable(error));
    const QString release = assembled(m_dir, QStringLiteral("1.3.0"));
    const auto distribution = OpenMetadataDistribution::read(release);
    const auto profile = database.profile();

    // The container's env file, as docker compose would give it (0600: it holds a secret).
    const QString envFile =
        m_dir.filePath(QStringLiteral("container-%1.env").arg(engineName(engine)));
    QFile env(envFile);
    QVERIFY(env.open(QIODevice::WriteOnly));
    env.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    for (const auto& [key, value] : ToolCommandLineBuilder::connectionVariables(profile))
        env.write((key + QLatin1Char('=') + value + QLatin1Char('\n')).toUtf8());
    env.close();
    const QString compose = m_dir.filePath(QStringLiteral("docker-compose.yml"));
    QFile composeFile(compose);
    QVERIFY(composeFile.open(QIODevice::WriteOnly));
    composeFile.write("services:\n  execute-migrate-all:\n    image: openmetadata/server:1.3.0\n");
    composeFile.close();
    const QString toolsLog =
        m_dir.filePath(QStringLiteral("tools-%1.jsonl").arg(engineName(engine)));

    MigrationSettings settings;
    settings.mode = MigrationMode::Docker;
    settings.docker.composeFile = compose;
    auto& environment = settings.baseEnvironment;
    environment.insert(QStringLiteral("PATH"), FakeDistribution::containerToolsFolder() +
                                                   QLatin1Char(':') +
                                                   environment.value(QStringLiteral("PATH")));
    environment.insert(QStringLiteral("OMU_FAKE_TOOLS_LOG"), toolsLog);
    environment.insert(QStringLiteral("OMU_FAKE_CONTAINER_ROOT"), release);
    environment.insert(QStringLiteral("OMU_FAKE_CONTAINER_ENV_FILE"), envFile);
    const auto command = ToolCommandLineBuilder::build(distribution.value(), profile, settings);
    QVERIFY2(command.ok(), qPrintable(command.ok() ? QString() : command.error().toString()));
    QCOMPARE(command->program,
             FakeDistribution::containerToolsFolder() + QStringLiteral("/docker"));
    QVERIFY(command->display().contains(QStringLiteral("compose -f ") + compose +
                                        QStringLiteral(" run --rm execute-migrate-all")));

    const MigrationOutcome outcome = run(command.value(), &database);
    QCOMPARE(outcome.ending, Ending::Succeeded);
    QCOMPARE(database.appliedVersions().last(), QStringLiteral("1.3.0"));

    const auto calls = jsonLines(toolsLog);
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls.first().value(QStringLiteral("tool")).toString(), QStringLiteral("docker"));
    QStringList argv;
    for (const QJsonValue& value : calls.first().value(QStringLiteral("argv")).toArray())
        argv << value.toString();
    QCOMPARE(argv, (QStringList{QStringLiteral("compose"), QStringLiteral("-f"), compose,
                                QStringLiteral("run"), QStringLiteral("--rm"),
                                QStringLiteral("execute-migrate-all"),
                                QStringLiteral("/opt/openmetadata/bootstrap/openmetadata-ops.sh"),
                                QStringLiteral("-c"),
                                QStringLiteral("/opt/openmetadata/conf/openmetadata.yaml"),
                                QStringLiteral("migrate")}));
    QVERIFY(!anyArgumentContains(calls, profile.password));
    // Nothing secret was handed to docker at all: the container has its own env file.
    QVERIFY(!calls.first()
                 .value(QStringLiteral("envKeys"))
                 .toArray()
                 .contains(QStringLiteral("DB_USER_PASSWORD")));

    // docker exec into a named container instead.
    settings.docker.container = QStringLiteral("openmetadata_server");
    const auto exec = ToolCommandLineBuilder::build(distribution.value(), profile, settings,
                                                    MigrationAction::Info);
    QVERIFY(exec.ok());
    QCOMPARE(exec->arguments.mid(0, 3), (QStringList{QStringLiteral("exec"), QStringLiteral("-i"),
                                                     QStringLiteral("openmetadata_server")}));
    QCOMPARE(run(exec.value(), nullptr).ending, Ending::Succeeded);
    QVERIFY(!anyArgumentContains(jsonLines(toolsLog), profile.password));
}

void TestMigrationRunner::kubernetesModeExecsIntoThePod()
{
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(Engine::Postgres, &error), qPrintable(error));
    const QString release = assembled(m_dir, QStringLiteral("1.3.0"));
    const auto distribution = OpenMetadataDistribution::read(release);
    const auto profile = database.profile();
    const QString envFile = m_dir.filePath(QStringLiteral("pod.env"));
    QFile env(envFile);
    QVERIFY(env.open(QIODevice::WriteOnly));
    env.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    for (const auto& [key, value] : ToolCommandLineBuilder::connectionVariables(profile))
        env.write((key + QLatin1Char('=') + value + QLatin1Char('\n')).toUtf8());
    env.close();
    const QString toolsLog = m_dir.filePath(QStringLiteral("kubectl.jsonl"));

    MigrationSettings settings;
    settings.mode = MigrationMode::Kubernetes;
    settings.kubernetes.nameSpace = QStringLiteral("metadata");
    settings.kubernetes.target = QStringLiteral("deploy/openmetadata");
    settings.force = true;
    auto& environment = settings.baseEnvironment;
    environment.insert(QStringLiteral("PATH"), FakeDistribution::containerToolsFolder() +
                                                   QLatin1Char(':') +
                                                   environment.value(QStringLiteral("PATH")));
    environment.insert(QStringLiteral("OMU_FAKE_TOOLS_LOG"), toolsLog);
    environment.insert(QStringLiteral("OMU_FAKE_CONTAINER_ROOT"), release);
    environment.insert(QStringLiteral("OMU_FAKE_CONTAINER_ENV_FILE"), envFile);
    const auto command = ToolCommandLineBuilder::build(distribution.value(), profile, settings);
    QVERIFY(command.ok());
    const MigrationOutcome outcome = run(command.value(), &database);
    QCOMPARE(outcome.ending, Ending::Succeeded);
    QCOMPARE(database.appliedVersions().last(), QStringLiteral("1.3.0"));
    const auto calls = jsonLines(toolsLog);
    QCOMPARE(calls.size(), 1);
    QStringList argv;
    for (const QJsonValue& value : calls.first().value(QStringLiteral("argv")).toArray())
        argv << value.toString();
    QCOMPARE(argv,
             (QStringList{QStringLiteral("-n"), QStringLiteral("metadata"), QStringLiteral("exec"),
                          QStringLiteral("deploy/openmetadata"), QStringLiteral("--"),
                          QStringLiteral("/opt/openmetadata/bootstrap/openmetadata-ops.sh"),
                          QStringLiteral("-c"),
                          QStringLiteral("/opt/openmetadata/conf/openmetadata.yaml"),
                          QStringLiteral("migrate"), QStringLiteral("--force")}));
    QVERIFY(!anyArgumentContains(calls, profile.password));
    QVERIFY(!calls.first()
                 .value(QStringLiteral("envKeys"))
                 .toArray()
                 .contains(QStringLiteral("DB_USER_PASSWORD")));
}

MigrationSettings TestMigrationRunner::jobSettings(const FixtureDatabase* database,
                                                   const QString& tag,
                                                   const QString& deploymentFile)
{
    m_toolsLog = m_dir.filePath(QStringLiteral("kubectl-%1.jsonl").arg(tag));
    m_stateDir = m_dir.filePath(QStringLiteral("cluster-%1").arg(tag));
    QFile::remove(m_toolsLog);
    QDir(m_stateDir).removeRecursively();
    MigrationSettings settings;
    settings.mode = MigrationMode::KubernetesJob;
    settings.kubernetes.nameSpace = QStringLiteral("metadata");
    auto& environment = settings.baseEnvironment;
    environment.insert(QStringLiteral("PATH"), FakeDistribution::containerToolsFolder() +
                                                   QLatin1Char(':') +
                                                   environment.value(QStringLiteral("PATH")));
    environment.insert(QStringLiteral("OMU_FAKE_TOOLS_LOG"), m_toolsLog);
    environment.insert(QStringLiteral("OMU_FAKE_K8S_STATE"), m_stateDir);
    environment.insert(QStringLiteral("OMU_FAKE_K8S_DEPLOYMENT"),
                       deploymentFile.isEmpty()
                           ? FakeDistribution::containerToolsFolder() +
                                 QStringLiteral("/openmetadata-deployment.json")
                           : deploymentFile);
    environment.insert(QStringLiteral("OMU_FAKE_CONTAINER_ROOT"),
                       assembled(m_dir, QStringLiteral("1.3.0")));
    if (database) {
        const QString envFile = m_dir.filePath(QStringLiteral("db-secret-%1.env").arg(tag));
        QFile env(envFile);
        if (!env.open(QIODevice::WriteOnly))
            qFatal("cannot write the env file");
        env.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        for (const auto& [key, value] :
             ToolCommandLineBuilder::connectionVariables(database->profile()))
            env.write((key + QLatin1Char('=') + value + QLatin1Char('\n')).toUtf8());
        env.close();
        environment.insert(QStringLiteral("OMU_FAKE_CONTAINER_ENV_FILE"), envFile);
    }
    return settings;
}

void TestMigrationRunner::kubernetesJobPieces()
{
    QCOMPARE(migrationModeFromName(QStringLiteral("kubernetes-job")), MigrationMode::KubernetesJob);
    QCOMPARE(migrationModeFromName(QStringLiteral("K8s-Job")), MigrationMode::KubernetesJob);
    QCOMPARE(migrationModeName(MigrationMode::KubernetesJob), QStringLiteral("kubernetes-job"));
    QCOMPARE(migrationModeFromName(QStringLiteral("kubernetes")), MigrationMode::Kubernetes);

    const QDateTime at(QDate(2024, 3, 1), QTime(14, 5, 9), Qt::UTC);
    QCOMPARE(KubernetesMigrationJob::jobName(MigrationAction::Migrate, QStringLiteral("1.3.1"), at),
             QStringLiteral("omupgrade-migrate-1-3-1-20240301140509"));
    QCOMPARE(KubernetesMigrationJob::jobName(MigrationAction::Repair,
                                             QStringLiteral("1.3.0-Collate"), at),
             QStringLiteral("omupgrade-repair-1-3-0-collate-20240301140509"));

    const QString tag = QStringLiteral("1.3.1");
    QCOMPARE(KubernetesMigrationJob::imageWithTag(QStringLiteral("openmetadata/server:1.2.0"), tag),
             QStringLiteral("openmetadata/server:1.3.1"));
    QCOMPARE(KubernetesMigrationJob::imageWithTag(QStringLiteral("openmetadata/server"), tag),
             QStringLiteral("openmetadata/server:1.3.1"));
    QCOMPARE(KubernetesMigrationJob::imageWithTag(
                 QStringLiteral("registry.local:5000/om/server:1.2.0"), tag),
             QStringLiteral("registry.local:5000/om/server:1.3.1"));
    QCOMPARE(
        KubernetesMigrationJob::imageWithTag(QStringLiteral("registry.local:5000/om/server"), tag),
        QStringLiteral("registry.local:5000/om/server:1.3.1"));
    QCOMPARE(KubernetesMigrationJob::imageWithTag(
                 QStringLiteral("openmetadata/server:1.2.0@sha256:0123abcd"), tag),
             QStringLiteral("openmetadata/server:1.3.1"));

    QVERIFY(KubernetesMigrationJob::looksSecret(QStringLiteral("FERNET_KEY")));
    QVERIFY(KubernetesMigrationJob::looksSecret(QStringLiteral("db_user_password")));
    QVERIFY(KubernetesMigrationJob::looksSecret(QStringLiteral("SMTP_SERVER_PWD")));
    QVERIFY(!KubernetesMigrationJob::looksSecret(QStringLiteral("MIGRATION_LIMIT_PARAM")));

    using State = MigrationVerdict::State;
    // JSON written with single quotes, for readability.
    const auto verdictOf = [](QByteArray json, int exitCode = 0, const QByteArray& errors = {}) {
        ProcessCallOutcome result;
        result.started = true;
        result.exitCode = exitCode;
        result.output = json.replace('\'', '"');
        result.errors = errors;
        return KubernetesMigrationJob::verdict(QStringLiteral("j"), result);
    };
    QCOMPARE(verdictOf("{'status': {'succeeded': 1, 'conditions': "
                       "[{'type': 'Complete', 'status': 'True'}]}}")
                 .state,
             State::Succeeded);
    const auto failed = verdictOf("{'status': {'failed': 1, 'conditions': [{'type': 'Failed', "
                                  "'status': 'True', 'reason': 'BackoffLimitExceeded', "
                                  "'message': 'Job has reached the specified backoff limit'}]}}");
    QCOMPARE(failed.state, State::Failed);
    QVERIFY2(failed.detail.contains(QStringLiteral("BackoffLimitExceeded")),
             qPrintable(failed.detail));
    QCOMPARE(verdictOf("{'status': {'failed': 1}}").state, State::Failed);
    QCOMPARE(verdictOf("{'status': {'succeeded': 1}}").state, State::Succeeded);
    // A condition that is not True decides nothing.
    QCOMPARE(verdictOf("{'status': {'active': 1, 'conditions': "
                       "[{'type': 'Failed', 'status': 'False'}]}}")
                 .state,
             State::Running);
    QCOMPARE(verdictOf("{'status': {}}").state, State::Running);
    QCOMPARE(verdictOf("not json").state, State::Unknown);
    QCOMPARE(verdictOf({}, 1, "Error from server (NotFound): jobs.batch 'j' not found").state,
             State::Failed);
    QCOMPARE(verdictOf({}, 1, "Unable to connect to the server: dial tcp: i/o timeout").state,
             State::Unknown);
}

void TestMigrationRunner::kubernetesJobRunsTheChartsMigration_data()
{
    engines();
}

void TestMigrationRunner::kubernetesJobRunsTheChartsMigration()
{
    QFETCH(Engine, engine);
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(engine, &error), qPrintable(error));
    const auto profile = database.profile();
    const auto distribution =
        OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.3.0")));
    const MigrationSettings settings = jobSettings(&database, engineName(engine));
    const auto command = ToolCommandLineBuilder::build(distribution.value(), profile, settings);
    QVERIFY2(command.ok(), qPrintable(command.ok() ? QString() : command.error().toString()));
    const QString name = jobNameOf(command.value());
    QVERIFY2(QRegularExpression(QStringLiteral("^omupgrade-migrate-1-3-0-\\d{14}$"))
                 .match(name)
                 .hasMatch(),
             qPrintable(name));
    QCOMPARE(command->mode, MigrationMode::KubernetesJob);
    QCOMPARE(command->program,
             FakeDistribution::containerToolsFolder() + QStringLiteral("/kubectl"));

    // Every kubectl command shows, the manifest only as a note, secrets masked.
    const QString display = command->display();
    for (const QString& line :
         {QStringLiteral("kubectl -n metadata create -f - (manifest on stdin)"),
          QStringLiteral("kubectl -n metadata logs -f --pod-running-timeout=10m job/") + name,
          QStringLiteral("kubectl -n metadata get job %1 -o json").arg(name),
          QStringLiteral("on cancel: ") + FakeDistribution::containerToolsFolder() +
              QStringLiteral("/kubectl -n metadata delete job %1 --wait=false "
                             "--cascade=background --ignore-not-found")
                  .arg(name)})
        QVERIFY2(display.contains(line), qPrintable(display + QStringLiteral("\nlacks: ") + line));
    QVERIFY2(display.contains(QStringLiteral("init container run-db-migrations")),
             qPrintable(display));
    const QByteArray json = QJsonDocument(command->toJson()).toJson(QJsonDocument::Compact);
    QVERIFY(json.contains("\"prepare\""));
    QVERIFY(json.contains("\"onCancel\""));
    QVERIFY(json.contains("docker.getcollate.io/openmetadata/server:1.3.0"));
    // A literal secret-looking value goes to the job but is never shown.
    const QByteArray literal = "fake-fernet-literal-7Qx2Lw9vTn4Rk8Hd";
    QVERIFY(!json.contains(literal));
    QVERIFY(!display.toUtf8().contains(literal));
    QVERIFY(command->prepare.first().input.contains(literal));
    QVERIFY(command->hiddenValues.contains(QString::fromLatin1(literal)));

    MigrationRunner runner;
    MigrationRunner::Options options;
    options.profile = profile;
    options.pollIntervalMs = 300;
    options.expectedVersions = {QStringLiteral("1.2.0"), QStringLiteral("1.2.1"),
                                QStringLiteral("1.3.0")};
    options.logFile = m_dir.filePath(QStringLiteral("job-%1.log").arg(engineName(engine)));
    QSignalSpy finished(&runner, &MigrationRunner::finished);
    runner.start(command.value(), options);
    QVERIFY(finished.wait(180'000));
    const MigrationOutcome& outcome = runner.outcome();
    QVERIFY2(outcome.ending == Ending::Succeeded, qPrintable(runner.log().join(QLatin1Char('\n'))));
    QCOMPARE(outcome.exitCode, 0);
    QVERIFY2(outcome.conclusion.contains(QStringLiteral("job %1 completed").arg(name)),
             qPrintable(outcome.conclusion));
    for (const auto& version : outcome.versions) {
        QCOMPARE(version.state, VersionProgress::State::Succeeded);
        QVERIFY(version.confirmed);
    }
    QCOMPARE(database.appliedVersions().last(), QStringLiteral("1.3.0"));
    QVERIFY(runner.log().contains(QStringLiteral("job.batch/%1 created").arg(name)));

    // Exactly these kubectl calls, in this order.
    const auto calls = jsonLines(m_toolsLog);
    QCOMPARE(calls.size(), 5);
    const QStringList ns{QStringLiteral("-n"), QStringLiteral("metadata")};
    QCOMPARE(argv(calls.at(0)),
             (ns + QStringList{QStringLiteral("get"), QStringLiteral("deployment"),
                               QStringLiteral("openmetadata"), QStringLiteral("-o"),
                               QStringLiteral("json")}));
    QCOMPARE(argv(calls.at(1)),
             (ns + QStringList{QStringLiteral("get"), QStringLiteral("jobs"), QStringLiteral("-l"),
                               QStringLiteral("app.kubernetes.io/managed-by=omupgrade"),
                               QStringLiteral("-o"), QStringLiteral("json")}));
    QCOMPARE(argv(calls.at(2)), (ns + QStringList{QStringLiteral("create"), QStringLiteral("-f"),
                                                  QStringLiteral("-")}));
    QCOMPARE(argv(calls.at(3)), (ns + QStringList{QStringLiteral("logs"), QStringLiteral("-f"),
                                                  QStringLiteral("--pod-running-timeout=10m"),
                                                  QStringLiteral("job/") + name}));
    QCOMPARE(argv(calls.at(4)),
             (ns + QStringList{QStringLiteral("get"), QStringLiteral("job"), name,
                               QStringLiteral("-o"), QStringLiteral("json")}));

    // The manifest kubectl read: the chart's container, the new image, the ops script.
    const QString stdinText = calls.at(2).value(QStringLiteral("stdin")).toString();
    const QJsonObject job = QJsonDocument::fromJson(stdinText.toUtf8()).object();
    QCOMPARE(job[QStringLiteral("kind")].toString(), QStringLiteral("Job"));
    QCOMPARE(job[QStringLiteral("metadata")][QStringLiteral("name")].toString(), name);
    QCOMPARE(job[QStringLiteral("metadata")][QStringLiteral("namespace")].toString(),
             QStringLiteral("metadata"));
    QCOMPARE(job[QStringLiteral("metadata")][QStringLiteral("labels")]
                [QStringLiteral("app.kubernetes.io/managed-by")]
                    .toString(),
             QStringLiteral("omupgrade"));
    const QJsonObject spec = job[QStringLiteral("spec")].toObject();
    QCOMPARE(spec[QStringLiteral("backoffLimit")].toInt(-1), 0);
    QCOMPARE(spec[QStringLiteral("ttlSecondsAfterFinished")].toInt(), 86400);
    const QJsonObject pod = spec[QStringLiteral("template")][QStringLiteral("spec")].toObject();
    QCOMPARE(pod[QStringLiteral("restartPolicy")].toString(), QStringLiteral("Never"));
    QCOMPARE(pod[QStringLiteral("serviceAccountName")].toString(), QStringLiteral("openmetadata"));
    const QJsonObject sample = sampleDeployment();
    const QJsonObject samplePod =
        sample[QStringLiteral("spec")][QStringLiteral("template")][QStringLiteral("spec")]
            .toObject();
    for (const char* key : {"imagePullSecrets", "volumes", "nodeSelector", "tolerations"})
        QCOMPARE(pod[QLatin1String(key)], samplePod[QLatin1String(key)]);
    QVERIFY(!pod.contains(QStringLiteral("initContainers")));
    const QJsonArray containers = pod[QStringLiteral("containers")].toArray();
    QCOMPARE(containers.size(), 1);
    const QJsonObject container = containers.first().toObject();
    const QJsonObject source = initContainerOf(sample);
    QCOMPARE(container[QStringLiteral("image")].toString(),
             QStringLiteral("docker.getcollate.io/openmetadata/server:1.3.0"));
    QCOMPARE(container[QStringLiteral("command")].toArray(),
             QJsonArray{QStringLiteral("/opt/openmetadata/bootstrap/openmetadata-ops.sh")});
    QCOMPARE(container[QStringLiteral("args")].toArray(),
             (QJsonArray{QStringLiteral("-c"),
                         QStringLiteral("/opt/openmetadata/conf/openmetadata.yaml"),
                         QStringLiteral("migrate")}));
    QCOMPARE(container[QStringLiteral("envFrom")].toArray().size(), 4);
    for (const char* key : {"envFrom", "env", "volumeMounts", "resources", "securityContext"})
        QCOMPARE(container[QLatin1String(key)], source[QLatin1String(key)]);
    QVERIFY(!container.contains(QStringLiteral("ports")));

    // The password is in no argument, no input, nothing shown, no log; kubectl got no
    // connection variables at all.
    const QString password = profile.password;
    QVERIFY(!anyArgumentContains(calls, password));
    for (const QJsonObject& call : calls) {
        QVERIFY(!call.value(QStringLiteral("stdin")).toString().contains(password));
        QVERIFY(!call.value(QStringLiteral("envKeys"))
                     .toArray()
                     .contains(QStringLiteral("DB_USER_PASSWORD")));
    }
    QVERIFY(!display.contains(password));
    QVERIFY(!json.contains(password.toUtf8()));
    QFile log(options.logFile);
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray logText = log.readAll();
    QVERIFY(!logText.contains(password.toUtf8()));
    QVERIFY(!logText.contains(literal));
}

void TestMigrationRunner::kubernetesJobFailureComesFromTheJobStatus_data()
{
    QTest::addColumn<Engine>("engine");
    QTest::addColumn<QString>("mode");
    QTest::newRow("mariadb sort-memory") << Engine::MySql << QStringLiteral("sort-memory");
    QTest::newRow("postgres sort-memory") << Engine::Postgres << QStringLiteral("sort-memory");
    // Killed: no version reports a failure in the log, only the job's status tells.
    QTest::newRow("mariadb die-mid-version") << Engine::MySql << QStringLiteral("die-mid-version");
}

void TestMigrationRunner::kubernetesJobFailureComesFromTheJobStatus()
{
    QFETCH(Engine, engine);
    QFETCH(QString, mode);
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(engine, &error), qPrintable(error));
    const auto distribution =
        OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.3.0")));
    MigrationSettings settings =
        jobSettings(&database, QStringLiteral("fail-%1-%2").arg(engineName(engine), mode));
    settings.baseEnvironment.insert(QStringLiteral("OMU_FAKE_OM_FAIL"), mode);
    const auto command =
        ToolCommandLineBuilder::build(distribution.value(), database.profile(), settings);
    QVERIFY(command.ok());
    const QString name = jobNameOf(command.value());
    const MigrationOutcome outcome = run(command.value(), &database);
    QVERIFY2(outcome.ending == Ending::Failed, qPrintable(outcome.logTail.join(QLatin1Char('\n'))));
    // kubectl logs itself ended well; the job's status said the tool failed.
    QVERIFY2(outcome.logTail.contains(QStringLiteral("[omupgrade] kubectl (exit code 0); the "
                                                     "check below decides")),
             qPrintable(outcome.logTail.join(QLatin1Char('\n'))));
    QVERIFY2(outcome.conclusion.contains(
                 QStringLiteral("job %1 failed (BackoffLimitExceeded").arg(name)),
             qPrintable(outcome.conclusion));
    QCOMPARE(outcome.exitCode, 1);
    QVERIFY(!outcome.failures.isEmpty());
    QCOMPARE(outcome.failures.first().kind, mode == QLatin1String("sort-memory")
                                                ? MigrationFailure::Kind::SortMemory
                                                : MigrationFailure::Kind::PartialRun);
    QVERIFY(outcome.explanation.contains(QStringLiteral("kubectl -n metadata logs job/") + name));
    QCOMPARE(database.appliedVersions().size(), 5); // nothing recorded beyond 1.1.5
    const auto calls = jsonLines(m_toolsLog);
    QCOMPARE(calls.size(), 5);
    QCOMPARE(argv(calls.last()).mid(2, 2),
             (QStringList{QStringLiteral("get"), QStringLiteral("job")}));
}

void TestMigrationRunner::kubernetesJobCancelDeletesTheJob()
{
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(Engine::Postgres, &error), qPrintable(error));
    const auto distribution =
        OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.3.0")));
    MigrationSettings settings = jobSettings(&database, QStringLiteral("cancel"));
    settings.baseEnvironment.insert(QStringLiteral("OMU_FAKE_OM_FAIL"), QStringLiteral("hang"));
    settings.baseEnvironment.insert(QStringLiteral("OMU_FAKE_OM_HANG_SECONDS"),
                                    QStringLiteral("120"));
    const auto command =
        ToolCommandLineBuilder::build(distribution.value(), database.profile(), settings);
    QVERIFY(command.ok());
    const QString name = jobNameOf(command.value());
    MigrationRunner runner;
    MigrationRunner::Options options;
    options.profile = database.profile();
    options.terminateGraceMs = 3000;
    QSignalSpy finished(&runner, &MigrationRunner::finished);
    runner.start(command.value(), options);
    const QString pidFile = QDir(m_stateDir).filePath(name + QStringLiteral(".pid"));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(pidFile), 60'000);
    QTRY_VERIFY_WITH_TIMEOUT(runner.currentVersion() == QStringLiteral("1.2.0"), 60'000);
    QFile pid(pidFile);
    QVERIFY(pid.open(QIODevice::ReadOnly));
    const pid_t toolPid = pid_t(pid.readAll().trimmed().toLongLong());
    QVERIFY(toolPid > 0 && ::kill(toolPid, 0) == 0); // the "pod" runs

    runner.cancel();
    QVERIFY(finished.wait(60'000));
    const MigrationOutcome& outcome = runner.outcome();
    QCOMPARE(outcome.ending, Ending::Cancelled);
    QVERIFY2(outcome.explanation.contains(QStringLiteral("The job %1 was deleted").arg(name)),
             qPrintable(outcome.explanation));
    QVERIFY(outcome.explanation.contains(QStringLiteral("does not go on in the cluster")));
    const auto calls = jsonLines(m_toolsLog);
    QCOMPARE(argv(calls.last()),
             (QStringList{QStringLiteral("-n"), QStringLiteral("metadata"),
                          QStringLiteral("delete"), QStringLiteral("job"), name,
                          QStringLiteral("--wait=false"), QStringLiteral("--cascade=background"),
                          QStringLiteral("--ignore-not-found")}));
    QVERIFY(QFile::exists(QDir(m_stateDir).filePath(name + QStringLiteral(".deleted"))));
    // Deleting the job stopped the tool itself, not only kubectl logs.
    QTRY_VERIFY_WITH_TIMEOUT(::kill(toolPid, 0) != 0, 10'000);
    QCOMPARE(database.appliedVersions().size(), 5);
}

void TestMigrationRunner::kubernetesJobFollowsAgainWhileTheImageIsPulled()
{
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(Engine::MySql, &error), qPrintable(error));
    const auto distribution =
        OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.3.0")));
    MigrationSettings settings = jobSettings(&database, QStringLiteral("pulling"));
    settings.baseEnvironment.insert(QStringLiteral("OMU_FAKE_K8S_PENDING_LOGS"),
                                    QStringLiteral("2"));
    auto command =
        ToolCommandLineBuilder::build(distribution.value(), database.profile(), settings);
    QVERIFY(command.ok());
    ToolCommandLine quick = command.value();
    quick.concludeChecks = 2;
    quick.concludeRetryMs = 100;
    const MigrationOutcome outcome = run(quick, &database);
    QVERIFY2(outcome.ending == Ending::Succeeded,
             qPrintable(outcome.logTail.join(QLatin1Char('\n'))));
    QCOMPARE(database.appliedVersions().last(), QStringLiteral("1.3.0"));
    const QString tail = outcome.logTail.join(QLatin1Char('\n'));
    QVERIFY(tail.contains(QStringLiteral("is waiting to start: ContainerCreating")));
    QCOMPARE(tail.count(QStringLiteral(": following its log again")), 2);
    int logsCalls = 0;
    for (const QJsonObject& call : jsonLines(m_toolsLog))
        logsCalls += argv(call).contains(QStringLiteral("logs")) ? 1 : 0;
    QCOMPARE(logsCalls, 3);

    // Without following again, a job that never starts ends the run as failed.
    QVERIFY(database.exec(QStringLiteral("SELECT 1")));
    settings = jobSettings(&database, QStringLiteral("never-starts"));
    settings.baseEnvironment.insert(QStringLiteral("OMU_FAKE_K8S_PENDING_LOGS"),
                                    QStringLiteral("99"));
    command = ToolCommandLineBuilder::build(distribution.value(), database.profile(), settings);
    QVERIFY(command.ok());
    quick = command.value();
    quick.concludeChecks = 2;
    quick.concludeRetryMs = 100;
    quick.followAgainMs = 0;
    const MigrationOutcome stuck = run(quick, &database);
    QCOMPARE(stuck.ending, Ending::Failed);
    QVERIFY2(stuck.conclusion.contains(QStringLiteral("has not finished")) &&
                 stuck.conclusion.contains(QStringLiteral("may still be running")),
             qPrintable(stuck.conclusion));
}

void TestMigrationRunner::kubernetesJobStopsFollowingAStreamThatOutlivesIt()
{
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(Engine::Postgres, &error), qPrintable(error));
    const auto distribution =
        OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.3.0")));
    MigrationSettings settings = jobSettings(&database, QStringLiteral("stream-open"));
    // The pod ends, but `kubectl logs -f` stays open for five minutes.
    settings.baseEnvironment.insert(QStringLiteral("OMU_FAKE_K8S_LOGS_HANG"),
                                    QStringLiteral("300"));
    const auto command =
        ToolCommandLineBuilder::build(distribution.value(), database.profile(), settings);
    QVERIFY(command.ok());
    QCOMPARE(command->statusProbeMs, 60'000);
    ToolCommandLine quick = command.value();
    quick.statusProbeMs = 1000;
    QElapsedTimer clock;
    clock.start();
    const MigrationOutcome outcome = run(quick, &database);
    QVERIFY2(clock.elapsed() < 60'000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY2(outcome.ending == Ending::Succeeded,
             qPrintable(outcome.logTail.join(QLatin1Char('\n'))));
    QCOMPARE(database.appliedVersions().last(), QStringLiteral("1.3.0"));
    const QString tail = outcome.logTail.join(QLatin1Char('\n'));
    QVERIFY(tail.contains(QStringLiteral("log stream stayed open")));
    QVERIFY(!tail.contains(QStringLiteral("following its log again")));
}

void TestMigrationRunner::kubernetesJobWaitsForAnEarlierJob()
{
    // A job an earlier run created and never saw end (closed wizard, slow image pull).
    const MigrationSettings settings = jobSettings(nullptr, QStringLiteral("earlier"));
    QVERIFY(QDir().mkpath(m_stateDir));
    const QString earlier = QStringLiteral("omupgrade-migrate-1-3-0-20240301120000");
    QFile manifest(m_stateDir + QLatin1Char('/') + earlier + QStringLiteral(".json"));
    QVERIFY(manifest.open(QIODevice::WriteOnly));
    manifest.write(
        QJsonDocument(
            QJsonObject{{QStringLiteral("kind"), QStringLiteral("Job")},
                        {QStringLiteral("metadata"),
                         QJsonObject{{QStringLiteral("name"), earlier},
                                     {QStringLiteral("labels"),
                                      QJsonObject{{QStringLiteral("app.kubernetes.io/managed-by"),
                                                   QStringLiteral("omupgrade")}}}}}})
            .toJson());
    manifest.close();
    const auto release = OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.3.0")));
    const ConnectionProfile profile = offlineProfile(QStringLiteral("pw"));
    auto built = ToolCommandLineBuilder::build(release.value(), profile, settings);
    QVERIFY(!built.ok());
    QVERIFY2(built.error().message.contains(QStringLiteral("has not finished: ") + earlier),
             qPrintable(built.error().toString()));
    QVERIFY(built.error().advice.contains(QStringLiteral("delete job ") + earlier));
    // Nothing was created next to it.
    for (const QJsonObject& call : jsonLines(m_toolsLog))
        QVERIFY(!argv(call).contains(QStringLiteral("create")));
    // Once it has ended (here: failed), a new job may go.
    QFile exit(m_stateDir + QLatin1Char('/') + earlier + QStringLiteral(".exit"));
    QVERIFY(exit.open(QIODevice::WriteOnly));
    exit.write("1");
    exit.close();
    built = ToolCommandLineBuilder::build(release.value(), profile, settings);
    QVERIFY2(built.ok(), qPrintable(built.ok() ? QString() : built.error().toString()));
}

void TestMigrationRunner::kubernetesJobRefusesWithAReason()
{
    const ConnectionProfile profile = offlineProfile(QStringLiteral("Lit3ral-Pa55word"));
    const auto release = OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.3.0")));

    // The deployment is not there: said plainly, nothing created.
    MigrationSettings settings = jobSettings(nullptr, QStringLiteral("missing"));
    settings.kubernetes.deployment = QStringLiteral("openmetadata-server");
    auto built = ToolCommandLineBuilder::build(release.value(), profile, settings);
    QVERIFY(!built.ok());
    QVERIFY2(built.error().message.contains(
                 QStringLiteral("deployment \"openmetadata-server\" not found in namespace "
                                "\"metadata\"")),
             qPrintable(built.error().toString()));
    QVERIFY(built.error().message.contains(QStringLiteral("Error from server (NotFound)")));
    QVERIFY(built.error().advice.contains(QStringLiteral("--deployment")));
    QCOMPARE(jsonLines(m_toolsLog).size(), 1);
    QVERIFY(QDir(m_stateDir).entryList({QStringLiteral("*.json")}, QDir::Files).isEmpty());

    // Not allowed to read it: which permissions the mode needs.
    settings = jobSettings(nullptr, QStringLiteral("forbidden"));
    settings.baseEnvironment.insert(QStringLiteral("OMU_FAKE_K8S_FORBIDDEN"), QStringLiteral("1"));
    built = ToolCommandLineBuilder::build(release.value(), profile, settings);
    QVERIFY(!built.ok());
    QVERIFY2(built.error().message.contains(QStringLiteral("may not read deployment")),
             qPrintable(built.error().toString()));
    QVERIFY(built.error().advice.contains(QStringLiteral("create, get and delete on jobs")));

    // The old server still runs: stop it first (an info run, which changes nothing, and a
    // reindex, which belongs next to the new server, may go).
    QJsonObject running = sampleDeployment();
    QJsonObject spec = running[QStringLiteral("spec")].toObject();
    spec[QStringLiteral("replicas")] = 1;
    running[QStringLiteral("spec")] = spec;
    const QString runningFile = m_dir.filePath(QStringLiteral("running-deployment.json"));
    QFile file(runningFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(running).toJson());
    file.close();
    settings = jobSettings(nullptr, QStringLiteral("running"), runningFile);
    built = ToolCommandLineBuilder::build(release.value(), profile, settings);
    QVERIFY(!built.ok());
    QVERIFY2(built.error().message.contains(QStringLiteral("still runs 1 pod(s)")),
             qPrintable(built.error().toString()));
    QVERIFY(built.error().advice.contains(
        QStringLiteral("kubectl -n metadata scale deployment openmetadata --replicas=0")));
    built =
        ToolCommandLineBuilder::build(release.value(), profile, settings, MigrationAction::Info);
    QVERIFY(built.ok());
    QVERIFY(jobNameOf(built.value()).startsWith(QStringLiteral("omupgrade-info-1-3-0-")));
    QCOMPARE(jobArguments(built.value()).last(), QStringLiteral("info"));
    // The reindex runs after the new server is up: allowed next to it.
    built =
        ToolCommandLineBuilder::build(release.value(), profile, settings, MigrationAction::Reindex);
    QVERIFY2(built.ok(), qPrintable(built.ok() ? QString() : built.error().toString()));
    QCOMPARE(jobArguments(built.value()).last(), QStringLiteral("reindex"));
    built =
        ToolCommandLineBuilder::build(release.value(), profile, settings, MigrationAction::Repair);
    QVERIFY(!built.ok()); // a repair rewrites Flyway's history: the server must be down

    // Force and repair reach the job's arguments; --image wins over the derived one.
    settings = jobSettings(nullptr, QStringLiteral("force"));
    settings.force = true;
    settings.kubernetes.image = QStringLiteral("registry.local:5000/om/server:1.3.0-patched");
    built = ToolCommandLineBuilder::build(release.value(), profile, settings);
    QVERIFY(built.ok());
    QVERIFY(built->force);
    QCOMPARE(jobArguments(built.value()).mid(2),
             (QStringList{QStringLiteral("migrate"), QStringLiteral("--force")}));
    QCOMPARE(jobContainer(built.value())[QStringLiteral("image")].toString(),
             QStringLiteral("registry.local:5000/om/server:1.3.0-patched"));
    built =
        ToolCommandLineBuilder::build(release.value(), profile, settings, MigrationAction::Repair);
    QVERIFY(built.ok());
    QCOMPARE(jobArguments(built.value()).last(), QStringLiteral("repair"));

    // The database password written into the deployment would be copied into the job.
    QJsonObject literal = sampleDeployment();
    QJsonObject podSpec =
        literal[QStringLiteral("spec")][QStringLiteral("template")][QStringLiteral("spec")]
            .toObject();
    QJsonArray inits = podSpec[QStringLiteral("initContainers")].toArray();
    QJsonObject init = inits.first().toObject();
    QJsonArray env = init[QStringLiteral("env")].toArray();
    env.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("DB_USER_PASSWORD")},
                           {QStringLiteral("value"), profile.password}});
    init[QStringLiteral("env")] = env;
    inits[0] = init;
    podSpec[QStringLiteral("initContainers")] = inits;
    QJsonObject template_ = literal[QStringLiteral("spec")][QStringLiteral("template")].toObject();
    template_[QStringLiteral("spec")] = podSpec;
    spec = literal[QStringLiteral("spec")].toObject();
    spec[QStringLiteral("template")] = template_;
    literal[QStringLiteral("spec")] = spec;
    const QString literalFile = m_dir.filePath(QStringLiteral("literal-deployment.json"));
    QFile literalOut(literalFile);
    QVERIFY(literalOut.open(QIODevice::WriteOnly));
    literalOut.write(QJsonDocument(literal).toJson());
    literalOut.close();
    settings = jobSettings(nullptr, QStringLiteral("literal"), literalFile);
    built = ToolCommandLineBuilder::build(release.value(), profile, settings);
    QVERIFY(!built.ok());
    QVERIFY2(built.error().message.contains(QStringLiteral("refusing to pass the database "
                                                           "password")),
             qPrintable(built.error().toString()));
    QVERIFY(!built.error().toString().contains(profile.password));
    QVERIFY(QDir(m_stateDir).entryList({QStringLiteral("*.json")}, QDir::Files).isEmpty());
    // The same with a password JSON must escape, under a name that does not look secret.
    ConnectionProfile quoted = profile;
    quoted.password = QStringLiteral("Lit\"3ral\\pw");
    env = init[QStringLiteral("env")].toArray();
    env.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("DB_OPTIONS")},
                           {QStringLiteral("value"), QStringLiteral("x=") + quoted.password}});
    init[QStringLiteral("env")] = env;
    inits[0] = init;
    podSpec[QStringLiteral("initContainers")] = inits;
    template_[QStringLiteral("spec")] = podSpec;
    spec[QStringLiteral("template")] = template_;
    literal[QStringLiteral("spec")] = spec;
    QVERIFY(literalOut.open(QIODevice::WriteOnly | QIODevice::Truncate));
    literalOut.write(QJsonDocument(literal).toJson());
    literalOut.close();
    built = ToolCommandLineBuilder::build(release.value(), quoted, settings);
    QVERIFY(!built.ok());
    QVERIFY2(built.error().message.contains(QStringLiteral("refusing to pass the database "
                                                           "password")),
             qPrintable(built.error().toString()));

    // A release before 1.3 has no openmetadata-ops.sh: refused before asking the cluster.
    const auto old = OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.2.0")));
    settings = jobSettings(nullptr, QStringLiteral("old"));
    built = ToolCommandLineBuilder::build(old.value(), profile, settings);
    QVERIFY(!built.ok());
    QVERIFY2(built.error().message.contains(QStringLiteral("release 1.2.0 has no "
                                                           "openmetadata-ops.sh")),
             qPrintable(built.error().toString()));
    QVERIFY(built.error().advice.contains(QStringLiteral("--mode kubernetes")));
    QVERIFY(jsonLines(m_toolsLog).isEmpty());

    // kubectl missing, or printing something that is not a deployment.
    settings = jobSettings(nullptr, QStringLiteral("no-kubectl"));
    settings.baseEnvironment.insert(QStringLiteral("PATH"),
                                    m_dir.filePath(QStringLiteral("empty")));
    built = ToolCommandLineBuilder::build(release.value(), profile, settings);
    QVERIFY(!built.ok());
    QVERIFY(built.error().message.contains(QStringLiteral("kubectl is not installed")));
    const QString oddFolder = m_dir.filePath(QStringLiteral("odd-kubectl"));
    QDir().mkpath(oddFolder);
    QFile odd(oddFolder + QStringLiteral("/kubectl"));
    QVERIFY(odd.open(QIODevice::WriteOnly));
    odd.write("#!/bin/sh\necho 'Deployment openmetadata is fine, thanks'\n");
    odd.close();
    odd.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    settings.baseEnvironment.insert(QStringLiteral("PATH"), oddFolder);
    built = ToolCommandLineBuilder::build(release.value(), profile, settings);
    QVERIFY(!built.ok());
    QVERIFY2(built.error().message.contains(QStringLiteral("not a deployment's JSON")),
             qPrintable(built.error().toString()));
    // No cluster: the line that says so, not the client's warnings before it.
    QVERIFY(odd.open(QIODevice::WriteOnly));
    odd.write("#!/bin/sh\necho 'E1124 memcache.go:265] \"Unhandled Error\"' >&2\n"
              "echo 'The connection to the server localhost:8080 was refused - did you "
              "specify the right host or port?' >&2\nexit 1\n");
    odd.close();
    built = ToolCommandLineBuilder::build(release.value(), profile, settings);
    QVERIFY(!built.ok());
    QVERIFY2(built.error().message.contains(QStringLiteral("(exit code 1): The connection to the "
                                                           "server localhost:8080 was refused")),
             qPrintable(built.error().toString()));
    QVERIFY(built.error().advice.contains(QStringLiteral("kubectl config current-context")));
}

void TestMigrationRunner::failsPlainlyWhenTheToolCannotStart()
{
    ToolCommandLine command;
    command.program = m_dir.filePath(QStringLiteral("no-such-tool.sh"));
    const MigrationOutcome outcome = run(command, nullptr);
    QCOMPARE(outcome.ending, Ending::Failed);
    QVERIFY(outcome.startError.contains(QStringLiteral("could not start")));

    // Without docker on the PATH the builder says so instead of starting nothing.
    const ConnectionProfile profile = offlineProfile();
    MigrationSettings settings;
    settings.mode = MigrationMode::Docker;
    settings.baseEnvironment.insert(QStringLiteral("PATH"), m_dir.path());
    const auto distribution =
        OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.3.0")));
    const auto built = ToolCommandLineBuilder::build(distribution.value(), profile, settings);
    QVERIFY(!built.ok());
    QVERIFY(built.error().message.contains(QStringLiteral("docker is not installed")));
}

QTEST_GUILESS_MAIN(TestMigrationRunner)
#include "TestMigrationRunner.moc"

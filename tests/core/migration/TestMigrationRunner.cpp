// Runs the fake distribution's real command line through MigrationRunner on both
// engines: success, each known failure recognised with its next step, a silent tool
// caught by the watchdog, a tool killed mid-version (partial run, then --force), cancel,
// and the docker / kubernetes modes through stand-ins that record their arguments.
// The password must never appear in any argument the child processes received.
#include "migration/MigrationPlan.h"
#include "migration/MigrationRunner.h"
#include "MigrationTestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>

using namespace omu;
using namespace omu::test;

namespace {

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
    void failsPlainlyWhenTheToolCannotStart();

private:
    void engines();
    MigrationCommand bareCommand(const FixtureDatabase& database, const QString& version,
                                 const QMap<QString, QString>& extra = {}, bool force = false);
    MigrationOutcome run(const MigrationCommand& command, const FixtureDatabase* database,
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

MigrationCommand TestMigrationRunner::bareCommand(const FixtureDatabase& database,
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
        MigrationCommandBuilder::build(distribution.value(), database.profile(), settings);
    if (!command)
        qFatal("%s", qPrintable(command.error().toString()));
    return command.value();
}

MigrationOutcome TestMigrationRunner::run(const MigrationCommand& command,
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
    auto command = MigrationCommandBuilder::build(ops.value(), profile, settings);
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
    QCOMPARE(MigrationCommandBuilder::build(ops.value(), profile, settings)->arguments.last(),
             QStringLiteral("--force"));
    QCOMPARE(MigrationCommandBuilder::build(ops.value(), profile, settings, MigrationAction::Repair)
                 ->arguments.last(),
             QStringLiteral("repair"));

    const auto storage = OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.2.0")));
    settings.force = false;
    command = MigrationCommandBuilder::build(storage.value(), profile, settings);
    QVERIFY(command.ok());
    QCOMPARE(command->program, storage->root() + QStringLiteral("/bootstrap/bootstrap_storage.sh"));
    QCOMPARE(command->arguments, QStringList{QStringLiteral("migrate-all")});
    const auto reindex = MigrationCommandBuilder::build(storage.value(), profile, settings,
                                                        MigrationAction::Reindex);
    QVERIFY(!reindex.ok());
    QVERIFY(reindex.error().advice.contains(QStringLiteral("SearchIndexingApplication")));
}

void TestMigrationRunner::refusesAConfigurationPointingElsewhere()
{
    ConnectionProfile profile;
    profile.engine = Engine::MySql;
    profile.host = QStringLiteral("db.internal");
    profile.port = 3306;
    profile.database = QStringLiteral("openmetadata_db");
    profile.user = QStringLiteral("openmetadata_user");
    profile.password = QStringLiteral("pw");
    const auto ops = OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.3.0")));
    const QString config = m_dir.filePath(QStringLiteral("hardcoded.yaml"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("database:\n  driverClass: com.mysql.cj.jdbc.Driver\n  user: openmetadata_user\n"
               "  password: pw\n  url: jdbc:mysql://other-host:3306/openmetadata_db\n");
    file.close();
    MigrationSettings settings;
    settings.configFile = config;
    const auto command = MigrationCommandBuilder::build(ops.value(), profile, settings);
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
    QCOMPARE(outcome.ending, MigrationEnding::Succeeded);
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
    QCOMPARE(outcome.ending, MigrationEnding::Failed);
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
    QCOMPARE(outcome.ending, MigrationEnding::Failed);
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
    QCOMPARE(outcome.ending, MigrationEnding::Succeeded);
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
    QVERIFY(silent.wait(30'000));
    QVERIFY(silent.first().first().toInt() >= 1);
    QCOMPARE(runner.currentVersion(), QStringLiteral("1.2.0"));
    QVERIFY(finished.isEmpty()); // the watchdog reports; it does not end the run
    runner.cancel();
    QVERIFY(finished.wait(30'000));
    const MigrationOutcome& outcome = runner.outcome();
    QCOMPARE(outcome.ending, MigrationEnding::Cancelled);
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
    QCOMPARE(outcome.ending, MigrationEnding::Failed);
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
    QCOMPARE(outcome.ending, MigrationEnding::Succeeded);
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
    for (const auto& [key, value] : MigrationCommandBuilder::connectionVariables(profile))
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
    const auto command = MigrationCommandBuilder::build(distribution.value(), profile, settings);
    QVERIFY2(command.ok(), qPrintable(command.ok() ? QString() : command.error().toString()));
    QCOMPARE(command->program,
             FakeDistribution::containerToolsFolder() + QStringLiteral("/docker"));
    QVERIFY(command->display().contains(QStringLiteral("compose -f ") + compose +
                                        QStringLiteral(" run --rm execute-migrate-all")));

    const MigrationOutcome outcome = run(command.value(), &database);
    QCOMPARE(outcome.ending, MigrationEnding::Succeeded);
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
    const auto exec = MigrationCommandBuilder::build(distribution.value(), profile, settings,
                                                     MigrationAction::Info);
    QVERIFY(exec.ok());
    QCOMPARE(exec->arguments.mid(0, 3), (QStringList{QStringLiteral("exec"), QStringLiteral("-i"),
                                                     QStringLiteral("openmetadata_server")}));
    QCOMPARE(run(exec.value(), nullptr).ending, MigrationEnding::Succeeded);
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
    for (const auto& [key, value] : MigrationCommandBuilder::connectionVariables(profile))
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
    const auto command = MigrationCommandBuilder::build(distribution.value(), profile, settings);
    QVERIFY(command.ok());
    const MigrationOutcome outcome = run(command.value(), &database);
    QCOMPARE(outcome.ending, MigrationEnding::Succeeded);
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

void TestMigrationRunner::failsPlainlyWhenTheToolCannotStart()
{
    MigrationCommand command;
    command.program = m_dir.filePath(QStringLiteral("no-such-tool.sh"));
    const MigrationOutcome outcome = run(command, nullptr);
    QCOMPARE(outcome.ending, MigrationEnding::Failed);
    QVERIFY(outcome.startError.contains(QStringLiteral("could not start")));

    // Without docker on the PATH the builder says so instead of starting nothing.
    ConnectionProfile profile;
    profile.engine = Engine::MySql;
    profile.host = QStringLiteral("h");
    profile.port = 3306;
    MigrationSettings settings;
    settings.mode = MigrationMode::Docker;
    settings.baseEnvironment.insert(QStringLiteral("PATH"), m_dir.path());
    const auto distribution =
        OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.3.0")));
    const auto built = MigrationCommandBuilder::build(distribution.value(), profile, settings);
    QVERIFY(!built.ok());
    QVERIFY(built.error().message.contains(QStringLiteral("docker is not installed")));
}

QTEST_GUILESS_MAIN(TestMigrationRunner)
#include "TestMigrationRunner.moc"

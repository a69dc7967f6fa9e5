// `omupgrade plan`, `migrate` and `report` end to end, running the real executable on the
// fixture database with the fake distribution: JSON shapes, refusals and exit codes, the
// gate, a failure with its advice, docker mode and the Kubernetes job mode through
// stand-ins, a wizard process killed mid-migration then resumed, and the report searched
// for the password.
#include "AppRunner.h"
#include "backup/BackupRecorder.h"
#include "FakeDistribution.h"
#include "FixtureDatabases.h"
#include "journal/JournalProgress.h"
#include "journal/UpgradeJournal.h"
#include "OpenMetadataFixture.h"
#include "review/ReviewRecorder.h"
#include "TestServers.h"
#include "tuning/TuningRecorder.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace omu;
using omu::test::FakeDistribution;
using omu::test::TestServers;

using Run = omu::test::AppRun;

class TestCliMigrate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void planPrintsTheDesignShape();
    void planRefusesAnOlderReleaseAndBadUsage();
    void migrateRefusesUntilTheGatePasses();
    void migrateRunsAndJournals_data();
    void migrateRunsAndJournals();
    void migrateFailureSaysWhatToDoNext();
    void migrateInDockerModeKeepsThePasswordOffTheCommandLine();
    void migrateAsAKubernetesJobShowsEveryKubectlCall();
    void killedMidMigrationResumesAndStillKnowsTheTuning();

private:
    QString createFixture(Engine engine)
    {
        return m_databases.create(engine, QStringLiteral("omu_cli_mig"));
    }
    QStringList connection(Engine engine, const QString& database) const;
    Run omupgrade(const QStringList& arguments, Engine engine,
                  const QMap<QString, QString>& extra = {}) const;
    void prepareJournal(Engine engine, const QString& database, const QString& dataFolder,
                        bool tuningApplied = false);
    QString closedPortUrl();
    QString distribution(const QString& version);

    QTemporaryDir m_dir;
    omu::test::FixtureDatabases m_databases;
};

void TestCliMigrate::initTestCase()
{
    for (const Engine engine : {Engine::MySql, Engine::Postgres})
        if (!TestServers::admin(engine))
            QFAIL(qPrintable(TestServers::unavailableMessage(engine)));
}

void TestCliMigrate::cleanupTestCase()
{
    m_databases.dropAll();
}

QString TestCliMigrate::distribution(const QString& version)
{
    const QString folder = m_dir.filePath(QStringLiteral("openmetadata-") + version);
    if (!QDir(folder).exists() && !FakeDistribution::assemble(version, folder))
        qFatal("cannot assemble %s", qPrintable(version));
    return folder;
}

QStringList TestCliMigrate::connection(Engine engine, const QString& database) const
{
    return omu::test::connectionArguments(*TestServers::admin(engine, database));
}

Run TestCliMigrate::omupgrade(const QStringList& arguments, Engine engine,
                              const QMap<QString, QString>& extra) const
{
    omu::test::AppRunner app(QStringLiteral(OMU_EXECUTABLE), std::chrono::seconds(180));
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        app.setEnvironment(it.key(), it.value());
    return app.run(arguments, TestServers::admin(engine)->password);
}

void TestCliMigrate::prepareJournal(Engine engine, const QString& database,
                                    const QString& dataFolder, bool tuningApplied)
{
    // What the backup, tuning and review steps leave behind, through their own recorders.
    const ConnectionProfile profile = *TestServers::admin(engine, database);
    BackupManifest manifest;
    manifest.sha256 = QStringLiteral("00ff");
    manifest.openMetadataVersion = QStringLiteral("1.1.5");
    QVERIFY(BackupRecorder(profile, dataFolder)
                .verified(QStringLiteral("/backups/b.sql"), manifest, false, QStringLiteral("test"))
                .ok());
    const TuningRecorder tuning(profile, dataFolder);
    if (tuningApplied) {
        TuningChange change;
        change.engine = engine;
        change.parameter = QStringLiteral("work_mem");
        change.route = TuningRoute::AlterDatabase;
        change.database = database;
        change.appliedValue = QStringLiteral("20MB");
        change.appliedBytes = 20 * 1024 * 1024;
        QVERIFY(tuning.applying(change, false).ok());
        QVERIFY(tuning.applied(change, false, -1).ok());
    } else {
        QVERIFY(tuning.skipped(QStringLiteral("small database"), QStringLiteral("test")).ok());
    }
    ReviewCompletion review;
    review.by = QStringLiteral("test");
    QVERIFY(ReviewRecorder(profile, dataFolder).completed(review).ok());
}

QString TestCliMigrate::closedPortUrl()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return QStringLiteral("http://127.0.0.1:%1").arg(port);
}

void TestCliMigrate::planPrintsTheDesignShape()
{
    const QString database = createFixture(Engine::Postgres);
    const Run run =
        omupgrade(QStringList{QStringLiteral("plan"), QStringLiteral("--distribution"),
                              distribution(QStringLiteral("1.3.0")), QStringLiteral("--json")} +
                      connection(Engine::Postgres, database),
                  Engine::Postgres);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject json = run.json();
    QCOMPARE(json.value(QStringLiteral("current")).toString(), QStringLiteral("1.1.5"));
    QCOMPARE(json.value(QStringLiteral("target")).toString(), QStringLiteral("1.3.0"));
    const QJsonArray pending = json.value(QStringLiteral("pending")).toArray();
    QCOMPARE(pending.size(), 3);
    QCOMPARE(pending.at(0).toObject().value(QStringLiteral("version")).toString(),
             QStringLiteral("1.2.0"));
    QVERIFY(pending.at(0).toObject().value(QStringLiteral("files")).isArray());
    // As OpenMetadata logs it (Flyway's text): the comment right above is part of it.
    const QString statement =
        pending.at(2).toObject().value(QStringLiteral("statements")).toArray().at(0).toString();
    QVERIFY2(statement.startsWith(QStringLiteral("-- FAKE native migration 1.3.0")) &&
                 statement.endsWith(QStringLiteral("\nDELETE FROM event_subscription_entity")),
             qPrintable(statement));

    const Run text =
        omupgrade(QStringList{QStringLiteral("plan"), QStringLiteral("--distribution"),
                              distribution(QStringLiteral("1.3.0")), QStringLiteral("--sql")} +
                      connection(Engine::Postgres, database),
                  Engine::Postgres);
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains("Version       1.2.0  6 statement(s) to run"));
    QVERIFY(text.out.contains("DO $body$"));
}

void TestCliMigrate::planRefusesAnOlderReleaseAndBadUsage()
{
    const QString database = createFixture(Engine::MySql);
    const Run older =
        omupgrade(QStringList{QStringLiteral("plan"), QStringLiteral("--distribution"),
                              distribution(QStringLiteral("1.1.3"))} +
                      connection(Engine::MySql, database),
                  Engine::MySql);
    QCOMPARE(older.exitCode, 2);
    QVERIFY(older.err.contains("older than the database (1.1.5)"));
    const Run usage = omupgrade({QStringLiteral("plan")}, Engine::MySql);
    QCOMPARE(usage.exitCode, 64);
    QVERIFY(usage.err.contains("--distribution"));
    const Run mode =
        omupgrade(QStringList{QStringLiteral("migrate"), QStringLiteral("--distribution"),
                              distribution(QStringLiteral("1.2.0")), QStringLiteral("--mode"),
                              QStringLiteral("ssh")} +
                      connection(Engine::MySql, database),
                  Engine::MySql);
    QCOMPARE(mode.exitCode, 64);
    QVERIFY(mode.err.contains("kubernetes-job"));
    const Run jobs =
        omupgrade(QStringList{QStringLiteral("migrate"), QStringLiteral("--distribution"),
                              distribution(QStringLiteral("1.3.0")), QStringLiteral("--mode"),
                              QStringLiteral("kubernetes-jobs")} +
                      connection(Engine::MySql, database),
                  Engine::MySql);
    QCOMPARE(jobs.exitCode, 64);
    QVERIFY(jobs.err.contains("not \"kubernetes-jobs\""));
    const Run help =
        omupgrade({QStringLiteral("migrate"), QStringLiteral("--help")}, Engine::MySql);
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("kubernetes-job"));
    QVERIFY(help.out.contains("--deployment <name>"));
    QVERIFY(help.out.contains("--image <image>"));
    const Run missing =
        omupgrade(QStringList{QStringLiteral("plan"), QStringLiteral("--distribution"),
                              m_dir.filePath(QStringLiteral("nowhere"))} +
                      connection(Engine::MySql, database),
                  Engine::MySql);
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains("does not exist"));
}

void TestCliMigrate::migrateRefusesUntilTheGatePasses()
{
    const QString database = createFixture(Engine::Postgres);
    const QString dataFolder = m_dir.filePath(QStringLiteral("gate-data"));
    const Run run = omupgrade(
        QStringList{QStringLiteral("migrate"), QStringLiteral("--distribution"),
                    distribution(QStringLiteral("1.2.0")), QStringLiteral("--data-folder"),
                    dataFolder, QStringLiteral("--server-url"), closedPortUrl(),
                    QStringLiteral("--json")} +
            connection(Engine::Postgres, database),
        Engine::Postgres);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("The migration cannot start yet"));
    QVERIFY(run.err.contains("verified backup"));
    const QJsonObject gate = run.json().value(QStringLiteral("gate")).toObject();
    QVERIFY(!gate.value(QStringLiteral("passed")).toBool());
    QCOMPARE(gate.value(QStringLiteral("conditions"))
                 .toArray()
                 .at(3)
                 .toObject()
                 .value(QStringLiteral("passed"))
                 .toBool(),
             true); // nothing listens: the server counts as stopped
    // Nothing ran.
    QSqlDatabase db = TestServers::open(Engine::Postgres, database);
    {
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT MAX(version) FROM server_change_log")) &&
                query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("1.1.5"));
    }
    const QString name = db.connectionName();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
}

void TestCliMigrate::migrateRunsAndJournals_data()
{
    QTest::addColumn<Engine>("engine");
    QTest::newRow("mariadb") << Engine::MySql;
    QTest::newRow("postgres") << Engine::Postgres;
}

void TestCliMigrate::migrateRunsAndJournals()
{
    QFETCH(Engine, engine);
    const QString database = createFixture(engine);
    const QString dataFolder =
        m_dir.filePath(QStringLiteral("run-data-%1").arg(engineName(engine)));
    prepareJournal(engine, database, dataFolder);
    const QStringList reindex{
        QStringLiteral("migrate"),        QStringLiteral("--reindex"),
        QStringLiteral("--distribution"), distribution(QStringLiteral("1.3.0")),
        QStringLiteral("--data-folder"),  dataFolder,
        QStringLiteral("--server-url"),   closedPortUrl()};
    // A reindex before the migration would index the old shape: refused.
    const Run early = omupgrade(reindex + connection(engine, database), engine);
    QCOMPARE(early.exitCode, 2);
    QVERIFY2(early.err.contains("run the migration first"), early.err.constData());
    const Run run = omupgrade(
        QStringList{QStringLiteral("migrate"), QStringLiteral("--distribution"),
                    distribution(QStringLiteral("1.3.0")), QStringLiteral("--data-folder"),
                    dataFolder, QStringLiteral("--server-url"), closedPortUrl(),
                    QStringLiteral("--json")} +
            connection(engine, database),
        engine);
    QVERIFY2(run.exitCode == 0, run.err.right(3000).constData());
    QVERIFY(run.err.contains("Running:\n  cd "));
    QVERIFY(run.err.contains(" DB_DRIVER_CLASS="));
    QVERIFY(run.err.contains("DB_USER_PASSWORD=***"));
    QVERIFY(run.err.contains("Migration succeeded"));
    const QString password = TestServers::admin(engine)->password;
    QVERIFY(!run.err.contains(password.toUtf8()));
    QVERIFY(!run.out.contains(password.toUtf8()));
    const QJsonObject outcome = run.json().value(QStringLiteral("outcome")).toObject();
    QCOMPARE(outcome.value(QStringLiteral("ending")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(outcome.value(QStringLiteral("databaseVersions")).toArray().last().toString(),
             QStringLiteral("1.3.0"));

    UpgradeJournal journal =
        UpgradeJournal::forDeployment(*TestServers::admin(engine, database), dataFolder);
    const auto progress = JournalProgress::read(journal);
    QCOMPARE(progress->migration, JournalProgress::MigrationState::Succeeded);
    QCOMPARE(progress->migrationStarted->data.value(QStringLiteral("target")).toString(),
             QStringLiteral("1.3.0"));
    QFile journalFile(journal.path());
    QVERIFY(journalFile.open(QIODevice::ReadOnly));
    QVERIFY(!journalFile.readAll().contains(password.toUtf8()));

    // Again: nothing to do.
    const Run again =
        omupgrade(QStringList{QStringLiteral("migrate"), QStringLiteral("--distribution"),
                              distribution(QStringLiteral("1.3.0")),
                              QStringLiteral("--data-folder"), dataFolder} +
                      connection(engine, database),
                  engine);
    QCOMPARE(again.exitCode, 0);
    QVERIFY(again.err.contains("Nothing to migrate"));

    // The reindex through the release's ops script, journalled for the report.
    const Run reindexed = omupgrade(reindex + connection(engine, database), engine);
    QVERIFY2(reindexed.exitCode == 0, reindexed.err.right(3000).constData());
    QVERIFY(reindexed.err.contains("openmetadata-ops.sh -c "));
    QVERIFY(reindexed.err.contains(" reindex\n"));
    QVERIFY(reindexed.err.contains("Reindexing all entities"));
    QVERIFY(reindexed.err.contains("Reindex succeeded"));
    QVERIFY(!reindexed.err.contains(password.toUtf8()));
    const auto reindexEntry = journal.latest(QStringLiteral("after"), QStringLiteral("reindex"));
    QVERIFY(reindexEntry);
    QCOMPARE(reindexEntry->data.value(QStringLiteral("method")).toString(), QStringLiteral("ops"));
    QVERIFY(reindexEntry->data.value(QStringLiteral("triggered")).toBool());
    const Run both =
        omupgrade(QStringList{QStringLiteral("migrate"), QStringLiteral("--reindex"),
                              QStringLiteral("--repair"), QStringLiteral("--distribution"),
                              distribution(QStringLiteral("1.3.0"))},
                  engine);
    QCOMPARE(both.exitCode, 64);
    QVERIFY(both.err.contains("--repair and --reindex"));

    // The report, searched for the password.
    const QString output = m_dir.filePath(QStringLiteral("report-%1").arg(engineName(engine)));
    const Run report =
        omupgrade(QStringList{QStringLiteral("report"), QStringLiteral("--data-folder"), dataFolder,
                              QStringLiteral("--output"), output, QStringLiteral("--json")} +
                      connection(engine, database),
                  engine);
    QVERIFY2(report.exitCode == 0, report.err.constData());
    QCOMPARE(report.json()
                 .value(QStringLiteral("summary"))
                 .toObject()
                 .value(QStringLiteral("to"))
                 .toString(),
             QStringLiteral("1.3.0"));
    // The same core report as the wizard's: the log's tail, and each version timed by the
    // tool's own log.
    int timedVersions = 0;
    for (const QJsonValue& value : report.json().value(QStringLiteral("sections")).toArray()) {
        const QJsonObject section = value.toObject();
        if (section.value(QStringLiteral("id")).toString() == QLatin1String("log"))
            QVERIFY(!section.value(QStringLiteral("lines")).toArray().isEmpty());
        if (section.value(QStringLiteral("id")).toString() == QLatin1String("migration"))
            for (const QJsonValue& version : section.value(QStringLiteral("versions")).toArray())
                timedVersions +=
                    version.toObject().value(QStringLiteral("seconds")).toDouble(-1) >= 0;
    }
    QVERIFY(timedVersions > 0);
    for (const QString& file :
         {QStringLiteral("upgrade-report.json"), QStringLiteral("upgrade-report.html")}) {
        QFile written(QDir(output).filePath(file));
        QVERIFY2(written.open(QIODevice::ReadOnly), qPrintable(file));
        const QByteArray content = written.readAll();
        QVERIFY(content.contains("1.3.0"));
        QVERIFY2(!content.contains(password.toUtf8()), qPrintable(file));
    }

    // After, with no journal to say what 1.3.1 ships: the database (at 1.3.0) is neither
    // confirmed nor failed; the release folder settles it (1.3.1 ships no folder of its own).
    const QStringList after{QStringLiteral("after"), QStringLiteral("--data-folder"),
                            m_dir.filePath(QStringLiteral("after-data-%1").arg(engineName(engine))),
                            QStringLiteral("--json")};
    const Run unknown =
        omupgrade(after + QStringList{QStringLiteral("--to"), QStringLiteral("1.3.1")} +
                      connection(engine, database),
                  engine);
    QCOMPARE(unknown.exitCode, 1);
    const QJsonObject undetermined = unknown.json().value(QStringLiteral("database")).toObject();
    QVERIFY(!undetermined.value(QStringLiteral("holdsTarget")).toBool());
    QVERIFY(undetermined.value(QStringLiteral("undetermined")).toBool());
    QVERIFY2(unknown.err.contains("Give --distribution DIR"), unknown.err.constData());
    // Recorded as undetermined, so the report does not call it a failure.
    const auto recordedCheck =
        UpgradeJournal::forDeployment(
            *TestServers::admin(engine, database),
            m_dir.filePath(QStringLiteral("after-data-%1").arg(engineName(engine))))
            .latest(QStringLiteral("after"), QStringLiteral("verify-failed"));
    QVERIFY(recordedCheck && recordedCheck->data.value(QStringLiteral("undetermined")).toBool());
    const Run known = omupgrade(
        after +
            QStringList{QStringLiteral("--distribution"), distribution(QStringLiteral("1.3.1"))} +
            connection(engine, database),
        engine);
    QVERIFY2(known.exitCode == 0, known.err.constData());
    QCOMPARE(known.json().value(QStringLiteral("target")).toString(), QStringLiteral("1.3.1"));
    QVERIFY(known.json()
                .value(QStringLiteral("database"))
                .toObject()
                .value(QStringLiteral("holdsTarget"))
                .toBool());
    QVERIFY2(known.err.contains("the newest migration 1.3.1 ships"), known.err.constData());
}

void TestCliMigrate::migrateFailureSaysWhatToDoNext()
{
    const QString database = createFixture(Engine::MySql);
    const QString dataFolder = m_dir.filePath(QStringLiteral("fail-data"));
    prepareJournal(Engine::MySql, database, dataFolder);
    const QStringList arguments = QStringList{QStringLiteral("migrate"),
                                              QStringLiteral("--distribution"),
                                              distribution(QStringLiteral("1.2.0")),
                                              QStringLiteral("--data-folder"),
                                              dataFolder,
                                              QStringLiteral("--server-url"),
                                              closedPortUrl()} +
                                  connection(Engine::MySql, database);
    Run run = omupgrade(arguments, Engine::MySql,
                        {{QStringLiteral("OMU_FAKE_OM_FAIL"), QStringLiteral("sort-memory")}});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("Migration failed"));
    QVERIFY(run.err.contains("The database ran out of sort memory"));
    QVERIFY(run.err.contains("Next: omupgrade tune apply"));
    QVERIFY(run.err.contains("partly applied"));

    run = omupgrade(arguments, Engine::MySql,
                    {{QStringLiteral("OMU_FAKE_OM_FAIL"), QStringLiteral("flyway-checksum")}});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("Next: run this command with --repair"));
    run = omupgrade(arguments + QStringList{QStringLiteral("--repair")}, Engine::MySql);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.err.contains("Successfully repaired"));
    // The retry finishes the partly applied 1.2.0.
    run = omupgrade(arguments, Engine::MySql);
    QVERIFY2(run.exitCode == 0, run.err.right(2000).constData());
}

void TestCliMigrate::migrateInDockerModeKeepsThePasswordOffTheCommandLine()
{
    const QString database = createFixture(Engine::Postgres);
    const QString dataFolder = m_dir.filePath(QStringLiteral("docker-data"));
    prepareJournal(Engine::Postgres, database, dataFolder);
    const QString release = distribution(QStringLiteral("1.3.0"));
    const QString envFile = m_dir.filePath(QStringLiteral("server.env"));
    const auto admin = *TestServers::admin(Engine::Postgres, database);
    QFile env(envFile);
    QVERIFY(env.open(QIODevice::WriteOnly));
    env.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    env.write(
        QStringLiteral("DB_DRIVER_CLASS=org.postgresql.Driver\nDB_SCHEME=postgresql\nDB_HOST=%1\n"
                       "DB_PORT=%2\nOM_DATABASE=%3\nDB_USER=%4\nDB_USER_PASSWORD=%5\n")
            .arg(admin.host)
            .arg(admin.port)
            .arg(database, admin.user, admin.password)
            .toUtf8());
    env.close();
    const QString toolsLog = m_dir.filePath(QStringLiteral("cli-docker.jsonl"));
    const Run run =
        omupgrade(QStringList{QStringLiteral("migrate"), QStringLiteral("--distribution"), release,
                              QStringLiteral("--mode"), QStringLiteral("docker"),
                              QStringLiteral("--container"), QStringLiteral("openmetadata_server"),
                              QStringLiteral("--data-folder"), dataFolder,
                              QStringLiteral("--server-stopped")} +
                      connection(Engine::Postgres, database),
                  Engine::Postgres,
                  {{QStringLiteral("PATH"), FakeDistribution::containerToolsFolder() +
                                                QLatin1Char(':') + qEnvironmentVariable("PATH")},
                   {QStringLiteral("OMU_FAKE_TOOLS_LOG"), toolsLog},
                   {QStringLiteral("OMU_FAKE_CONTAINER_ROOT"), release},
                   {QStringLiteral("OMU_FAKE_CONTAINER_ENV_FILE"), envFile}});
    QVERIFY2(run.exitCode == 0, run.err.right(3000).constData());
    QVERIFY(run.err.contains(
        "docker exec -i openmetadata_server /opt/openmetadata/bootstrap/openmetadata-ops.sh"));
    QFile log(toolsLog);
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray calls = log.readAll();
    QVERIFY(calls.contains("\"exec\""));
    QVERIFY(!calls.contains(admin.password.toUtf8()));
    // JSON escapes the quote in the password; search that spelling too.
    QVERIFY(!calls.contains(QJsonDocument(QJsonArray{admin.password})
                                .toJson(QJsonDocument::Compact)
                                .mid(2)
                                .chopped(2)));
}

void TestCliMigrate::migrateAsAKubernetesJobShowsEveryKubectlCall()
{
    const QString database = createFixture(Engine::MySql);
    const QString dataFolder = m_dir.filePath(QStringLiteral("k8s-job-data"));
    prepareJournal(Engine::MySql, database, dataFolder);
    const QString release = distribution(QStringLiteral("1.3.0"));
    const auto admin = *TestServers::admin(Engine::MySql, database);
    // The env file stands for the chart's db secret the job's envFrom references.
    const QString envFile = m_dir.filePath(QStringLiteral("db-secret.env"));
    QFile env(envFile);
    QVERIFY(env.open(QIODevice::WriteOnly));
    env.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    env.write(QStringLiteral("DB_DRIVER_CLASS=com.mysql.cj.jdbc.Driver\nDB_SCHEME=mysql\n"
                             "DB_HOST=%1\nDB_PORT=%2\nOM_DATABASE=%3\nDB_USER=%4\n"
                             "DB_USER_PASSWORD=%5\n")
                  .arg(admin.host)
                  .arg(admin.port)
                  .arg(database, admin.user, admin.password)
                  .toUtf8());
    env.close();
    const QString toolsLog = m_dir.filePath(QStringLiteral("cli-kubectl.jsonl"));
    const QString image = QStringLiteral("registry.local:5000/om/server:1.3.0-patched");
    const Run run = omupgrade(
        QStringList{QStringLiteral("migrate"), QStringLiteral("--distribution"), release,
                    QStringLiteral("--mode"), QStringLiteral("kubernetes-job"),
                    QStringLiteral("--namespace"), QStringLiteral("metadata"),
                    QStringLiteral("--deployment"), QStringLiteral("openmetadata"),
                    QStringLiteral("--image"), image, QStringLiteral("--data-folder"), dataFolder,
                    QStringLiteral("--server-stopped"), QStringLiteral("--json")} +
            connection(Engine::MySql, database),
        Engine::MySql,
        {{QStringLiteral("PATH"), FakeDistribution::containerToolsFolder() + QLatin1Char(':') +
                                      qEnvironmentVariable("PATH")},
         {QStringLiteral("OMU_FAKE_TOOLS_LOG"), toolsLog},
         {QStringLiteral("OMU_FAKE_K8S_STATE"), m_dir.filePath(QStringLiteral("cli-cluster"))},
         {QStringLiteral("OMU_FAKE_K8S_DEPLOYMENT"),
          FakeDistribution::containerToolsFolder() +
              QStringLiteral("/openmetadata-deployment.json")},
         {QStringLiteral("OMU_FAKE_CONTAINER_ROOT"), release},
         {QStringLiteral("OMU_FAKE_CONTAINER_ENV_FILE"), envFile}});
    QVERIFY2(run.exitCode == 0, run.err.right(3000).constData());
    QVERIFY(run.err.contains("Migration succeeded"));

    // Every kubectl call is shown before it runs, one a line.
    const QJsonObject command = run.json().value(QStringLiteral("command")).toObject();
    QCOMPARE(command.value(QStringLiteral("mode")).toString(), QStringLiteral("kubernetes-job"));
    const QString display = command.value(QStringLiteral("display")).toString();
    const QString kubectl = FakeDistribution::containerToolsFolder() + QStringLiteral("/kubectl");
    const QString name =
        command.value(QStringLiteral("arguments")).toArray().last().toString().mid(4);
    QVERIFY2(name.startsWith(QStringLiteral("omupgrade-migrate-1-3-0-")), qPrintable(name));
    const QStringList lines = display.split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 6); // two remarks, create, logs, get job, on cancel
    QCOMPARE(lines.at(2), kubectl + QStringLiteral(" -n metadata create -f - (manifest on stdin)"));
    QCOMPARE(lines.at(3),
             kubectl + QStringLiteral(" -n metadata logs -f --pod-running-timeout=10m job/") +
                 name);
    QVERIFY(lines.at(4).startsWith(kubectl + QStringLiteral(" -n metadata get job ") + name +
                                   QStringLiteral(" -o json")));
    QVERIFY(lines.at(5).startsWith(QStringLiteral("on cancel: ") + kubectl +
                                   QStringLiteral(" -n metadata delete job ") + name));
    QVERIFY(run.err.contains("Running:\n  # from deployment openmetadata"));
    QVERIFY(run.err.contains((QStringLiteral("\n  ") + lines.at(2) + QLatin1Char('\n')).toUtf8()));
    const QJsonObject create = command.value(QStringLiteral("prepare")).toArray().at(0).toObject();
    QCOMPARE(create.value(QStringLiteral("stdin")).toString(), QStringLiteral("manifest on stdin"));
    const QJsonObject shown = create.value(QStringLiteral("stdinShown")).toObject();
    QCOMPARE(shown[QStringLiteral("spec")][QStringLiteral("template")][QStringLiteral("spec")]
                  [QStringLiteral("containers")][0][QStringLiteral("image")]
                      .toString(),
             image);
    QCOMPARE(command.value(QStringLiteral("conclude"))
                 .toObject()
                 .value(QStringLiteral("arguments"))
                 .toArray()
                 .at(2)
                 .toString(),
             QStringLiteral("get"));
    QVERIFY(command.value(QStringLiteral("onCancel"))
                .toObject()
                .value(QStringLiteral("arguments"))
                .toArray()
                .contains(QStringLiteral("--wait=false")));
    const QJsonObject outcome = run.json().value(QStringLiteral("outcome")).toObject();
    QCOMPARE(outcome.value(QStringLiteral("ending")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(outcome.value(QStringLiteral("conclusion")).toString(),
             QStringLiteral("job %1 completed").arg(name));
    QCOMPARE(outcome.value(QStringLiteral("databaseVersions")).toArray().last().toString(),
             QStringLiteral("1.3.0"));

    // The job ran the given image; the password is nowhere we wrote or passed.
    QFile log(toolsLog);
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray calls = log.readAll();
    QCOMPARE(calls.count('\n'), 5); // get deployment, get jobs, create, logs, get job
    QVERIFY(calls.contains(image.toUtf8()));
    const QByteArray escaped =
        QJsonDocument(QJsonArray{admin.password}).toJson(QJsonDocument::Compact).mid(2).chopped(2);
    for (const QByteArray& text : {calls, run.out, run.err}) {
        QVERIFY(!text.contains(admin.password.toUtf8()));
        QVERIFY(!text.contains(escaped));
    }
}

void TestCliMigrate::killedMidMigrationResumesAndStillKnowsTheTuning()
{
    const QString database = createFixture(Engine::Postgres);
    const QString dataFolder = m_dir.filePath(QStringLiteral("crash-data"));
    prepareJournal(Engine::Postgres, database, dataFolder, true);
    const QString pidFile = m_dir.filePath(QStringLiteral("fake.pid"));
    const QStringList arguments = QStringList{QStringLiteral("migrate"),
                                              QStringLiteral("--distribution"),
                                              distribution(QStringLiteral("1.3.0")),
                                              QStringLiteral("--data-folder"),
                                              dataFolder,
                                              QStringLiteral("--server-url"),
                                              closedPortUrl()} +
                                  connection(Engine::Postgres, database);
    QProcess process;
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("OMU_DB_PASSWORD"),
                       TestServers::admin(Engine::Postgres)->password);
    environment.insert(QStringLiteral("OMU_FAKE_OM_FAIL"), QStringLiteral("hang@1.2.1"));
    environment.insert(QStringLiteral("OMU_FAKE_OM_HANG_SECONDS"), QStringLiteral("120"));
    environment.insert(QStringLiteral("OMU_FAKE_OM_PID_FILE"), pidFile);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(OMU_EXECUTABLE), arguments);
    QVERIFY(process.waitForStarted(30'000));
    QByteArray seen;
    QElapsedTimer timer;
    timer.start();
    while (!seen.contains("Migration Run started for Version: 1.2.1") &&
           timer.elapsed() < 120'000 && process.state() == QProcess::Running) {
        process.waitForReadyRead(1000);
        seen += process.readAllStandardError();
    }
    QVERIFY2(seen.contains("Migration Run started for Version: 1.2.1"),
             (seen + process.readAllStandardError()).right(3000).constData());
    // The process dies without a chance to clean up. Its tool runs on in its own process
    // group, as it would after a real crash; the test ends it.
    ::kill(pid_t(process.processId()), SIGKILL);
    process.waitForFinished(10'000);
    QFile pid(pidFile);
    QVERIFY(pid.open(QIODevice::ReadOnly));
    ::kill(pid_t(pid.readAll().trimmed().toLongLong()), SIGKILL);

    // Reopened: the journal says the migration was interrupted and the tuning is on.
    UpgradeJournal journal =
        UpgradeJournal::forDeployment(*TestServers::admin(Engine::Postgres, database), dataFolder);
    auto progress = JournalProgress::read(journal);
    QCOMPARE(progress->migration, JournalProgress::MigrationState::Interrupted);
    QCOMPARE(progress->resumeStep(), QStringLiteral("migration"));
    QVERIFY(progress->tuningToRevert());

    // Resumed: 1.2.0 was done, the rest runs; the gate still accepts the 1.1.5 backup.
    const Run resumed = omupgrade(arguments, Engine::Postgres);
    QVERIFY2(resumed.exitCode == 0, resumed.err.right(3000).constData());
    QVERIFY(resumed.err.contains("1.2.1"));
    progress = JournalProgress::read(journal);
    QCOMPARE(progress->migration, JournalProgress::MigrationState::Succeeded);
    QCOMPARE(progress->resumeStep(), QStringLiteral("after"));
    QVERIFY(progress->tuningToRevert()); // the After step still has to put it back
}

QTEST_GUILESS_MAIN(TestCliMigrate)
#include "TestCliMigrate.moc"

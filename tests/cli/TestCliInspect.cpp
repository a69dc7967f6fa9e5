// `omupgrade inspect` end to end: options and files in, JSON/text out, exit codes, and
// the password never printed.
#include "AppRunner.h"
#include "TestServers.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace omu;
using namespace omu::test;

namespace {

// The executable under test (omu_add_test ... RUNS_APP passes its path); a run that takes longer
// than a minute fails the test.
const AppRunner omupgrade(QStringLiteral(OMU_EXECUTABLE), std::chrono::seconds(60));

} // namespace

class TestCliInspect : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void versionAndHelp();
    void badUsageExits64_data();
    void badUsageExits64();
    void inspectsPostgresFromConfigAndEnvFile();
    void inspectsMariaDbWithWarningExit1();
    void passwordFileWorksAndStaysSecret();
    void unreachableServerExits2WithMessage();
    void notOpenMetadataExits2();
    void unreadableConfigExits2WithLine();

private:
    QStringList serverOptions(Engine engine, const QString& database) const;

    QTemporaryDir m_dir;
    QString m_pgDatabase;
    QString m_mysqlDatabase;
};

void TestCliInspect::initTestCase()
{
    for (const Engine engine : {Engine::MySql, Engine::Postgres})
        if (!TestServers::admin(engine))
            QFAIL(qPrintable(TestServers::unavailableMessage(engine)));
    m_pgDatabase = TestServers::uniqueName(QStringLiteral("omu_cli"));
    m_mysqlDatabase = TestServers::uniqueName(QStringLiteral("omu_cli"));
    QVERIFY(TestServers::createDatabase(Engine::Postgres, m_pgDatabase));
    QVERIFY(TestServers::createDatabase(Engine::MySql, m_mysqlDatabase));
    QString error;
    for (const Engine engine : {Engine::MySql, Engine::Postgres}) {
        const QString database = engine == Engine::MySql ? m_mysqlDatabase : m_pgDatabase;
        const QString table = engine == Engine::MySql ? QStringLiteral("SERVER_CHANGE_LOG")
                                                      : QStringLiteral("server_change_log");
        QVERIFY2(TestServers::exec(
                     engine, database,
                     QStringLiteral(
                         "CREATE TABLE %1 (installed_rank INT, version VARCHAR(256) PRIMARY KEY, "
                         "migrationFileName VARCHAR(256), checksum VARCHAR(256))")
                         .arg(table),
                     &error),
                 qPrintable(error));
        QVERIFY2(TestServers::exec(
                     engine, database,
                     QStringLiteral(
                         "INSERT INTO %1 VALUES (1, '1.1.0', 'a', 'x'), (2, '1.1.5', 'b', 'y')")
                         .arg(table),
                     &error),
                 qPrintable(error));
    }
}

void TestCliInspect::cleanupTestCase()
{
    TestServers::dropDatabase(Engine::Postgres, m_pgDatabase);
    TestServers::dropDatabase(Engine::MySql, m_mysqlDatabase);
}

QStringList TestCliInspect::serverOptions(Engine engine, const QString& database) const
{
    return QStringList{QStringLiteral("inspect")} +
           connectionArguments(*TestServers::admin(engine, database));
}

void TestCliInspect::versionAndHelp()
{
    const auto version = omupgrade.run({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out.trimmed(), QByteArray("omupgrade " OMU_VERSION));
    const auto help = omupgrade.run({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("inspect"));
    QVERIFY(help.out.contains("--password-file"));
    QVERIFY(help.out.contains("64 bad usage"));
}

void TestCliInspect::badUsageExits64_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << "unknown command";
    QTest::newRow("unknown option")
        << QStringList{"inspect", "--no-such-option"} << "Unknown option";
    QTest::newRow("bad port") << QStringList{"inspect", "--port", "http"} << "--port must be";
    QTest::newRow("bad engine") << QStringList{"inspect", "--engine", "oracle"}
                                << "--engine must be";
    QTest::newRow("bad tls") << QStringList{"inspect", "--tls", "maybe"} << "--tls must be";
    QTest::newRow("missing password file")
        << QStringList{"inspect", "--password-file", "/nonexistent/pw"}
        << "the password file /nonexistent/pw does not exist";
    QTest::newRow("extra argument") << QStringList{"inspect", "extra"} << "unexpected argument";
}

void TestCliInspect::badUsageExits64()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    verifyBadUsage(omupgrade, arguments, message);
}

void TestCliInspect::inspectsPostgresFromConfigAndEnvFile()
{
    const auto admin = *TestServers::admin(Engine::Postgres);
    const QString config = m_dir.filePath(QStringLiteral("openmetadata.yaml"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("database:\n"
               "  driverClass: ${DB_DRIVER_CLASS:-com.mysql.cj.jdbc.Driver}\n"
               "  user: ${DB_USER:-openmetadata_user}\n"
               "  password: ${DB_USER_PASSWORD:-openmetadata_password}\n"
               "  url: "
               "jdbc:${DB_SCHEME:-mysql}://${DB_HOST:-localhost}:${DB_PORT:-3306}/"
               "${OM_DATABASE:-openmetadata_db}"
               "?${DB_PARAMS:-allowPublicKeyRetrieval=true&useSSL=false&serverTimezone=UTC}\n");
    file.close();
    const QString env = m_dir.filePath(QStringLiteral("env-postgres"));
    QFile envFile(env);
    QVERIFY(envFile.open(QIODevice::WriteOnly));
    envFile.write(
        QStringLiteral("DB_DRIVER_CLASS=\"org.postgresql.Driver\"\nDB_SCHEME=\"postgresql\"\n"
                       "DB_HOST=\"%1\"\nDB_PORT=\"%2\"\nOM_DATABASE=\"%3\"\nDB_USER=\"%4\"\n")
            .arg(admin.host)
            .arg(admin.port)
            .arg(m_pgDatabase, admin.user)
            .toUtf8());
    envFile.close();

    const auto run = omupgrade.run({QStringLiteral("inspect"), QStringLiteral("--config"), config,
                                    QStringLiteral("--env-file"), env, QStringLiteral("--json")},
                                   admin.password);
    QVERIFY2(run.exitCode == 0 || run.exitCode == 1, run.err.constData());
    const auto json = run.json();
    const auto connection = json.value(QStringLiteral("connection")).toObject();
    QCOMPARE(connection.value(QStringLiteral("engine")).toString(), QStringLiteral("postgres"));
    QCOMPARE(connection.value(QStringLiteral("host")).toString(), admin.host);
    QCOMPARE(connection.value(QStringLiteral("port")).toInt(), admin.port);
    QCOMPARE(connection.value(QStringLiteral("database")).toString(), m_pgDatabase);
    QCOMPARE(connection.value(QStringLiteral("password")).toString(), QStringLiteral("***"));
    QCOMPARE(connection.value(QStringLiteral("params"))
                 .toObject()
                 .value(QStringLiteral("serverTimezone"))
                 .toString(),
             QStringLiteral("UTC"));
    const auto server = json.value(QStringLiteral("server")).toObject();
    QCOMPARE(server.value(QStringLiteral("reachable")).toBool(), true);
    QCOMPARE(server.value(QStringLiteral("flavour")).toString(), QStringLiteral("postgresql"));
    const auto om = json.value(QStringLiteral("openmetadata")).toObject();
    QCOMPARE(om.value(QStringLiteral("version")).toString(), QStringLiteral("1.1.5"));
    QVERIFY(om.value(QStringLiteral("tables")).isArray());
    QVERIFY(!run.out.contains(admin.password.toUtf8()));
    QVERIFY(!run.err.contains(admin.password.toUtf8()));
}

void TestCliInspect::inspectsMariaDbWithWarningExit1()
{
    const auto admin = *TestServers::admin(Engine::MySql);
    const auto run = omupgrade.run(serverOptions(Engine::MySql, m_mysqlDatabase), admin.password);
    QCOMPARE(run.exitCode, 1); // MariaDB is not supported by OpenMetadata: a warning
    QVERIFY2(run.out.contains("OpenMetadata  1.1.5"), run.out.constData());
    QVERIFY(run.out.contains("not MariaDB"));
    QVERIFY(run.out.contains("password   ***"));
    QVERIFY(!run.out.contains(admin.password.toUtf8()));
}

void TestCliInspect::passwordFileWorksAndStaysSecret()
{
    const auto admin = *TestServers::admin(Engine::Postgres);
    const QString passwordFile = m_dir.filePath(QStringLiteral("pw"));
    QFile file(passwordFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(admin.password.toUtf8() + "\n");
    file.close();
    const auto run = omupgrade.run(serverOptions(Engine::Postgres, m_pgDatabase)
                                   << QStringLiteral("--json") << QStringLiteral("--password-file")
                                   << passwordFile);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json()
                 .value(QStringLiteral("openmetadata"))
                 .toObject()
                 .value(QStringLiteral("version"))
                 .toString(),
             QStringLiteral("1.1.5"));
    QVERIFY(!run.out.contains(admin.password.toUtf8()));
}

void TestCliInspect::unreachableServerExits2WithMessage()
{
    auto options = serverOptions(Engine::Postgres, m_pgDatabase);
    options[options.indexOf(QStringLiteral("--host")) + 1] =
        QStringLiteral("no-such-database-host.invalid");
    const auto run =
        omupgrade.run(options << QStringLiteral("--json"), QStringLiteral("secret-pw"));
    QCOMPARE(run.exitCode, 2);
    const auto server = run.json().value(QStringLiteral("server")).toObject();
    QCOMPARE(server.value(QStringLiteral("reachable")).toBool(), false);
    QCOMPARE(
        server.value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
        QStringLiteral("host-not-found"));
    QVERIFY(run.err.contains("could not be found"));
    QCOMPARE(run.json()
                 .value(QStringLiteral("connection"))
                 .toObject()
                 .value(QStringLiteral("password"))
                 .toString(),
             QStringLiteral("***"));
    QVERIFY(!run.out.contains("secret-pw") && !run.err.contains("secret-pw"));
}

void TestCliInspect::notOpenMetadataExits2()
{
    const auto admin = *TestServers::admin(Engine::Postgres);
    const auto run =
        omupgrade.run(serverOptions(Engine::Postgres, QStringLiteral("postgres")), admin.password);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("OpenMetadata"), run.err.constData());
}

void TestCliInspect::unreadableConfigExits2WithLine()
{
    const QString config = m_dir.filePath(QStringLiteral("broken.yaml"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("database:\n  driverClass: org.postgresql.Driver\n  url: [unclosed\n  user: x\n");
    file.close();
    const auto run = omupgrade.run({QStringLiteral("inspect"), QStringLiteral("--config"), config});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("broken.yaml:"), run.err.constData());
}

QTEST_GUILESS_MAIN(TestCliInspect)
#include "TestCliInspect.moc"

// Connecting and detecting against the real MariaDB and PostgreSQL servers that
// scripts/test starts: success, every failure class, OpenMetadata detection, privileges.
#include "connection/DatabaseConnector.h"
#include "connection/InspectionTask.h"
#include "connection/QueryRows.h"
#include "connection/ServerInspector.h"
#include "FakeServiceListener.h"
#include "TestServers.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace omu;
using omu::test::TestServers;
using Kind = ConnectionFailure::Kind;

Q_DECLARE_METATYPE(omu::Engine)

namespace {

// A TCP port that accepts connections (the kernel completes the handshake) but never
// says a word: what a firewall black hole or a wrong service looks like to a client.
class SilentListener
{
public:
    SilentListener()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
        ::listen(m_fd, 16);
        socklen_t length = sizeof address;
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length);
        m_port = ntohs(address.sin_port);
    }
    ~SilentListener() { ::close(m_fd); }
    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};

// A loopback port with nothing listening on it.
int closedPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

QString changeLogTable(Engine engine)
{
    // OpenMetadata creates it unquoted: PostgreSQL folds the name to lower case.
    return engine == Engine::MySql ? QStringLiteral("SERVER_CHANGE_LOG")
                                   : QStringLiteral("server_change_log");
}

QString flywayTable(Engine engine)
{
    return engine == Engine::MySql ? QStringLiteral("`DATABASE_CHANGE_LOG`")
                                   : QStringLiteral("\"DATABASE_CHANGE_LOG\"");
}

} // namespace

class TestServerInspector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void detectsServerAndOpenMetadata_data() { engines(); }
    void detectsServerAndOpenMetadata();
    void olderThan1_1WithoutServerChangeLog_data() { engines(); }
    void olderThan1_1WithoutServerChangeLog();
    void emptyDatabaseIsNotOpenMetadata_data() { engines(); }
    void emptyDatabaseIsNotOpenMetadata();
    void otherDatabaseIsNotOpenMetadata_data() { engines(); }
    void otherDatabaseIsNotOpenMetadata();
    void wrongPasswordIsAuthentication_data() { engines(); }
    void wrongPasswordIsAuthentication();
    void unknownDatabaseIsDatabaseMissing_data() { engines(); }
    void unknownDatabaseIsDatabaseMissing();
    void closedPortIsRefused_data() { engines(); }
    void closedPortIsRefused();
    void unknownHostIsHostNotFound_data() { engines(); }
    void unknownHostIsHostNotFound();
    void silentServerIsTimeout_data() { engines(); }
    void silentServerIsTimeout();
    void requiredTlsOnPlainServerIsTls_data() { engines(); }
    void requiredTlsOnPlainServerIsTls();
    void httpPortIsNotADatabase_data() { engines(); }
    void httpPortIsNotADatabase();
    void sshBannerIsNotADatabase_data() { engines(); }
    void sshBannerIsNotADatabase();
    void otherEngineOnPortIsNamed_data() { engines(); }
    void otherEngineOnPortIsNamed();
    void greetingsAreRecognised();
    void limitedUserLacksGlobalSettings_data() { engines(); }
    void limitedUserLacksGlobalSettings();
    void lockedTablesEndWithinTheBoundAndSaySo_data() { engines(); }
    void lockedTablesEndWithinTheBoundAndSaySo();
    void invalidProfileNeverTouchesNetwork();
    void taskReportsInOwnerThread();

private:
    static void engines();
    ConnectionProfile profileFor(Engine engine, const QString& database);
    void createOpenMetadataTables(Engine engine, const QString& database, bool withServerLog);
    ConnectionFailure expectFailure(const ConnectionProfile& profile);

    QString m_mysqlDatabase;
    QString m_postgresDatabase;
    QStringList m_cleanup; // "engine:database"
};

void TestServerInspector::engines()
{
    QTest::addColumn<Engine>("engine");
    QTest::newRow("mariadb") << Engine::MySql;
    QTest::newRow("postgres") << Engine::Postgres;
}

void TestServerInspector::initTestCase()
{
    for (const Engine engine : {Engine::MySql, Engine::Postgres}) {
        if (!TestServers::admin(engine))
            QFAIL(qPrintable(TestServers::unavailableMessage(engine)));
        const QString name = TestServers::uniqueName(QStringLiteral("omu_inspect"));
        QString error;
        QVERIFY2(TestServers::createDatabase(engine, name, &error), qPrintable(error));
        m_cleanup << engineName(engine) + QLatin1Char(':') + name;
        createOpenMetadataTables(engine, name, true);
        (engine == Engine::MySql ? m_mysqlDatabase : m_postgresDatabase) = name;
    }
}

void TestServerInspector::cleanupTestCase()
{
    for (const auto& entry : std::as_const(m_cleanup)) {
        const auto parts = entry.split(QLatin1Char(':'));
        TestServers::dropDatabase(*engineFromName(parts[0]), parts[1]);
    }
}

ConnectionProfile TestServerInspector::profileFor(Engine engine, const QString& database)
{
    auto profile = TestServers::admin(engine, database);
    if (!profile)
        qFatal("%s", qPrintable(TestServers::unavailableMessage(engine)));
    return *profile;
}

void TestServerInspector::createOpenMetadataTables(Engine engine, const QString& database,
                                                   bool withServerLog)
{
    const bool mysql = engine == Engine::MySql;
    QStringList statements;
    if (withServerLog) {
        statements << QStringLiteral("CREATE TABLE %1 (installed_rank %2, version VARCHAR(256) "
                                     "PRIMARY KEY, migrationFileName VARCHAR(256) NOT NULL, "
                                     "checksum VARCHAR(256) NOT NULL, installed_on TIMESTAMP "
                                     "NOT NULL DEFAULT CURRENT_TIMESTAMP)")
                          .arg(changeLogTable(engine),
                               mysql ? QStringLiteral("SERIAL") : QStringLiteral("SERIAL"));
        // 1.1.10 sorts before 1.1.9 as a string: the version must be picked numerically.
        for (const char* version : {"1.1.0", "1.1.2", "1.1.10", "1.1.9"})
            statements << QStringLiteral("INSERT INTO %1 (version, migrationFileName, checksum) "
                                         "VALUES ('%2', 'native/%2', 'x')")
                              .arg(changeLogTable(engine), QString::fromLatin1(version));
    }
    statements << QStringLiteral("CREATE TABLE %1 (installed_rank INT PRIMARY KEY, version "
                                 "VARCHAR(50), description VARCHAR(200), success %2)")
                      .arg(flywayTable(engine),
                           mysql ? QStringLiteral("TINYINT(1)") : QStringLiteral("BOOLEAN"));
    const QString yes = mysql ? QStringLiteral("1") : QStringLiteral("true");
    const QString no = mysql ? QStringLiteral("0") : QStringLiteral("false");
    statements << QStringLiteral("INSERT INTO %1 VALUES (1, '001', 'a', %2), (2, '002', 'b', %2), "
                                 "(3, '010', 'c', %2), (4, '011', 'd', %3)")
                      .arg(flywayTable(engine), yes, no);
    statements << QStringLiteral(
        "CREATE TABLE table_entity (id VARCHAR(36) PRIMARY KEY, json TEXT)");
    statements << QStringLiteral(
        "INSERT INTO table_entity VALUES ('a', '{}'), ('b', '{}'), ('c', '{}')");
    for (const auto& sql : statements) {
        QString error;
        QVERIFY2(TestServers::exec(engine, database, sql, &error), qPrintable(error + sql));
    }
}

ConnectionFailure TestServerInspector::expectFailure(const ConnectionProfile& profile)
{
    const auto result = ServerInspector::inspect(profile);
    if (result.ok()) {
        if (result.value().problem)
            return *result.value().problem;
        qWarning("connection unexpectedly succeeded");
        return ConnectionFailure{};
    }
    return result.error();
}

void TestServerInspector::detectsServerAndOpenMetadata()
{
    QFETCH(Engine, engine);
    const auto profile =
        profileFor(engine, engine == Engine::MySql ? m_mysqlDatabase : m_postgresDatabase);
    const auto result = ServerInspector::inspect(profile);
    QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().toError().toString()));
    const auto& report = result.value();
    QVERIFY(!report.problem);
    QCOMPARE(report.server.flavour,
             engine == Engine::MySql ? QStringLiteral("mariadb") : QStringLiteral("postgresql"));
    QVERIFY(!report.server.version.isEmpty());
    QVERIFY(!report.server.managed.isManaged());
    QVERIFY(report.openMetadata.present);
    QCOMPARE(report.openMetadata.version, QStringLiteral("1.1.10"));
    QCOMPARE(report.openMetadata.appliedVersions,
             QStringList({"1.1.0", "1.1.2", "1.1.9", "1.1.10"}));
    QCOMPARE(report.openMetadata.flywayVersion, QStringLiteral("010"));
    QCOMPARE(report.openMetadata.failedFlywayMigrations, 1);
    QCOMPARE(report.openMetadata.tables.size(), 3);
    const auto entity =
        std::find_if(report.openMetadata.tables.begin(), report.openMetadata.tables.end(),
                     [](const TableStats& t) { return t.name == QLatin1String("table_entity"); });
    QVERIFY(entity != report.openMetadata.tables.end());
    QCOMPARE(entity->rows, 3);
    QVERIFY(entity->rowsExact);
    QVERIFY(report.privileges.canReadTables);
    QVERIFY(report.privileges.canCreateTables);
    QVERIFY(report.privileges.canChangeGlobalSettings);
    QVERIFY(report.privileges.missing.isEmpty());
    if (engine == Engine::MySql)
        QVERIFY(report.warnings.join(QLatin1Char(' ')).contains(QLatin1String("not MariaDB")));
    QVERIFY(report.warnings.join(QLatin1Char(' ')).contains(QLatin1String("repair")));
}

void TestServerInspector::lockedTablesEndWithinTheBoundAndSaySo()
{
    QFETCH(Engine, engine);
    const auto profile =
        profileFor(engine, engine == Engine::MySql ? m_mysqlDatabase : m_postgresDatabase);
    // Another session holds a lock that keeps readers out, as a LOCK TABLE left open does.
    auto holder = DatabaseConnector::open(profile);
    QVERIFY(holder.ok());
    DatabaseSession& session = *holder.value();
    auto lock = [&](const QString& table) {
        if (engine == Engine::Postgres) {
            QVERIFY(queryRows(session, QStringLiteral("BEGIN")).ok());
            QVERIFY(queryRows(session,
                              QStringLiteral("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE").arg(table))
                        .ok());
        } else {
            QVERIFY(queryRows(session, QStringLiteral("LOCK TABLES %1 WRITE").arg(table)).ok());
        }
    };
    auto unlock = [&] {
        QVERIFY(queryRows(session, engine == Engine::Postgres ? QStringLiteral("ROLLBACK")
                                                              : QStringLiteral("UNLOCK TABLES"))
                    .ok());
    };

    // A locked entity table: PostgreSQL cannot even list the tables' sizes, MariaDB keeps
    // the estimate of that table's rows. Either way it says why, within the bound.
    lock(QStringLiteral("table_entity"));
    QElapsedTimer timer;
    timer.start();
    auto result = ServerInspector::inspect(profile);
    QVERIFY2(timer.elapsed() < 20'000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(result.ok());
    if (engine == Engine::Postgres) {
        QVERIFY(result.value().problem);
        QCOMPARE(result.value().problem->kind, Kind::Locked);
        QVERIFY2(result.value().problem->summary.contains(
                     QLatin1String("waiting for a lock held by pid")),
                 qPrintable(result.value().problem->summary));
        QVERIFY(!result.value().problem->summary.contains(QLatin1String("empty")));
    } else {
        QVERIFY(!result.value().problem);
        QCOMPARE(result.value().openMetadata.version, QStringLiteral("1.1.10"));
        const QString warnings = result.value().warnings.join(QLatin1Char(' '));
        QVERIFY2(warnings.contains(QLatin1String("Row counts from table_entity on are estimates")),
                 qPrintable(warnings));
    }
    unlock();

    // The version's own table locked: the release is unknown, never guessed as 1.0.x.
    lock(changeLogTable(engine));
    timer.restart();
    result = ServerInspector::inspect(profile);
    QVERIFY2(timer.elapsed() < 20'000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(result.ok());
    QVERIFY(result.value().problem);
    QCOMPARE(result.value().problem->kind, Kind::Locked);
    QVERIFY(!result.value().openMetadata.olderThan1_1);
    QVERIFY(result.value().openMetadata.version.isEmpty());
    QVERIFY2(result.value().problem->advice.contains(engine == Engine::Postgres
                                                         ? QLatin1String("pg_terminate_backend")
                                                         : QLatin1String("KILL")),
             qPrintable(result.value().problem->advice));
    unlock();

    // Released, everything reads again.
    result = ServerInspector::inspect(profile);
    QVERIFY(result.ok() && !result.value().problem);
    QCOMPARE(result.value().openMetadata.version, QStringLiteral("1.1.10"));
}

void TestServerInspector::olderThan1_1WithoutServerChangeLog()
{
    QFETCH(Engine, engine);
    const QString name = TestServers::uniqueName(QStringLiteral("omu_old"));
    QVERIFY(TestServers::createDatabase(engine, name));
    m_cleanup << engineName(engine) + QLatin1Char(':') + name;
    createOpenMetadataTables(engine, name, false);
    const auto result = ServerInspector::inspect(profileFor(engine, name));
    QVERIFY(result.ok());
    QVERIFY(!result.value().problem);
    QVERIFY(result.value().openMetadata.present);
    QVERIFY(result.value().openMetadata.olderThan1_1);
    QVERIFY(result.value().openMetadata.version.isEmpty());
    QVERIFY(result.value().warnings.join(QLatin1Char(' ')).contains(QLatin1String("1.0.x")));
}

void TestServerInspector::emptyDatabaseIsNotOpenMetadata()
{
    QFETCH(Engine, engine);
    const QString name = TestServers::uniqueName(QStringLiteral("omu_empty"));
    QVERIFY(TestServers::createDatabase(engine, name));
    m_cleanup << engineName(engine) + QLatin1Char(':') + name;
    const auto failure = expectFailure(profileFor(engine, name));
    QCOMPARE(failure.kind, Kind::NotOpenMetadata);
    QVERIFY2(failure.summary.contains(QLatin1String("is empty")), qPrintable(failure.summary));
    QVERIFY(failure.summary.contains(name));
}

void TestServerInspector::otherDatabaseIsNotOpenMetadata()
{
    QFETCH(Engine, engine);
    const QString name = TestServers::uniqueName(QStringLiteral("omu_other"));
    QVERIFY(TestServers::createDatabase(engine, name));
    m_cleanup << engineName(engine) + QLatin1Char(':') + name;
    QVERIFY(TestServers::exec(engine, name,
                              QStringLiteral("CREATE TABLE invoices (id INT PRIMARY KEY)")));
    const auto failure = expectFailure(profileFor(engine, name));
    QCOMPARE(failure.kind, Kind::NotOpenMetadata);
    QVERIFY2(failure.summary.contains(QLatin1String("not an OpenMetadata database")),
             qPrintable(failure.summary));
}

void TestServerInspector::wrongPasswordIsAuthentication()
{
    QFETCH(Engine, engine);
    auto profile =
        profileFor(engine, engine == Engine::MySql ? m_mysqlDatabase : m_postgresDatabase);
    profile.password = QStringLiteral("not-the-Password-4711");
    const auto failure = expectFailure(profile);
    QCOMPARE(failure.kind, Kind::Authentication);
    QVERIFY(failure.summary.contains(profile.user));
    const QString everything = failure.summary + failure.advice + failure.detail;
    QVERIFY(!everything.contains(profile.password));
}

void TestServerInspector::unknownDatabaseIsDatabaseMissing()
{
    QFETCH(Engine, engine);
    const auto failure =
        expectFailure(profileFor(engine, QStringLiteral("no_such_openmetadata_db")));
    QCOMPARE(failure.kind, Kind::DatabaseMissing);
    QVERIFY(failure.summary.contains(QLatin1String("no_such_openmetadata_db")));
}

void TestServerInspector::closedPortIsRefused()
{
    QFETCH(Engine, engine);
    auto profile = profileFor(engine, QStringLiteral("openmetadata_db"));
    profile.port = closedPort();
    const auto failure = expectFailure(profile);
    QCOMPARE(failure.kind, Kind::Refused);
    QVERIFY(failure.summary.contains(QString::number(profile.port)));
}

void TestServerInspector::unknownHostIsHostNotFound()
{
    QFETCH(Engine, engine);
    auto profile = profileFor(engine, QStringLiteral("openmetadata_db"));
    profile.host = QStringLiteral("no-such-database-host.invalid");
    const auto failure = expectFailure(profile);
    QCOMPARE(failure.kind, Kind::HostNotFound);
    QVERIFY(failure.summary.contains(profile.host));
}

void TestServerInspector::silentServerIsTimeout()
{
    QFETCH(Engine, engine);
    SilentListener listener;
    auto profile = profileFor(engine, QStringLiteral("openmetadata_db"));
    profile.port = listener.port();
    profile.connectTimeoutSeconds = 2;
    QElapsedTimer timer;
    timer.start();
    const auto failure = expectFailure(profile);
    QCOMPARE(failure.kind, Kind::Timeout);
    QVERIFY2(timer.elapsed() < 30'000, "the connect timeout was not applied");
}

void TestServerInspector::requiredTlsOnPlainServerIsTls()
{
    QFETCH(Engine, engine);
    auto profile =
        profileFor(engine, engine == Engine::MySql ? m_mysqlDatabase : m_postgresDatabase);
    profile.tlsMode = TlsMode::Require; // the test servers run without TLS
    const auto failure = expectFailure(profile);
    QCOMPARE(failure.kind, Kind::Tls);
}

void TestServerInspector::httpPortIsNotADatabase()
{
    // OpenMetadata's own server port (8585) typed as the database's: a web server answers.
    QFETCH(Engine, engine);
    omu::test::FakeServiceListener web(omu::test::FakeServiceListener::Kind::Http);
    QVERIFY(web.port() > 0);
    auto profile = profileFor(engine, QStringLiteral("openmetadata_db"));
    profile.port = web.port();
    profile.connectTimeoutSeconds = 2;
    const auto failure = expectFailure(profile);
    QCOMPARE(failure.kind, Kind::NotDatabase);
    QCOMPARE(ConnectionFailure::kindName(failure.kind), QStringLiteral("not-a-database"));
    QVERIFY2(failure.summary.contains(QLatin1String("web server (HTTP)")),
             qPrintable(failure.summary));
    QVERIFY2(failure.summary.contains(engine == Engine::MySql ? QLatin1String("not MySQL")
                                                              : QLatin1String("not PostgreSQL")),
             qPrintable(failure.summary));
    QVERIFY2(failure.advice.contains(QLatin1String("8585")), qPrintable(failure.advice));
    QVERIFY(failure.advice.contains(QLatin1String("3306")));
    QVERIFY2(failure.detail.contains(QLatin1String("HTTP/1.1")), qPrintable(failure.detail));
    QVERIFY(!failure.summary.contains(QLatin1String("TLS")));
}

void TestServerInspector::sshBannerIsNotADatabase()
{
    QFETCH(Engine, engine);
    omu::test::FakeServiceListener ssh(omu::test::FakeServiceListener::Kind::Ssh);
    QVERIFY(ssh.port() > 0);
    auto profile = profileFor(engine, QStringLiteral("openmetadata_db"));
    profile.port = ssh.port();
    profile.connectTimeoutSeconds = 2;
    const auto failure = expectFailure(profile);
    QCOMPARE(failure.kind, Kind::NotDatabase);
    QVERIFY2(failure.summary.contains(QLatin1String("SSH server")), qPrintable(failure.summary));
    QVERIFY2(failure.advice.contains(QLatin1String("ssh -N -L")), qPrintable(failure.advice));
    QVERIFY2(failure.detail.contains(QLatin1String("SSH-2.0-OpenSSH_9.2p1")),
             qPrintable(failure.detail));
}

void TestServerInspector::otherEngineOnPortIsNamed()
{
    // The PostgreSQL server's port with the engine MySQL, and the other way round.
    QFETCH(Engine, engine);
    const Engine other = engine == Engine::MySql ? Engine::Postgres : Engine::MySql;
    auto profile = profileFor(engine, QStringLiteral("openmetadata_db"));
    profile.port = TestServers::admin(other)->port;
    profile.host = TestServers::admin(other)->host;
    profile.connectTimeoutSeconds = 2;
    const auto failure = expectFailure(profile);
    QCOMPARE(failure.kind, Kind::NotDatabase);
    QVERIFY2(
        failure.summary.contains(engine == Engine::MySql
                                     ? QLatin1String("answers as PostgreSQL, not MySQL")
                                     : QLatin1String("answers as MySQL/MariaDB, not PostgreSQL")),
        qPrintable(failure.summary));
    QVERIFY2(failure.advice.contains(engine == Engine::MySql ? QLatin1String("engine PostgreSQL")
                                                             : QLatin1String("engine MySQL")),
             qPrintable(failure.advice));
}

void TestServerInspector::greetingsAreRecognised()
{
    using Speaks = PortProbe::Speaks;
    QCOMPARE(PortProbe::fromGreeting("SSH-2.0-OpenSSH_9.2p1\r\n").speaks, Speaks::Ssh);
    QCOMPARE(PortProbe::fromGreeting("SSH-2.0-OpenSSH_9.2p1\r\n").greeting,
             QStringLiteral("SSH-2.0-OpenSSH_9.2p1"));
    QCOMPARE(PortProbe::fromGreeting("HTTP/1.1 404 Not Found\r\n\r\n").speaks, Speaks::Http);
    QCOMPARE(PortProbe::fromGreeting(QByteArray("\x4a\x00\x00\x00\x0a"
                                                "10.11.6-MariaDB",
                                                20))
                 .speaks,
             Speaks::MySql);
    QCOMPARE(PortProbe::fromGreeting(QByteArray("E\x00\x00\x00\x50SFATAL", 12)).speaks,
             Speaks::Postgres);
    QCOMPARE(PortProbe::fromGreeting("220 mail.example.org ESMTP Postfix\r\n").speaks,
             Speaks::Other);
    QCOMPARE(PortProbe::fromGreeting(QByteArray("\x16\x03\x01\x02", 4)).speaks, Speaks::Unknown);
    QCOMPARE(PortProbe::fromGreeting({}).speaks, Speaks::Unknown);
}

void TestServerInspector::limitedUserLacksGlobalSettings()
{
    QFETCH(Engine, engine);
    const QString database = engine == Engine::MySql ? m_mysqlDatabase : m_postgresDatabase;
    const QString user = TestServers::uniqueName(QStringLiteral("omu_reader"));
    const QString password = QStringLiteral("reader-pw-1");
    if (engine == Engine::MySql) {
        QVERIFY(TestServers::exec(
            engine, {},
            QStringLiteral("CREATE USER '%1'@'%' IDENTIFIED BY '%2'").arg(user, password)));
        QVERIFY(TestServers::exec(
            engine, {},
            QStringLiteral("CREATE USER '%1'@'localhost' IDENTIFIED BY '%2'").arg(user, password)));
        for (const char* host : {"%", "localhost"})
            QVERIFY(TestServers::exec(engine, {},
                                      QStringLiteral("GRANT SELECT ON `%1`.* TO '%2'@'%3'")
                                          .arg(database, user, QString::fromLatin1(host))));
    } else {
        QVERIFY(TestServers::exec(
            engine, {}, QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(user, password)));
        QVERIFY(TestServers::exec(
            engine, database,
            QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA public TO %1").arg(user)));
        QVERIFY(TestServers::exec(engine, database,
                                  QStringLiteral("REVOKE CREATE ON SCHEMA public FROM PUBLIC")));
    }
    auto profile = profileFor(engine, database);
    profile.user = user;
    profile.password = password;
    const auto result = ServerInspector::inspect(profile);
    QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().toError().toString()));
    const auto& privileges = result.value().privileges;
    QVERIFY(privileges.canReadTables);
    QVERIFY(!privileges.canCreateTables);
    QVERIFY(!privileges.canChangeGlobalSettings);
    QVERIFY(privileges.globalSettingsRoute.isEmpty());
    QCOMPARE(privileges.missing.size(), 2);
    QCOMPARE(result.value().openMetadata.version, QStringLiteral("1.1.10"));
    if (engine == Engine::MySql) {
        TestServers::exec(engine, {}, QStringLiteral("DROP USER '%1'@'%'").arg(user));
        TestServers::exec(engine, {}, QStringLiteral("DROP USER '%1'@'localhost'").arg(user));
    } else {
        TestServers::exec(
            engine, database,
            QStringLiteral("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %1").arg(user));
        TestServers::exec(engine, {}, QStringLiteral("DROP ROLE %1").arg(user));
    }
}

void TestServerInspector::invalidProfileNeverTouchesNetwork()
{
    ConnectionProfile profile;
    profile.engine = Engine::Postgres;
    profile.host = QStringLiteral("localhost");
    profile.port = 70000;
    profile.user = QStringLiteral("u");
    profile.database = QStringLiteral("d");
    auto failure = DatabaseConnector::validate(profile);
    QVERIFY(failure);
    QCOMPARE(failure->kind, Kind::InvalidProfile);
    QVERIFY(failure->summary.contains(QLatin1String("70000")));
    profile.port = 5432;
    profile.host.clear();
    failure = DatabaseConnector::validate(profile);
    QVERIFY(failure);
    QVERIFY(failure->summary.contains(QLatin1String("host")));
}

void TestServerInspector::taskReportsInOwnerThread()
{
    InspectionTask task;
    QSignalSpy finished(&task, &InspectionTask::finished);
    auto wrong = profileFor(Engine::Postgres, m_postgresDatabase);
    wrong.password = QStringLiteral("wrong");
    task.start(wrong);
    // A second start supersedes the first: only its outcome is reported.
    task.start(profileFor(Engine::Postgres, m_postgresDatabase));
    QVERIFY(task.isRunning());
    QVERIFY(finished.wait(30'000));
    QTest::qWait(200);
    QCOMPARE(finished.count(), 1);
    QVERIFY(!task.isRunning());
    QVERIFY(task.outcome().has_value());
    QVERIFY(task.outcome()->ok());
    QCOMPARE(task.outcome()->value().openMetadata.version, QStringLiteral("1.1.10"));
}

QTEST_GUILESS_MAIN(TestServerInspector)
#include "TestServerInspector.moc"

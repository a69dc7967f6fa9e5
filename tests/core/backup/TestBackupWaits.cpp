// Nothing waits forever: a lock another session holds is reported with its holder while
// the backup (or restore) waits and ends it after --lock-timeout; SIGTERM during such a
// wait ends the process within 2 s; a frozen server (SIGSTOP) is let go after the stall
// timeout. The frozen MariaDB is a server of this test's own, so the shared one is never
// stopped; on PostgreSQL only the backup's own server process is stopped.
#include "AppRunner.h"
#include "backup/BackupRestorer.h"
#include "backup/BackupWriter.h"
#include "BackupTestSupport.h"
#include "EngineRows.h"
#include "LockHolder.h"
#include "OpenMetadataFixture.h"
#include "TestServers.h"
#include "ThrowawayServer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <map>

using namespace omu;
using namespace omu::test;

namespace {

void prepare(QProcess& process, const ConnectionProfile& profile, const QString& dataHome)
{
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("OMU_DB_PASSWORD"), profile.password);
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    process.setProcessEnvironment(environment);
}

// Reads stderr until `text` shows up (or the process ends, or 60 s pass).
bool waitForText(QProcess& process, QByteArray& seen, const QByteArray& text)
{
    if (!process.waitForStarted(10'000))
        return false;
    QElapsedTimer timer;
    timer.start();
    while (!seen.contains(text) && process.state() == QProcess::Running &&
           timer.elapsed() < 60'000) {
        process.waitForReadyRead(100);
        seen += process.readAllStandardError();
    }
    return seen.contains(text);
}

} // namespace

class TestBackupWaits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void heldLockEndsWithItsHolderNamed_data() { addEngineRows(); }
    void heldLockEndsWithItsHolderNamed();
    void restoreWaitingForALockEndsToo_data() { addEngineRows(); }
    void restoreWaitingForALockEndsToo();
    void sigtermDuringTheWaitEndsWithinTwoSeconds_data();
    void sigtermDuringTheWaitEndsWithinTwoSeconds();
    void stoppedPostgresProcessEndsAfterTheStallTimeout();
    void withoutThePluginTheSessionsAreNamed();
    void frozenMariaDbEndsAfterTheStallTimeout();
    void sigtermWhileConnectingToAFrozenServerEndsWithinTwoSeconds();

private:
    const ScratchDatabase& source(Engine engine) const
    {
        return engine == Engine::MySql ? *m_mysql : *m_postgres;
    }
    const ThrowawayServer* throwaway(Engine engine);

    QTemporaryDir m_home;
    std::unique_ptr<ScratchDatabase> m_mysql;
    std::unique_ptr<ScratchDatabase> m_postgres;
    std::map<Engine, std::unique_ptr<ThrowawayServer>> m_throwaways;
};

void TestBackupWaits::initTestCase()
{
    for (const Engine engine : {Engine::MySql, Engine::Postgres}) {
        if (!TestServers::admin(engine))
            QFAIL(qPrintable(TestServers::unavailableMessage(engine)));
        auto database = std::make_unique<ScratchDatabase>(engine, QStringLiteral("omu_bk_wait"));
        QVERIFY2(database->ok(), qPrintable(database->error()));
        QString error;
        QVERIFY2(database->fill(5, 2, 0, &error), qPrintable(error));
        (engine == Engine::MySql ? m_mysql : m_postgres) = std::move(database);
    }
}

void TestBackupWaits::cleanupTestCase()
{
    m_throwaways.clear();
}

const ThrowawayServer* TestBackupWaits::throwaway(Engine engine)
{
    if (!m_throwaways.count(engine)) {
        // The fixture, in a database of its own on a server of the test's own.
        auto server = std::make_unique<ThrowawayServer>();
        QString error;
        fixture::FixtureOptions options;
        options.rowsPerEntityTable = 5;
        if (!server->start(engine, &error) ||
            !server->createDatabase(QStringLiteral("omu_frozen"), &error)) {
            qWarning("%s", qPrintable(error));
            return nullptr;
        }
        if (!fixture::OpenMetadataFixture::build(server->profile(QStringLiteral("omu_frozen")),
                                                 options)) {
            qWarning("the fixture could not be built in the throwaway server");
            return nullptr;
        }
        m_throwaways[engine] = std::move(server);
    }
    return m_throwaways.at(engine).get();
}

void TestBackupWaits::heldLockEndsWithItsHolderNamed()
{
    QFETCH(Engine, engine);
    const ConnectionProfile profile = source(engine).profile();
    LockHolder holder(profile, QStringLiteral("bot_entity"));
    QVERIFY2(holder.error().isEmpty() && holder.id() > 0, qPrintable(holder.error()));
    QTemporaryDir folder;
    QProcess process;
    prepare(process, profile, m_home.path());
    QElapsedTimer timer;
    timer.start();
    process.start(QStringLiteral(OMU_EXECUTABLE),
                  QStringList{QStringLiteral("backup")} + connectionArguments(profile) +
                      QStringList{QStringLiteral("--output"), folder.path(),
                                  QStringLiteral("--filename"), QStringLiteral("locked.sql"),
                                  QStringLiteral("--lock-timeout"), QStringLiteral("4"),
                                  QStringLiteral("--json")});
    QByteArray err;
    const QByteArray named = "waiting for a lock held by pid " + QByteArray::number(holder.id());
    QVERIFY2(waitForText(process, err, named), err.constData());
    QVERIFY(process.waitForFinished(30'000));
    const qint64 elapsed = timer.elapsed();
    err += process.readAllStandardError();
    QCOMPARE(process.exitCode(), 2);
    QVERIFY2(elapsed >= 3500 && elapsed < 4000 + 15'000, qPrintable(QString::number(elapsed)));
    const QString message = QJsonDocument::fromJson(process.readAllStandardOutput())
                                .object()
                                .value(QStringLiteral("error"))
                                .toObject()
                                .value(QStringLiteral("message"))
                                .toString();
    QVERIFY2(
        message.contains(QStringLiteral("waited 4 s for a lock held by pid %1").arg(holder.id())),
        qPrintable(message + QLatin1Char('\n') + QString::fromUtf8(err)));
    if (engine == Engine::Postgres) // its query is known; MariaDB's LOCK TABLES session is idle
        QVERIFY2(err.contains("(query LOCK TABLE bot_entity IN ACCESS EXCLUSIVE MODE)"),
                 err.constData());
    QCOMPARE(filesIn(folder.path()), QStringList());
}

void TestBackupWaits::restoreWaitingForALockEndsToo()
{
    QFETCH(Engine, engine);
    RoundTrip trip(engine, QStringLiteral("omu_rs_wait"));
    QString error;
    QVERIFY2(trip.prepare({4, 2}, {3, 5}, QStringLiteral("wait.sql"), &error), qPrintable(error));
    LockHolder holder(trip.target.profile(), QStringLiteral("table_entity"));
    QVERIFY2(holder.error().isEmpty() && holder.id() > 0, qPrintable(holder.error()));
    RestoreOptions options;
    options.limits.lockTimeoutSeconds = 3;
    QStringList waits;
    QElapsedTimer timer;
    timer.start();
    const RestoreOutcome outcome = BackupRestorer::restore(
        trip.target.profile(), trip.file, options, [&](const BackupProgress& progress) {
            if (!progress.waiting.isEmpty())
                waits << progress.waiting;
        });
    QVERIFY2(timer.elapsed() < 3000 + 15'000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(int(outcome.ending), int(Ending::Failed));
    QVERIFY2(outcome.error.message.contains(
                 QStringLiteral("waited 3 s for a lock held by pid %1").arg(holder.id())),
             qPrintable(outcome.error.toString()));
    QVERIFY(outcome.error.advice.contains(QStringLiteral("--lock-timeout")));
    // Which table it stopped in, and that it may be left empty.
    QVERIFY2(outcome.error.advice.contains(QStringLiteral("The restore stopped in table_entity")) &&
                 outcome.error.advice.contains(QStringLiteral("table_entity may be empty")),
             qPrintable(outcome.error.advice));
    QVERIFY2(!waits.isEmpty() &&
                 waits.first().startsWith(
                     QStringLiteral("waiting for a lock held by pid %1").arg(holder.id())),
             qPrintable(waits.join(QLatin1Char('\n'))));
}

void TestBackupWaits::sigtermDuringTheWaitEndsWithinTwoSeconds_data()
{
    QTest::addColumn<Engine>("engine");
    QTest::addColumn<QString>("command");
    for (const Engine engine : {Engine::MySql, Engine::Postgres})
        for (const char* command : {"backup", "restore"})
            QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(
                engine == Engine::MySql ? QStringLiteral("mariadb") : QStringLiteral("postgres"),
                QLatin1String(command))))
                << engine << QString::fromLatin1(command);
}

void TestBackupWaits::sigtermDuringTheWaitEndsWithinTwoSeconds()
{
    QFETCH(Engine, engine);
    QFETCH(QString, command);
    const bool restore = command == QLatin1String("restore");
    RoundTrip trip(engine, QStringLiteral("omu_term"));
    QString error;
    if (restore)
        QVERIFY2(trip.prepare({4, 2}, {3, 5}, QStringLiteral("term.sql"), &error),
                 qPrintable(error));
    const ConnectionProfile profile = restore ? trip.target.profile() : source(engine).profile();
    LockHolder holder(profile, QStringLiteral("table_entity"));
    QVERIFY2(holder.error().isEmpty() && holder.id() > 0, qPrintable(holder.error()));
    QTemporaryDir folder;
    QStringList arguments = QStringList{command} + connectionArguments(profile);
    if (restore)
        arguments << QStringLiteral("--input") << trip.file << QStringLiteral("--yes");
    else
        arguments << QStringLiteral("--output") << folder.path() << QStringLiteral("--filename")
                  << QStringLiteral("term.sql");
    QProcess process;
    prepare(process, profile, m_home.path());
    process.start(QStringLiteral(OMU_EXECUTABLE), arguments);
    QByteArray err;
    QVERIFY2(waitForText(process, err, "waiting for a lock held by pid"), err.constData());
    ::kill(pid_t(process.processId()), SIGTERM);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(process.waitForFinished(10'000));
    const qint64 elapsed = timer.elapsed();
    err += process.readAllStandardError();
    QVERIFY2(elapsed < 2000,
             qPrintable(QStringLiteral("%1 ms\n%2").arg(elapsed).arg(QString::fromUtf8(err))));
    QVERIFY(process.exitCode() != 0);
    QVERIFY2(err.contains(restore ? "restore cancelled" : "backup cancelled"), err.constData());
    QCOMPARE(completeLookingFiles(folder.path()), QStringList());
}

void TestBackupWaits::stoppedPostgresProcessEndsAfterTheStallTimeout()
{
    const ThrowawayServer* server = throwaway(Engine::Postgres);
    QVERIFY(server);
    const ConnectionProfile profile = server->profile(QStringLiteral("omu_frozen"));
    QTemporaryDir folder;
    qint64 stopped = 0;
    auto thaw = qScopeGuard([&] {
        if (stopped > 0)
            ::kill(pid_t(stopped), SIGCONT);
    });
    BackupOptions options;
    options.folder = folder.path();
    options.fileName = QStringLiteral("frozen.sql");
    options.limits.stallTimeoutSeconds = 3;
    // Before the third table, the backup's own server process is frozen.
    options.beforeTable = [&](const QString&, int index) {
        if (index != 2)
            return;
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("spy"));
        db.setHostName(profile.host);
        db.setPort(profile.port);
        db.setUserName(profile.user);
        db.setPassword(profile.password);
        db.setDatabaseName(profile.database);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE "
                                          "application_name = 'omupgrade-backup'")) &&
                query.next())
                stopped = query.value(0).toLongLong();
        }
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("spy"));
        if (stopped > 0)
            ::kill(pid_t(stopped), SIGSTOP);
    };
    QStringList notices;
    QElapsedTimer timer;
    timer.start();
    const BackupOutcome outcome =
        BackupWriter::run(profile, options, [&](const BackupProgress& progress) {
            if (!progress.waiting.isEmpty())
                notices << progress.waiting;
        });
    const qint64 elapsed = timer.elapsed();
    QVERIFY(stopped > 0);
    QCOMPARE(int(outcome.ending), int(Ending::Failed));
    QVERIFY2(outcome.error.message.contains(QStringLiteral("the server answered nothing for 3 s")),
             qPrintable(outcome.error.toString()));
    QVERIFY(outcome.error.advice.contains(QStringLiteral("--stall-timeout")));
    QVERIFY2(elapsed < 3000 + 15'000, qPrintable(QString::number(elapsed)));
    QCOMPARE(filesIn(folder.path()), QStringList());
}

void TestBackupWaits::withoutThePluginTheSessionsAreNamed()
{
    const ThrowawayServer* server = throwaway(Engine::MySql);
    QVERIFY(server);
    const ConnectionProfile profile = server->profile(QStringLiteral("omu_frozen"));
    LockHolder holder(profile, QStringLiteral("bot_entity"));
    QVERIFY2(holder.error().isEmpty() && holder.id() > 0, qPrintable(holder.error()));
    QTemporaryDir folder;
    BackupOptions options;
    options.folder = folder.path();
    options.fileName = QStringLiteral("plugin-less.sql");
    options.limits.lockTimeoutSeconds = 3;
    QStringList notices;
    const BackupOutcome outcome =
        BackupWriter::run(profile, options, [&](const BackupProgress& progress) {
            if (!progress.waiting.isEmpty())
                notices << progress.waiting;
        });
    QCOMPARE(int(outcome.ending), int(Ending::Failed));
    const QString said = notices.join(QLatin1Char('\n'));
    QVERIFY2(said.contains(QStringLiteral("waiting for a lock held by another session")) &&
                 said.contains(QStringLiteral("pid %1 (").arg(holder.id())),
             qPrintable(said));
    QVERIFY2(outcome.error.message.contains(QStringLiteral("waited 3 s")),
             qPrintable(outcome.error.toString()));
}

void TestBackupWaits::frozenMariaDbEndsAfterTheStallTimeout()
{
    const ThrowawayServer* server = throwaway(Engine::MySql);
    QVERIFY(server);
    const ConnectionProfile profile = server->profile(QStringLiteral("omu_frozen"));
    QTemporaryDir folder;
    BackupOptions options;
    options.folder = folder.path();
    options.fileName = QStringLiteral("frozen.sql");
    options.limits.stallTimeoutSeconds = 3;
    bool frozen = false;
    auto thaw = qScopeGuard([&] {
        if (frozen)
            ::kill(pid_t(server->pid()), SIGCONT);
    });
    // Before the third table the whole server is frozen.
    options.beforeTable = [&](const QString&, int index) {
        if (index == 2) {
            ::kill(pid_t(server->pid()), SIGSTOP);
            frozen = true;
        }
    };
    QElapsedTimer timer;
    timer.start();
    const BackupOutcome outcome = BackupWriter::run(profile, options);
    const qint64 elapsed = timer.elapsed();
    QVERIFY(frozen);
    QCOMPARE(int(outcome.ending), int(Ending::Failed));
    QVERIFY2(outcome.error.message.contains(QStringLiteral("the server answered nothing for 3 s")),
             qPrintable(outcome.error.toString()));
    QVERIFY2(elapsed < 3000 + 15'000, qPrintable(QString::number(elapsed)));
    QCOMPARE(filesIn(folder.path()), QStringList());
}

// No statement runs yet, so there is nothing to cancel: the command line's last resort
// ends the process, leaving only an unfinished .partial (which the next backup removes).
void TestBackupWaits::sigtermWhileConnectingToAFrozenServerEndsWithinTwoSeconds()
{
    const ThrowawayServer* server = throwaway(Engine::MySql);
    QVERIFY(server);
    const ConnectionProfile profile = server->profile(QStringLiteral("omu_frozen"));
    ::kill(pid_t(server->pid()), SIGSTOP);
    auto thaw = qScopeGuard([&] { ::kill(pid_t(server->pid()), SIGCONT); });
    QTemporaryDir folder;
    QProcess process;
    prepare(process, profile, m_home.path());
    process.start(QStringLiteral(OMU_EXECUTABLE),
                  QStringList{QStringLiteral("backup")} + connectionArguments(profile) +
                      QStringList{QStringLiteral("--output"), folder.path(),
                                  QStringLiteral("--filename"), QStringLiteral("connecting.sql")});
    QByteArray err;
    QVERIFY2(waitForText(process, err, "connecting to"), err.constData());
    QTest::qWait(1000); // well into the connection attempt
    QVERIFY(process.state() == QProcess::Running);
    ::kill(pid_t(process.processId()), SIGTERM);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(process.waitForFinished(15'000));
    const qint64 elapsed = timer.elapsed();
    err += process.readAllStandardError();
    QVERIFY2(elapsed < 2000,
             qPrintable(QStringLiteral("%1 ms\n%2").arg(elapsed).arg(QString::fromUtf8(err))));
    QVERIFY(process.exitCode() != 0);
    QVERIFY2(err.contains("cancelled"), err.constData());
    QCOMPARE(completeLookingFiles(folder.path()), QStringList());
}

QTEST_GUILESS_MAIN(TestBackupWaits)
#include "TestBackupWaits.moc"

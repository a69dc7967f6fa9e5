// What must never happen to a backup: a torn snapshot, a file that looks complete after a
// failure or a cancel, damage that verify does not notice.
#include "backup/BackupFiles.h"
#include "backup/BackupManifest.h"
#include "backup/BackupVerifier.h"
#include "backup/BackupWriter.h"
#include "BackupTestSupport.h"
#include "EngineRows.h"
#include "TestServers.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace omu;
using namespace omu::test;

namespace {

// Runs several statements in one transaction on another connection.
bool commitTogether(Engine engine, const QString& database, const QStringList& statements,
                    QString* error)
{
    QSqlDatabase db = TestServers::open(engine, database, error);
    if (!db.isOpen())
        return false;
    const QString name = db.connectionName();
    bool ok = db.transaction();
    {
        QSqlQuery query(db);
        for (const QString& statement : statements) {
            if (!ok)
                break;
            ok = query.exec(statement);
            if (!ok)
                *error = statement + QStringLiteral(": ") + query.lastError().text();
        }
    }
    ok = ok ? db.commit() : (db.rollback(), false);
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QString entityJson(const QString& id, const QString& name, const QString& extra = {})
{
    return QStringLiteral("{\"id\":\"%1\",\"name\":\"%2\",\"fullyQualifiedName\":\"%2\","
                          "\"updatedAt\":1700000000000,\"updatedBy\":\"test\",\"deleted\":false%3}")
        .arg(id, name, extra);
}

} // namespace

class TestBackupSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void oneSnapshotRowsWrittenDuringTheBackupAreWhollyOut_data() { addEngineRows(); }
    void oneSnapshotRowsWrittenDuringTheBackupAreWhollyOut();
    void tableDroppedMidBackupFailsClearly_data() { addEngineRows(); }
    void tableDroppedMidBackupFailsClearly();
    void lostConnectionFailsClearly_data() { addEngineRows(); }
    void lostConnectionFailsClearly();
    void cancelStopsWithinASecondAndKeepsNothing_data() { addEngineRows(); }
    void cancelStopsWithinASecondAndKeepsNothing();
    void unwritableFolderFailsBeforeConnecting();
    void existingBackupIsNeverOverwritten();
    void verifyCatchesDamage();
    void staleLeftoversAreCleanedButNotRunningOnes();

private:
    QString m_pgBackup; // a good backup shared by the verify tests
};

void TestBackupSafety::initTestCase()
{
    for (const Engine engine : {Engine::MySql, Engine::Postgres})
        if (!TestServers::admin(engine))
            QFAIL(qPrintable(TestServers::unavailableMessage(engine)));
}

void TestBackupSafety::oneSnapshotRowsWrittenDuringTheBackupAreWhollyOut()
{
    QFETCH(Engine, engine);
    ScratchDatabase source(engine, QStringLiteral("omu_bk_snap"));
    QVERIFY2(source.ok(), qPrintable(source.error()));
    QString error;
    QVERIFY2(source.fill(6, 2, 0, &error), qPrintable(error));
    const QString hash =
        engine == Engine::MySql ? QStringLiteral("nameHash") : QStringLiteral("namehash");

    // Committed before the backup starts: wholly in.
    const QString earlyBot = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString earlyUser = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QVERIFY2(commitTogether(
                 engine, source.name(),
                 {QStringLiteral("INSERT INTO bot_entity (json, %1) VALUES ('%2', 'early-bot')")
                      .arg(hash, entityJson(earlyBot, QStringLiteral("early-bot"))),
                  QStringLiteral("INSERT INTO user_entity (json, %1) VALUES ('%2', 'early-user')")
                      .arg(hash, entityJson(earlyUser, QStringLiteral("early-user"),
                                            QStringLiteral(",\"email\":\"e@x\""))),
                  QStringLiteral("INSERT INTO entity_relationship VALUES ('%1', '%2', "
                                 "'bot', 'user', 0, null, null, false)")
                      .arg(earlyBot, earlyUser)},
                 &error),
             qPrintable(error));

    // Committed while the backup runs (after its snapshot began, before any of these
    // tables is read): wholly out. A row deleted meanwhile stays in.
    const QString lateBot = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString lateUser = QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool wrote = false;
    QString hookError;
    BackupOptions options;
    QTemporaryDir folder;
    options.folder = folder.path();
    options.fileName = QStringLiteral("snapshot.sql");
    options.beforeTable = [&](const QString&, int index) {
        if (index != 0)
            return;
        wrote = commitTogether(
            engine, source.name(),
            {QStringLiteral("INSERT INTO bot_entity (json, %1) VALUES ('%2', 'late-bot')")
                 .arg(hash, entityJson(lateBot, QStringLiteral("late-bot"))),
             QStringLiteral("INSERT INTO user_entity (json, %1) VALUES ('%2', 'late-user')")
                 .arg(hash, entityJson(lateUser, QStringLiteral("late-user"),
                                       QStringLiteral(",\"email\":\"l@x\""))),
             QStringLiteral("INSERT INTO entity_relationship VALUES ('%1', '%2', 'bot', 'user', "
                            "0, null, null, false)")
                 .arg(lateBot, lateUser),
             QStringLiteral("DELETE FROM entity_relationship WHERE fromId = '%1'").arg(earlyBot)},
            &hookError);
    };
    const BackupOutcome outcome = BackupWriter::run(source.profile(), options);
    QVERIFY2(wrote, qPrintable(hookError));
    QVERIFY2(outcome.ending == Ending::Succeeded, qPrintable(outcome.error.toString()));
    const QByteArray content = readFile(outcome.file);
    QVERIFY(content.contains(earlyBot.toLatin1()));
    QVERIFY(content.contains(earlyUser.toLatin1()));
    QVERIFY(content.contains(("INSERT INTO entity_relationship VALUES ('" + earlyBot).toLatin1()));
    QVERIFY2(!content.contains(lateBot.toLatin1()), "a row committed during the backup leaked in");
    QVERIFY2(!content.contains(lateUser.toLatin1()), "a row committed during the backup leaked in");
    // The database really has the late rows: they are out because of the snapshot.
    QSqlDatabase db = TestServers::open(engine, source.name(), &error);
    {
        QSqlQuery query(db);
        QVERIFY(query.exec(
            QStringLiteral("SELECT COUNT(*) FROM user_entity WHERE %1 = 'late-user'").arg(hash)));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 1);
    }
    const QString connection = db.connectionName();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(connection);
}

void TestBackupSafety::tableDroppedMidBackupFailsClearly()
{
    QFETCH(Engine, engine);
    ScratchDatabase source(engine, QStringLiteral("omu_bk_drop"));
    QVERIFY2(source.ok(), qPrintable(source.error()));
    QString error;
    QVERIFY2(source.fill(4, 2, 0, &error), qPrintable(error));
    QTemporaryDir folder;
    BackupOptions options;
    options.folder = folder.path();
    options.fileName = QStringLiteral("dropped.sql");
    bool dropped = false;
    options.beforeTable = [&](const QString&, int index) {
        if (index == 1) // the last table has not been read yet
            // With a lock timeout, so that a backup holding the table would fail the test
            // instead of hanging it.
            dropped = TestServers::exec(
                engine, source.name(),
                engine == Engine::MySql
                    ? QStringLiteral(
                          "SET STATEMENT lock_wait_timeout = 10 FOR DROP TABLE user_entity")
                    : QStringLiteral("SET lock_timeout = '10s'; DROP TABLE user_entity"),
                &error);
    };
    const BackupOutcome outcome = BackupWriter::run(source.profile(), options);
    QVERIFY2(dropped, qPrintable(error));
    QCOMPARE(int(outcome.ending), int(Ending::Failed));
    QVERIFY2(outcome.error.where == QLatin1String("user_entity") &&
                 outcome.error.message.contains(QStringLiteral("dropped or changed")),
             qPrintable(outcome.error.toString()));
    QCOMPARE(filesIn(folder.path()), QStringList());
}

void TestBackupSafety::lostConnectionFailsClearly()
{
    QFETCH(Engine, engine);
    ScratchDatabase source(engine, QStringLiteral("omu_bk_lost"));
    QVERIFY2(source.ok(), qPrintable(source.error()));
    QString error;
    // Several MB, so the cut comes while table_entity is being read. (The rest of that table
    // may already sit in the socket's buffers, up to 32 MB on Linux; the failure then shows
    // at the next statement, and never as a finished backup.)
    QVERIFY2(source.fill(1, 2, 16, &error), qPrintable(error));
    // From another connection, the way a DBA or a failover would cut it.
    auto cut = [&] {
        bool killed = false;
        QSqlDatabase db = TestServers::open(engine, QString(), &error);
        {
            QSqlQuery query(db);
            if (engine == Engine::Postgres) {
                killed = query.exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM "
                                                   "pg_stat_activity WHERE application_name = "
                                                   "'omupgrade-backup' AND datname = '%1'")
                                        .arg(source.name())) &&
                         query.next() && query.value(0).toBool();
            } else if (query.exec(QStringLiteral("SELECT ID FROM information_schema.PROCESSLIST "
                                                 "WHERE DB = '%1'")
                                      .arg(source.name())) &&
                       query.next()) {
                const QString id = query.value(0).toString();
                killed = query.exec(QStringLiteral("KILL CONNECTION %1").arg(id));
            }
            if (!killed)
                error = query.lastError().text();
        }
        const QString connection = db.connectionName();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connection);
        return killed;
    };

    // Between two tables, and in the middle of one.
    for (const bool midTable : {false, true}) {
        QTemporaryDir folder;
        BackupOptions options;
        options.folder = folder.path();
        options.fileName = QStringLiteral("lost.sql");
        bool killed = false;
        options.beforeTable = [&](const QString&, int index) {
            if (!midTable && index == 3)
                killed = cut();
        };
        const BackupOutcome outcome =
            BackupWriter::run(source.profile(), options, [&](const BackupProgress& progress) {
                if (midTable && !killed && progress.table == QLatin1String("table_entity") &&
                    progress.tableRows > 100)
                    killed = cut();
            });
        QVERIFY2(killed, qPrintable(error));
        QCOMPARE(int(outcome.ending), int(Ending::Failed));
        QVERIFY2(
            outcome.error.message.contains(QStringLiteral("connection to the server was lost")) &&
                !outcome.error.advice.isEmpty(),
            qPrintable(outcome.error.toString()));
        qInfo("error shown: %s", qPrintable(outcome.error.toString()));
        QCOMPARE(filesIn(folder.path()), QStringList());
    }
}

void TestBackupSafety::cancelStopsWithinASecondAndKeepsNothing()
{
    QFETCH(Engine, engine);
    ScratchDatabase source(engine, QStringLiteral("omu_bk_cancel"));
    QVERIFY2(source.ok(), qPrintable(source.error()));
    QString error;
    QVERIFY2(source.fill(40, 2, 0, &error), qPrintable(error));
    QTemporaryDir folder;
    BackupOptions options;
    options.folder = folder.path();
    options.fileName = QStringLiteral("cancelled.sql");
    CancelToken cancel;
    QElapsedTimer sinceCancel;
    bool sawPartial = false;
    const BackupOutcome outcome = BackupWriter::run(
        source.profile(), options,
        [&](const BackupProgress& progress) {
            if (progress.phase == BackupProgress::Phase::Dumping && progress.rows > 50 &&
                !cancel.isCancelled()) {
                sawPartial =
                    filesIn(folder.path()).contains(QStringLiteral("cancelled.sql.partial"));
                cancel.cancel();
                sinceCancel.start();
            }
        },
        cancel);
    QVERIFY(cancel.isCancelled());
    QVERIFY(sawPartial);
    QCOMPARE(int(outcome.ending), int(Ending::Cancelled));
    QVERIFY2(sinceCancel.elapsed() < 1000, qPrintable(QString::number(sinceCancel.elapsed())));
    QCOMPARE(filesIn(folder.path()), QStringList());
}

void TestBackupSafety::unwritableFolderFailsBeforeConnecting()
{
    // Root may write anywhere a mode allows, but not into sysfs.
    QTemporaryDir folder;
    QString unwritable = folder.filePath(QStringLiteral("locked"));
    QVERIFY(QDir().mkpath(unwritable));
    if (::geteuid() == 0)
        unwritable = QStringLiteral("/sys");
    else
        QVERIFY(QFile::setPermissions(unwritable, QFile::ReadOwner | QFile::ExeOwner));
    ConnectionProfile unreachable;
    unreachable.engine = Engine::Postgres;
    unreachable.host = QStringLiteral("127.0.0.1");
    unreachable.port = 1;
    unreachable.user = QStringLiteral("nobody");
    unreachable.database = QStringLiteral("nothing");
    BackupOptions options;
    options.folder = unwritable;
    const BackupOutcome outcome = BackupWriter::run(unreachable, options);
    QCOMPARE(int(outcome.ending), int(Ending::Failed));
    QVERIFY2(outcome.error.message.contains(QStringLiteral("may not write")),
             qPrintable(outcome.error.toString()));
    QCOMPARE(outcome.error.where, unwritable);

    options.folder = folder.filePath(QStringLiteral("missing"));
    const BackupOutcome missing = BackupWriter::run(unreachable, options);
    QVERIFY(missing.error.message.contains(QStringLiteral("does not exist")));
}

void TestBackupSafety::existingBackupIsNeverOverwritten()
{
    ScratchDatabase source(Engine::Postgres, QStringLiteral("omu_bk_exist"));
    QVERIFY2(source.ok(), qPrintable(source.error()));
    QString error;
    QVERIFY2(source.fill(3, 2, 0, &error), qPrintable(error));
    QTemporaryDir folder;
    const QString existing = folder.filePath(QStringLiteral("keep.sql"));
    QVERIFY(writeFile(existing, "precious\n"));
    BackupOptions options;
    options.folder = folder.path();
    options.fileName = QStringLiteral("keep.sql");
    const BackupOutcome outcome = BackupWriter::run(source.profile(), options);
    QCOMPARE(int(outcome.ending), int(Ending::Failed));
    QVERIFY(outcome.error.message.contains(QStringLiteral("already exists")));
    QCOMPARE(readFile(existing), QByteArray("precious\n"));
    QCOMPARE(filesIn(folder.path()), QStringList{QStringLiteral("keep.sql")});

    // A good one for the verify tests.
    options.fileName = QStringLiteral("good.sql");
    const BackupOutcome good = BackupWriter::run(source.profile(), options);
    QVERIFY2(good.ending == Ending::Succeeded, qPrintable(good.error.toString()));
    m_pgBackup = QDir::temp().filePath(
        QStringLiteral("omu_verify_%1.sql").arg(QCoreApplication::applicationPid()));
    QFile::remove(m_pgBackup);
    QFile::remove(BackupFiles::manifestPath(m_pgBackup));
    QVERIFY(QFile::copy(good.file, m_pgBackup));
    QVERIFY(QFile::copy(good.manifestFile, BackupFiles::manifestPath(m_pgBackup)));
}

void TestBackupSafety::verifyCatchesDamage()
{
    if (m_pgBackup.isEmpty())
        QSKIP("needs the backup made by existingBackupIsNeverOverwritten");
    QTemporaryDir folder;
    const QByteArray good = readFile(m_pgBackup);
    const QByteArray manifest = readFile(BackupFiles::manifestPath(m_pgBackup));
    auto place = [&](const QString& name, const QByteArray& content,
                     const QByteArray& manifestContent) {
        const QString path = folder.filePath(name);
        writeFile(path, content);
        writeFile(BackupFiles::manifestPath(path), manifestContent);
        return path;
    };
    auto problems = [](const VerifyReport& report) {
        return report.problems.join(QLatin1Char('\n'));
    };

    // The untouched copy passes (renamed files are fine).
    const VerifyReport intact =
        BackupVerifier::quick(place(QStringLiteral("intact.sql"), good, manifest));
    QVERIFY2(intact.verified, qPrintable(problems(intact)));

    // One flipped byte inside a value.
    QByteArray flipped = good;
    const qsizetype at = flipped.indexOf("INSERT INTO tag_usage") + 40;
    flipped[at] = char(flipped.at(at) ^ 0x01);
    const VerifyReport flip =
        BackupVerifier::quick(place(QStringLiteral("flipped.sql"), flipped, manifest));
    QVERIFY(!flip.verified);
    QVERIFY2(problems(flip).contains(QStringLiteral("tag_usage")), qPrintable(problems(flip)));

    // Cut in the middle of a line, and cut at a line boundary.
    const VerifyReport cut = BackupVerifier::quick(
        place(QStringLiteral("cut.sql"), good.left(good.size() - 40), manifest));
    QVERIFY(!cut.verified);
    QVERIFY2(problems(cut).contains(QStringLiteral("cut short")), qPrintable(problems(cut)));
    const qsizetype boundary = good.lastIndexOf('\n', good.size() - 2) + 1;
    const VerifyReport shorter =
        BackupVerifier::quick(place(QStringLiteral("shorter.sql"), good.left(boundary), manifest));
    QVERIFY(!shorter.verified);
    QVERIFY2(problems(shorter).contains(QStringLiteral("rows in the file, the manifest says")),
             qPrintable(problems(shorter)));

    // A table's lines missing altogether.
    QList<QByteArray> lines = good.split('\n');
    lines.removeIf([](const QByteArray& line) {
        return line.startsWith("TRUNCATE TABLE glossary_entity;") ||
               line.startsWith("INSERT INTO glossary_entity ");
    });
    const VerifyReport missing =
        BackupVerifier::quick(place(QStringLiteral("missing.sql"), lines.join('\n'), manifest));
    QVERIFY(!missing.verified);
    QVERIFY2(problems(missing).contains(QStringLiteral("glossary_entity is in the manifest")),
             qPrintable(problems(missing)));

    // Another backup's manifest.
    QByteArray other = manifest;
    other.replace("\"file\": \"", "\"file\": \"other-");
    const qsizetype sha = other.indexOf("\n    \"sha256\": \"") + 16; // the whole file's
    other[sha] = other.at(sha) == '0' ? '1' : '0';
    const VerifyReport foreign =
        BackupVerifier::quick(place(QStringLiteral("foreign.sql"), good, other));
    QVERIFY(!foreign.verified);
    QVERIFY2(problems(foreign).contains(QStringLiteral("written for another file")),
             qPrintable(problems(foreign)));

    // A manifest that never said complete.
    QByteArray incomplete = manifest;
    incomplete.replace("\"complete\": true", "\"complete\": false");
    const VerifyReport unfinished =
        BackupVerifier::quick(place(QStringLiteral("unfinished.sql"), good, incomplete));
    QVERIFY(!unfinished.verified);

    // No manifest: well formed, but not verified.
    const QString bare = folder.filePath(QStringLiteral("official.sql"));
    writeFile(bare, good);
    const VerifyReport unverifiable = BackupVerifier::quick(bare);
    QVERIFY(!unverifiable.verified);
    QVERIFY(!unverifiable.manifestFound);
    QVERIFY(unverifiable.problems.isEmpty());
}

void TestBackupSafety::staleLeftoversAreCleanedButNotRunningOnes()
{
    QTemporaryDir folder;
    const QString stale = folder.filePath(QStringLiteral("old.sql.partial"));
    QVERIFY(writeFile(stale, "TRUNCATE TABLE a;\nINSERT INTO a VALUES ('x"));
    const QString running = folder.filePath(QStringLiteral("busy.sql.partial"));
    QVERIFY(writeFile(running, "TRUNCATE TABLE a;\n"));
    const QString foreign = folder.filePath(QStringLiteral("download.iso.partial"));
    QVERIFY(writeFile(foreign, "not ours"));
    const int lock = ::open(running.toLocal8Bit().constData(), O_RDONLY);
    QVERIFY(lock >= 0);
    QVERIFY(::flock(lock, LOCK_EX) == 0); // a backup still writing it

    const QStringList done = BackupFiles::cleanUpInterrupted(folder.path());
    ::close(lock);
    QCOMPARE(done.size(), 1);
    QVERIFY(done.first().contains(QStringLiteral("old.sql.partial")));
    QCOMPARE(filesIn(folder.path()), (QStringList{QStringLiteral("busy.sql.partial"),
                                                  QStringLiteral("download.iso.partial")}));

    // Interrupted between the two renames: the dump has its name, its manifest does not yet.
    // The next run finishes the job when the two match, and drops the manifest otherwise.
    if (m_pgBackup.isEmpty())
        QSKIP("needs the backup made by existingBackupIsNeverOverwritten");
    QTemporaryDir second;
    const QString dump = second.filePath(QStringLiteral("cut.sql"));
    QVERIFY(QFile::copy(m_pgBackup, dump));
    QVERIFY(QFile::copy(BackupFiles::manifestPath(m_pgBackup),
                        BackupFiles::partialPath(BackupFiles::manifestPath(dump))));
    const QString other = second.filePath(QStringLiteral("other.sql"));
    QVERIFY(writeFile(other, "TRUNCATE TABLE x;\n"));
    QVERIFY(QFile::copy(BackupFiles::manifestPath(m_pgBackup),
                        BackupFiles::partialPath(BackupFiles::manifestPath(other))));
    const QStringList finished = BackupFiles::cleanUpInterrupted(second.path());
    QVERIFY2(finished.join(QLatin1Char('\n'))
                 .contains(QStringLiteral("finished the interrupted backup cut.sql")),
             qPrintable(finished.join(QLatin1Char('\n'))));
    QCOMPARE(filesIn(second.path()),
             (QStringList{QStringLiteral("cut.sql"), QStringLiteral("cut.sql.manifest.json"),
                          QStringLiteral("other.sql")}));
    QVERIFY(BackupVerifier::quick(dump).verified);
}

void TestBackupSafety::cleanupTestCase()
{
    if (!m_pgBackup.isEmpty()) {
        QFile::remove(m_pgBackup);
        QFile::remove(BackupFiles::manifestPath(m_pgBackup));
    }
}

QTEST_GUILESS_MAIN(TestBackupSafety)
#include "TestBackupSafety.moc"

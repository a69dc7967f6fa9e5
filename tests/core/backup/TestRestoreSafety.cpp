// A backup file is data, not a script: restore reads the whole file before it runs a line,
// and refuses anything but backup statements for the target's own tables, a file cut
// short, an empty one, or one of another (or an unknown) OpenMetadata version. Each hostile
// file is refused with every table of the target unchanged, change logs included, and
// nothing it asked for done (no role, no program run, no database dropped). A second
// restore into the same database is refused while one runs.
#include "backup/BackupRestorer.h"
#include "BackupTestSupport.h"
#include "EngineRows.h"
#include "TestServers.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <condition_variable>
#include <mutex>
#include <thread>

using namespace omu;
using namespace omu::test;

namespace {

QByteArray insertAfterLine(const QByteArray& content, int number, const QByteArray& line)
{
    QList<QByteArray> lines = content.split('\n');
    lines.insert(number, line);
    return lines.join('\n');
}

int lineOf(const QByteArray& content, const QByteArray& start)
{
    const QList<QByteArray> lines = content.split('\n');
    for (int i = 0; i < lines.size(); ++i)
        if (lines.at(i).startsWith(start))
            return i + 1;
    return -1;
}

QString firstValue(Engine engine, const QString& database, const QString& sql)
{
    QString error;
    QSqlDatabase db = TestServers::open(engine, database, &error);
    QString value;
    {
        QSqlQuery query(db);
        if (query.exec(sql) && query.next())
            value = query.value(0).toString();
    }
    const QString name = db.connectionName();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
    return value;
}

} // namespace

class TestRestoreSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void hostileFilesAreRefusedUntouched_data();
    void hostileFilesAreRefusedUntouched();
    void checkedFileStillRestores_data() { addEngineRows(); }
    void checkedFileStillRestores();
    void allowAnySqlIsTheExplicitWayOut_data() { addEngineRows(); }
    void allowAnySqlIsTheExplicitWayOut();
    void secondRestoreIntoTheSameDatabaseIsRefused_data() { addEngineRows(); }
    void secondRestoreIntoTheSameDatabaseIsRefused();

private:
    RoundTrip& trip(Engine engine);
    QString hostileFile(Engine engine, const QString& kind, QString* expected);

    std::unique_ptr<RoundTrip> m_mysql;
    std::unique_ptr<RoundTrip> m_postgres;
    QString m_decoy; // a database the hostile files try to drop, on both servers
    QString m_marker;
    QTemporaryDir m_dir;
};

void TestRestoreSafety::initTestCase()
{
    m_decoy = TestServers::uniqueName(QStringLiteral("omu_decoy"));
    m_marker = m_dir.filePath(QStringLiteral("program-ran"));
    for (const Engine engine : {Engine::MySql, Engine::Postgres}) {
        if (!TestServers::admin(engine))
            QFAIL(qPrintable(TestServers::unavailableMessage(engine)));
        auto round = std::make_unique<RoundTrip>(engine, QStringLiteral("omu_rs_dst"));
        QString error;
        QVERIFY2(round->prepare({12, 3}, {4, 9}, QStringLiteral("real.sql"), &error),
                 qPrintable(error));
        QVERIFY2(TestServers::createDatabase(engine, m_decoy, &error), qPrintable(error));
        (engine == Engine::MySql ? m_mysql : m_postgres) = std::move(round);
    }
}

void TestRestoreSafety::cleanupTestCase()
{
    for (const Engine engine : {Engine::MySql, Engine::Postgres}) {
        TestServers::dropDatabase(engine, m_decoy);
        TestServers::exec(engine, {},
                          engine == Engine::MySql
                              ? QStringLiteral("DROP USER IF EXISTS 'omu_evil'@'%'")
                              : QStringLiteral("DROP ROLE IF EXISTS omu_evil"));
    }
}

RoundTrip& TestRestoreSafety::trip(Engine engine)
{
    return engine == Engine::MySql ? *m_mysql : *m_postgres;
}

// Writes the hostile file of `kind` (no manifest, as OpenMetadata's own backups come) and
// says what the refusal must mention.
QString TestRestoreSafety::hostileFile(Engine engine, const QString& kind, QString* expected)
{
    const bool mysql = engine == Engine::MySql;
    const QByteArray real = readFile(trip(engine).file);
    const QByteArray decoy = m_decoy.toUtf8();
    const QByteArray role = mysql ? "CREATE USER 'omu_evil'@'%' IDENTIFIED BY 'x';"
                                  : "CREATE ROLE omu_evil LOGIN SUPERUSER PASSWORD 'x';";
    const QByteArray program =
        mysql ? "SELECT 1 INTO OUTFILE '" + m_marker.toUtf8() + "';"
              : "COPY (SELECT 1) TO PROGRAM 'touch " + m_marker.toUtf8() + "';";
    const QByteArray drop = "DROP DATABASE " + decoy + ";";
    QByteArray content;
    if (kind == QLatin1String("role")) {
        content = role + "\n";
        *expected = QStringLiteral("line 1 is not a backup statement");
    } else if (kind == QLatin1String("program")) {
        content = program + "\n";
        *expected = QStringLiteral("line 1 is not a backup statement");
    } else if (kind == QLatin1String("drop")) {
        content = "TRUNCATE TABLE bot_entity;\n" + drop + "\n";
        *expected = QStringLiteral("line 2 is not a backup statement");
    } else if (kind == QLatin1String("spliced")) {
        // One line in the middle of a real, complete backup.
        const int at = lineOf(real, "TRUNCATE TABLE table_entity;") + 2;
        content = insertAfterLine(real, at, drop);
        *expected = QStringLiteral("line %1 is not a backup statement").arg(at + 1);
    } else if (kind == QLatin1String("after a value")) {
        // A second statement hidden behind the values of an INSERT.
        const int at = lineOf(real, "INSERT INTO bot_entity");
        QList<QByteArray> lines = real.split('\n');
        lines[at - 1].chop(1); // the ';'
        lines[at - 1] += "; " + drop;
        content = lines.join('\n');
        *expected = QStringLiteral("line %1 is not a backup statement").arg(at);
    } else if (kind == QLatin1String("quote trick")) {
        // Read with backslash escapes the value would go on; PostgreSQL's standard strings
        // end it at the backslash, and the DROP would run.
        content = "TRUNCATE TABLE bot_entity;\nINSERT INTO bot_entity (json, nameHash) VALUES "
                  "('{}', 'x\\'); " +
                  drop + " --');\n";
        *expected = mysql ? QStringLiteral("does not have: no_such_table")
                          : QStringLiteral("line 2 is not a backup statement");
        if (mysql) // one string to MySQL, so harmless; make it name an unknown table instead
            content.replace("bot_entity", "no_such_table");
    } else if (kind == QLatin1String("qualified table")) {
        content = mysql ? QByteArray("INSERT INTO mysql.user VALUES ('x');\n")
                        : QByteArray("INSERT INTO pg_catalog.pg_authid VALUES ('x');\n");
        *expected = QStringLiteral("named with a schema");
    } else if (kind == QLatin1String("unknown table")) {
        content = "TRUNCATE TABLE omu_no_such_table;\n";
        *expected = QStringLiteral("that %1 does not have: omu_no_such_table")
                        .arg(trip(engine).target.profile().displayName());
    } else if (kind == QLatin1String("cut short")) {
        content = real.left(real.size() / 2);
        if (content.endsWith('\n'))
            content.chop(1);
        *expected = QStringLiteral("it was cut short");
    } else if (kind == QLatin1String("empty")) {
        *expected = QStringLiteral("the file is empty");
    } else if (kind == QLatin1String("unknown version")) {
        content = real; // no manifest, no version given
        *expected = QStringLiteral("the OpenMetadata version it was taken from is unknown");
    } else if (kind == QLatin1String("other version")) {
        content = real;
        *expected = QStringLiteral("taken from OpenMetadata 1.0.9, but");
    }
    const QString path = m_dir.filePath(
        QStringLiteral("%1-%2.sql").arg(engineName(engine), QString(kind).replace(' ', '-')));
    writeFile(path, content);
    return path;
}

void TestRestoreSafety::hostileFilesAreRefusedUntouched_data()
{
    QTest::addColumn<Engine>("engine");
    QTest::addColumn<QString>("kind");
    for (const Engine engine : {Engine::MySql, Engine::Postgres})
        for (const char* kind : {"role", "program", "drop", "spliced", "after a value",
                                 "quote trick", "qualified table", "unknown table", "cut short",
                                 "empty", "unknown version", "other version"})
            QTest::newRow(qPrintable(QStringLiteral("%1: %2").arg(
                engine == Engine::MySql ? QStringLiteral("mariadb") : QStringLiteral("postgres"),
                QLatin1String(kind))))
                << engine << QString::fromLatin1(kind);
}

void TestRestoreSafety::hostileFilesAreRefusedUntouched()
{
    QFETCH(Engine, engine);
    QFETCH(QString, kind);
    const ScratchDatabase& target = trip(engine).target;
    QString expected;
    const QString file = hostileFile(engine, kind, &expected);
    const auto before = contentDigests(engine, target.name(), true);
    QVERIFY(before.size() > 10);

    RestoreOptions options;
    if (kind == QLatin1String("other version"))
        options.backupVersion = QStringLiteral("1.0.9");
    else if (kind != QLatin1String("unknown version"))
        options.backupVersion = QStringLiteral("1.1.5"); // the fixture's version
    const RestoreOutcome outcome = BackupRestorer::restore(target.profile(), file, options);
    QCOMPARE(int(outcome.ending), int(Ending::Failed));
    QVERIFY2(outcome.error.message.contains(expected),
             qPrintable(
                 QStringLiteral("expected \"%1\" in: %2").arg(expected, outcome.error.toString())));
    QCOMPARE(outcome.statements, qint64(0));
    QVERIFY2(outcome.error.toString().contains(QStringLiteral("not touched")) ||
                 outcome.error.toString().contains(QStringLiteral("Nothing was run")) ||
                 outcome.error.toString().contains(QStringLiteral("refused")),
             qPrintable(outcome.error.toString()));

    // Not a row changed anywhere, nothing the file asked for was done.
    QCOMPARE(contentDigests(engine, target.name(), true), before);
    QVERIFY(!QFileInfo::exists(m_marker));
    const QString roleCount = firstValue(
        engine, {},
        engine == Engine::MySql
            ? QStringLiteral("SELECT COUNT(*) FROM mysql.user WHERE User = 'omu_evil'")
            : QStringLiteral("SELECT COUNT(*) FROM pg_roles WHERE rolname = 'omu_evil'"));
    QCOMPARE(roleCount, QStringLiteral("0"));
    const QString decoy = firstValue(
        engine, {},
        engine == Engine::MySql
            ? QStringLiteral("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME "
                             "= '%1'")
                  .arg(m_decoy)
            : QStringLiteral("SELECT COUNT(*) FROM pg_database WHERE datname = '%1'").arg(m_decoy));
    QCOMPARE(decoy, QStringLiteral("1"));
}

void TestRestoreSafety::checkedFileStillRestores()
{
    QFETCH(Engine, engine);
    RoundTrip& round = trip(engine);
    // OpenMetadata's own backups have no manifest: with its version said, it restores.
    const QString file = m_dir.filePath(QStringLiteral("%1-official.sql").arg(engineName(engine)));
    QVERIFY(writeFile(file, readFile(round.file)));
    RoundTrip fresh(engine, QStringLiteral("omu_rs_ok"));
    QString error;
    QVERIFY2(fresh.target.ok() && fresh.target.fill(3, 8, 0, &error), qPrintable(error));
    RestoreOptions options;
    options.backupVersion = QStringLiteral("1.1.5");
    const RestoreOutcome outcome = BackupRestorer::restore(fresh.target.profile(), file, options);
    QVERIFY2(outcome.ending == Ending::Succeeded, qPrintable(outcome.error.toString()));
    QCOMPARE(contentDigests(engine, fresh.target.name()),
             contentDigests(engine, round.source.name()));
    // Said on the command line, a wrong version is still caught.
    options.backupVersion = QStringLiteral("1.3.0");
    const RestoreOutcome wrong = BackupRestorer::restore(fresh.target.profile(), file, options);
    QCOMPARE(int(wrong.ending), int(Ending::Failed));
    QVERIFY(wrong.error.message.contains(QStringLiteral("is at OpenMetadata 1.1.5")));
}

void TestRestoreSafety::allowAnySqlIsTheExplicitWayOut()
{
    QFETCH(Engine, engine);
    RoundTrip& round = trip(engine);
    RoundTrip fresh(engine, QStringLiteral("omu_rs_any"));
    QString error;
    QVERIFY2(fresh.target.ok() && fresh.target.fill(3, 8, 0, &error), qPrintable(error));
    // A file the admin edited by hand: harmless, but not a backup statement.
    QByteArray content = readFile(round.file);
    content += "UPDATE bot_entity SET json = json WHERE 1 = 0;\n";
    const QString file = m_dir.filePath(QStringLiteral("%1-edited.sql").arg(engineName(engine)));
    QVERIFY(writeFile(file, content));
    RestoreOptions options;
    options.backupVersion = QStringLiteral("1.1.5");
    const RestoreOutcome refused = BackupRestorer::restore(fresh.target.profile(), file, options);
    QCOMPARE(int(refused.ending), int(Ending::Failed));
    QVERIFY(refused.error.advice.contains(QStringLiteral("--allow-any-sql")));
    options.allowAnySql = true;
    const RestoreOutcome done = BackupRestorer::restore(fresh.target.profile(), file, options);
    QVERIFY2(done.ending == Ending::Succeeded, qPrintable(done.error.toString()));
    QVERIFY(done.notes.join(QLatin1Char(' ')).contains(QStringLiteral("--allow-any-sql")));
    QCOMPARE(contentDigests(engine, fresh.target.name()),
             contentDigests(engine, round.source.name()));
}

void TestRestoreSafety::secondRestoreIntoTheSameDatabaseIsRefused()
{
    QFETCH(Engine, engine);
    RoundTrip& round = trip(engine);
    RoundTrip fresh(engine, QStringLiteral("omu_rs_two"));
    QString error;
    QVERIFY2(fresh.target.ok() && fresh.target.fill(3, 8, 0, &error), qPrintable(error));
    const ConnectionProfile target = fresh.target.profile();
    const QString file = round.file; // with its manifest

    // The first restore is held in the middle of its replay until the second has tried.
    std::mutex mutex;
    std::condition_variable changed;
    bool replaying = false;
    bool release = false;
    RestoreOutcome first;
    std::thread running([&] {
        first = BackupRestorer::restore(
            target, file, RestoreOptions{}, [&](const BackupProgress& progress) {
                if (progress.phase != BackupProgress::Phase::Restoring)
                    return;
                std::unique_lock lock(mutex);
                replaying = true;
                changed.notify_all();
                changed.wait_for(lock, std::chrono::seconds(60), [&] { return release; });
            });
    });
    {
        std::unique_lock lock(mutex);
        QVERIFY(changed.wait_for(lock, std::chrono::seconds(60), [&] { return replaying; }));
    }
    const RestoreOutcome second = BackupRestorer::restore(target, file, RestoreOptions{});
    {
        std::lock_guard lock(mutex);
        release = true;
        changed.notify_all();
    }
    running.join();
    QCOMPARE(int(second.ending), int(Ending::Failed));
    QVERIFY2(second.error.message.contains(QStringLiteral("another restore into this database is "
                                                          "running (connection ")),
             qPrintable(second.error.toString()));
    QCOMPARE(second.statements, qint64(0));
    QVERIFY2(first.ending == Ending::Succeeded, qPrintable(first.error.toString()));
    QCOMPARE(contentDigests(engine, fresh.target.name()),
             contentDigests(engine, round.source.name()));
    // The lock went with the first restore's session.
    const RestoreOutcome third = BackupRestorer::restore(target, file, RestoreOptions{});
    QVERIFY2(third.ending == Ending::Succeeded, qPrintable(third.error.toString()));
}

QTEST_GUILESS_MAIN(TestRestoreSafety)
#include "TestRestoreSafety.moc"

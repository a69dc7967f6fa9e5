// Backup and restore against the real servers with the hostile fixture: what goes out
// comes back, table by table and value by value; the file replays line by line through
// the stock clients; restore stops at the first failing line and refuses another version.
#include "backup/BackupFiles.h"
#include "backup/BackupRestorer.h"
#include "backup/BackupVerifier.h"
#include "backup/BackupWriter.h"
#include "backup/PostgresCopy.h"
#include "BackupTestSupport.h"
#include "EngineRows.h"
#include "TestServers.h"

#include <QDir>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace omu;
using namespace omu::test;

namespace {

QString describe(const QMap<QString, QByteArray>& expected, const QMap<QString, QByteArray>& actual)
{
    QStringList lines;
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        if (actual.value(it.key()) != it.value())
            lines << QStringLiteral("%1: expected %2, got %3")
                         .arg(it.key(), QString::fromLatin1(it.value()),
                              QString::fromLatin1(actual.value(it.key(), "(missing)")));
    for (auto it = actual.cbegin(); it != actual.cend(); ++it)
        if (!expected.contains(it.key()))
            lines << QStringLiteral("%1: not expected").arg(it.key());
    return lines.join(QLatin1Char('\n'));
}

// Replaces line `number` (1-based) of a file.
QByteArray replaceLine(const QByteArray& content, int number, const QByteArray& replacement)
{
    QList<QByteArray> lines = content.split('\n');
    lines[number - 1] = replacement;
    return lines.join('\n');
}

int modeOf(const QString& path)
{
    struct stat info
    {
    };
    return ::stat(path.toLocal8Bit().constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}

int lineNumberOf(const QByteArray& content, const QByteArray& start, int occurrence)
{
    const QList<QByteArray> lines = content.split('\n');
    int seen = 0;
    for (int i = 0; i < lines.size(); ++i)
        if (lines.at(i).startsWith(start) && ++seen == occurrence)
            return i + 1;
    return -1;
}

} // namespace

class TestBackupRoundTrip : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTripRestoresEveryTableByContent_data() { addEngineRows(); }
    void roundTripRestoresEveryTableByContent();
    void eachLineRunsOnItsOwnInTheClient_data() { addEngineRows(); }
    void eachLineRunsOnItsOwnInTheClient();
    void restoreStopsAtTheFirstFailingLine_data() { addEngineRows(); }
    void restoreStopsAtTheFirstFailingLine();
    void restoreRefusesAnotherVersionUnlessForced_data() { addEngineRows(); }
    void restoreRefusesAnotherVersionUnlessForced();
    void restoreRefusesADamagedFile_data() { addEngineRows(); }
    void restoreRefusesADamagedFile();
    void awkwardTypesAndKeysComeBackExactly_data()
    {
        addEngineRows();
        // The reader used when the MySQL client library cannot be reached directly.
        QTest::newRow("mariadb-keyset") << Engine::MySql;
    }
    void awkwardTypesAndKeysComeBackExactly();
    void copyRowsConvertPlainLiteralsOnly();
};

void TestBackupRoundTrip::initTestCase()
{
    for (const Engine engine : {Engine::MySql, Engine::Postgres})
        if (!TestServers::admin(engine))
            QFAIL(qPrintable(TestServers::unavailableMessage(engine)));
}

void TestBackupRoundTrip::roundTripRestoresEveryTableByContent()
{
    QFETCH(Engine, engine);
    RoundTrip trip(engine); // the target: same shape, other content
    QString error;
    QVERIFY2(trip.prepare({30, 1}, {4, 99}, QStringLiteral("roundtrip.sql"), &error),
             qPrintable(error));
    const auto& [source, target, folder, file] = trip;
    const auto expected = contentDigests(engine, source.name());
    QVERIFY(expected.size() >= 20);
    QVERIFY2(contentDigests(engine, target.name()) != expected, "the target must start different");
    QCOMPARE(modeOf(file), 0600); // the database holds secrets
    QCOMPARE(modeOf(BackupFiles::manifestPath(file)), 0600);

    const VerifyReport quick = BackupVerifier::quick(file);
    QVERIFY2(quick.verified, qPrintable(quick.problems.join(QLatin1Char('\n'))));
    QCOMPARE(quick.tables, int(expected.size()));

    // Deep: replayed into a scratch copy of the source's tables and compared; the copy goes.
    const QString scratch = TestServers::uniqueName(QStringLiteral("omu_scratch"));
    const VerifyReport deep = BackupVerifier::deep(source.profile(), file, scratch);
    QVERIFY2(deep.deep && deep.verified,
             qPrintable(deep.error.toString() + deep.problems.join(QLatin1Char('\n'))));
    QSqlDatabase db = TestServers::open(engine, source.name(), &error);
    QVERIFY2(db.isOpen(), qPrintable(error));
    {
        QSqlQuery query(db);
        QVERIFY(query.exec(
            engine == Engine::MySql
                ? QStringLiteral("SELECT COUNT(*) FROM information_schema.SCHEMATA "
                                 "WHERE SCHEMA_NAME = '%1'")
                      .arg(scratch)
                : QStringLiteral("SELECT COUNT(*) FROM pg_namespace WHERE nspname = '%1'")
                      .arg(scratch)));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 0);
    }
    const QString connection = db.connectionName();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(connection);
    QCOMPARE(contentDigests(engine, source.name()), expected); // the source was not touched

    const RestoreOutcome restored =
        BackupRestorer::restore(target.profile(), file, RestoreOptions{});
    QVERIFY2(restored.ending == Ending::Succeeded, qPrintable(restored.error.toString()));
    QVERIFY(restored.fileVerified);
    QCOMPARE(restored.rows, quick.rows);
    const auto actual = contentDigests(engine, target.name());
    QVERIFY2(actual == expected, qPrintable(describe(expected, actual)));

    // PostgreSQL loads the rows with COPY; the INSERTs as written give the same content.
    if (engine == Engine::Postgres) {
        qputenv("OMU_RESTORE_NO_COPY", "1");
        const RestoreOutcome inserted =
            BackupRestorer::restore(target.profile(), file, RestoreOptions{});
        qunsetenv("OMU_RESTORE_NO_COPY");
        QVERIFY2(inserted.ending == Ending::Succeeded, qPrintable(inserted.error.toString()));
        const auto again = contentDigests(engine, target.name());
        QVERIFY2(again == expected, qPrintable(describe(expected, again)));
    }
}

void TestBackupRoundTrip::copyRowsConvertPlainLiteralsOnly()
{
    QByteArray rows;
    QVERIFY(PostgresCopy::appendRows(
        rows, "(1, 'o''neil\\x', E'line\\none\\\\two\\ttab''q', NULL, -2.5e3, true), "
              "(2,'',E'')"));
    QCOMPARE(rows, QByteArray("1\to'neil\\\\x\tline\\none\\\\two\\ttab'q\t\\N\t-2.5e3\ttrue\n"
                              "2\t\t\n"));
    // Written as COPY ... TO writes them: backspace, form feed and vertical tab escaped.
    rows.clear();
    QVERIFY(PostgresCopy::appendRows(rows, "('bs\bff\fvt\v soh\x01')"));
    QCOMPARE(rows, QByteArray("bs\\bff\\fvt\\v soh\x01\n"));
    for (const char* refused : {"(X'00ff')", "(now())", "(1, 'cut", "(E'\\101')", "(1) junk",
                                "('a'::jsonb)", "('a')('b')", "('a'),"}) {
        QByteArray out;
        QVERIFY2(!PostgresCopy::appendRows(out, refused), refused);
    }
}

void TestBackupRoundTrip::eachLineRunsOnItsOwnInTheClient()
{
    QFETCH(Engine, engine);
    RoundTrip trip(engine, QStringLiteral("omu_bk_cli"));
    QString error;
    QVERIFY2(trip.prepare({8, 3}, {2, 77}, QStringLiteral("lines.sql"), &error), qPrintable(error));
    const auto& [source, target, folder, file] = trip;
    const QByteArray content = readFile(file);
    QVERIFY2(content.contains("o''neil''s"), "the hostile table name must be in the file");
    QVERIFY2(content.size() > 1024 * 1024, "the >1 MB document must be in the file");

    int lines = 0;
    QVERIFY2(runEachLineWithClient(engine, target.name(), file, &error, &lines), qPrintable(error));
    QCOMPARE(lines, int(content.count('\n')));
    const auto expected = contentDigests(engine, source.name());
    const auto actual = contentDigests(engine, target.name());
    QVERIFY2(actual == expected, qPrintable(describe(expected, actual)));
}

void TestBackupRoundTrip::restoreStopsAtTheFirstFailingLine()
{
    QFETCH(Engine, engine);
    RoundTrip trip(engine);
    QString error;
    QVERIFY2(trip.prepare({10, 5}, {3, 6}, QStringLiteral("good.sql"), &error), qPrintable(error));
    const auto& [source, target, folder, file] = trip;

    // A copy without manifest (as OpenMetadata's own backup comes) whose 4th row of
    // entity_relationship cannot be inserted.
    const QByteArray content = readFile(file);
    const int bad = lineNumberOf(content, "INSERT INTO entity_relationship ", 4);
    QVERIFY(bad > 0);
    const QString broken = folder.filePath(QStringLiteral("broken.sql"));
    QVERIFY(writeFile(
        broken,
        replaceLine(content, bad, "INSERT INTO entity_relationship VALUES ('only one value');")));
    const auto before = contentDigests(engine, target.name());

    RestoreOptions options;
    options.backupVersion = QStringLiteral("1.1.5"); // no manifest: the admin says which
    const RestoreOutcome stopped = BackupRestorer::restore(target.profile(), broken, options);
    QCOMPARE(int(stopped.ending), int(Ending::Failed));
    QVERIFY2(stopped.error.message.contains(QStringLiteral("line %1").arg(bad)),
             qPrintable(stopped.error.toString()));
    QVERIFY(stopped.error.advice.contains(QStringLiteral("only one value")));
    QCOMPARE(stopped.failures.size(), 1);
    QCOMPARE(stopped.failures.first().line, qint64(bad));
    QVERIFY(stopped.notes.join(QLatin1Char(' ')).contains(QStringLiteral("cannot be verified")));
    // Every line before it applied, nothing after it.
    QCOMPARE(stopped.rowsPerTable.value(QStringLiteral("entity_relationship")), qint64(3));
    const auto after = contentDigests(engine, target.name());
    QVERIFY(after.value(QStringLiteral("entity_relationship")).startsWith("3 rows"));
    QCOMPARE(after.value(QStringLiteral("user_entity")),
             before.value(QStringLiteral("user_entity")));
    const auto expected = contentDigests(engine, source.name());
    QCOMPARE(after.value(QStringLiteral("bot_entity")),
             expected.value(QStringLiteral("bot_entity")));

    // --continue-on-error: every other line runs, the one failure is counted.
    RestoreOptions keepGoing = options;
    keepGoing.continueOnError = true;
    const RestoreOutcome all = BackupRestorer::restore(target.profile(), broken, keepGoing);
    QCOMPARE(int(all.ending), int(Ending::Failed));
    QCOMPARE(all.failedStatements, qint64(1));
    QCOMPARE(all.failures.first().line, qint64(bad));
    const auto restored = contentDigests(engine, target.name());
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        if (it.key() == QLatin1String("entity_relationship"))
            continue;
        QCOMPARE(restored.value(it.key()), it.value());
    }
    const qint64 relationships =
        expected.value(QStringLiteral("entity_relationship")).split(' ').first().toLongLong();
    QVERIFY(restored.value(QStringLiteral("entity_relationship"))
                .startsWith(QByteArray::number(relationships - 1) + " rows"));
}

void TestBackupRoundTrip::restoreRefusesAnotherVersionUnlessForced()
{
    QFETCH(Engine, engine);
    RoundTrip trip(engine);
    QString error;
    QVERIFY2(trip.prepare({5, 5}, {3, 6}, QStringLiteral("v115.sql"), &error), qPrintable(error));
    const auto& [source, target, folder, file] = trip;
    const QString changeLog = engine == Engine::MySql ? QStringLiteral("SERVER_CHANGE_LOG")
                                                      : QStringLiteral("server_change_log");
    QVERIFY2(
        TestServers::exec(engine, target.name(),
                          QStringLiteral("INSERT INTO %1 (version, migrationFileName, checksum) "
                                         "VALUES ('1.2.0', 'x', 'y')")
                              .arg(changeLog),
                          &error),
        qPrintable(error));
    const auto before = contentDigests(engine, target.name());

    const RestoreOutcome refused =
        BackupRestorer::restore(target.profile(), file, RestoreOptions{});
    QCOMPARE(int(refused.ending), int(Ending::Failed));
    QVERIFY2(refused.error.message.contains(QStringLiteral("1.1.5")) &&
                 refused.error.message.contains(QStringLiteral("1.2.0")),
             qPrintable(refused.error.toString()));
    QVERIFY(refused.error.advice.contains(QStringLiteral("--force")));
    QCOMPARE(refused.statements, qint64(0));
    QCOMPARE(contentDigests(engine, target.name()), before);

    RestoreOptions forced;
    forced.force = true;
    const RestoreOutcome done = BackupRestorer::restore(target.profile(), file, forced);
    QVERIFY2(done.ending == Ending::Succeeded, qPrintable(done.error.toString()));
    QVERIFY(done.notes.join(QLatin1Char(' ')).contains(QStringLiteral("forced")));
    QCOMPARE(contentDigests(engine, target.name()), contentDigests(engine, source.name()));
}

void TestBackupRoundTrip::restoreRefusesADamagedFile()
{
    QFETCH(Engine, engine);
    RoundTrip trip(engine);
    QString error;
    QVERIFY2(trip.prepare({5, 5}, {3, 6}, QStringLiteral("damaged.sql"), &error),
             qPrintable(error));
    const auto& [source, target, folder, file] = trip;
    QByteArray content = readFile(file);
    const qsizetype at = content.indexOf("INSERT INTO table_entity") + 60;
    content[at] = content.at(at) == 'a' ? 'b' : 'a';
    QVERIFY(writeFile(file, content));
    const auto before = contentDigests(engine, target.name());

    const RestoreOutcome refused =
        BackupRestorer::restore(target.profile(), file, RestoreOptions{});
    QCOMPARE(int(refused.ending), int(Ending::Failed));
    QVERIFY2(refused.error.message.contains(QStringLiteral("table_entity")),
             qPrintable(refused.error.toString()));
    QCOMPARE(contentDigests(engine, target.name()), before);
}

// Beyond OpenMetadata's own tables: every kind of value a release might add, keys with
// NULLs (which repeat in a unique key), and a table with no key at all, each bigger than
// one MySQL chunk, so every row must be read exactly once and come back unchanged.
void TestBackupRoundTrip::awkwardTypesAndKeysComeBackExactly()
{
    QFETCH(Engine, engine);
    const bool keyset = QByteArray(QTest::currentDataTag()).endsWith("keyset");
    if (keyset)
        qputenv("OMU_MYSQL_KEYSET", "1");
    const auto restoreReader = qScopeGuard([] { qunsetenv("OMU_MYSQL_KEYSET"); });
    ScratchDatabase source(engine, QStringLiteral("omu_bk_types"));
    ScratchDatabase target(engine, QStringLiteral("omu_bk_types"));
    QVERIFY2(source.ok() && target.ok(), qPrintable(source.error() + target.error()));
    QStringList ddl;
    if (engine == Engine::MySql) {
        ddl << QStringLiteral(
                   "CREATE TABLE typed (id BINARY(4) PRIMARY KEY, d DATETIME(6), t TIME(3), "
                   "y YEAR, n DECIMAL(30,10), f DOUBLE, u BIGINT UNSIGNED, b BLOB, "
                   "e ENUM('x','y z'), j JSON, s TEXT, g INT GENERATED ALWAYS AS (LENGTH(s)) "
                   "VIRTUAL)")
            << QStringLiteral(
                   "CREATE TABLE nullkey (a INT NULL, b VARCHAR(10) NULL, v INT NOT NULL, "
                   "UNIQUE KEY ab (a, b))")
            << QStringLiteral("CREATE TABLE nokey (a INT, s VARCHAR(20))");
    } else {
        ddl << QStringLiteral("CREATE TABLE typed (id BYTEA PRIMARY KEY, d TIMESTAMPTZ, t TIME, "
                              "i INTERVAL, n NUMERIC(30,10), f DOUBLE PRECISION, u BIGINT, "
                              "b BOOLEAN, a TEXT[], j JSON, jb JSONB, s TEXT, uu UUID, "
                              "g INT GENERATED ALWAYS AS (length(s)) STORED)")
            << QStringLiteral(
                   "CREATE TABLE nullkey (a INT NULL, b VARCHAR(10) NULL, v INT NOT NULL, "
                   "UNIQUE (a, b))")
            << QStringLiteral("CREATE TABLE nokey (a INT, s VARCHAR(20))");
    }
    QString error;
    for (const ScratchDatabase* database : {&source, &target})
        for (const QString& statement : ddl)
            QVERIFY2(TestServers::exec(engine, database->name(), statement, &error),
                     qPrintable(error));
    QStringList rows;
    if (engine == Engine::MySql) {
        rows << QString::fromUtf8(
            R"(INSERT INTO typed (id, d, t, y, n, f, u, b, e, j, s) VALUES )"
            R"((X'00000001', '2024-02-29 23:59:59.123456', '-838:59:59.000', 2024, )"
            R"('-12345678901234567890.0123456789', 0.1, 18446744073709551615, X'00FF0A0D5C27', )"
            R"('y z', '{"k": "line\\nbreak \\u00e9 \\ud83d\\ude00"}', )"
            R"('tab\there\r\nCRLF \\ back ''quote'' \Z end \0 nul 😀'), )"
            R"((X'FF000000', NULL, NULL, NULL, NULL, -1.7976931348623157e308, 0, '', NULL, NULL, ''))");
    } else {
        rows << QString::fromUtf8(
            R"(INSERT INTO typed (id, d, t, i, n, f, u, b, a, j, jb, s, uu) VALUES )"
            R"(('\x0001', '2024-02-29 23:59:59.123456+05:30', '23:59:59.999', )"
            R"('1 year 2 mons -3 days 04:05:06.789', '-12345678901234567890.0123456789', 0.1, )"
            R"(-9223372036854775808, true, ARRAY['a,b', 'c"d', NULL], E'{"k":\n  "pretty"}', )"
            R"('{"k": "esc\\n \u00e9"}', E'tab\there\r\nCRLF \\ back ''quote'' end', )"
            R"('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'), )"
            R"(('\xff', NULL, NULL, NULL, NULL, 'NaN', 0, false, '{}', NULL, NULL, '', NULL))");
    }
    // Duplicates under a unique key are only possible with a NULL in it: 250 of each.
    for (int i = 0; i < 250; ++i) {
        rows << QStringLiteral("INSERT INTO nullkey VALUES (NULL, NULL, %1)").arg(i)
             << QStringLiteral("INSERT INTO nullkey VALUES (1, NULL, %1)").arg(1000 + i)
             << QStringLiteral("INSERT INTO nullkey VALUES (%1, 'k', %2)").arg(i).arg(2000 + i)
             << QStringLiteral("INSERT INTO nokey VALUES (7, 'same')")
             << QStringLiteral("INSERT INTO nokey VALUES (%1, NULL)").arg(i % 3);
    }
    for (const QString& statement : std::as_const(rows))
        QVERIFY2(TestServers::exec(engine, source.name(), statement, &error), qPrintable(error));

    QTemporaryDir folder;
    BackupOptions options;
    options.folder = folder.path();
    options.fileName = QStringLiteral("types.sql");
    const BackupOutcome outcome = BackupWriter::run(source.profile(), options);
    QVERIFY2(outcome.ending == Ending::Succeeded, qPrintable(outcome.error.toString()));
    QVERIFY(outcome.notes.join(QLatin1Char(' ')).contains(QStringLiteral("SERVER_CHANGE_LOG")));
    const QByteArray content = readFile(outcome.file);
    QCOMPARE(content.count("INSERT INTO nullkey "), qsizetype(750));
    QCOMPARE(content.count("INSERT INTO nokey "), qsizetype(500));
    QVERIFY(!content.contains("INSERT INTO typed VALUES")); // a generated column: a column list
    for (int v : {0, 249, 1000, 1249, 2000, 2249})          // each row once
        QCOMPARE(content.count(QStringLiteral(",'%1');").arg(v).toUtf8()), qsizetype(1));

    const RestoreOutcome restored =
        BackupRestorer::restore(target.profile(), outcome.file, RestoreOptions{});
    QVERIFY2(restored.ending == Ending::Succeeded, qPrintable(restored.error.toString()));
    const auto expected = contentDigests(engine, source.name());
    const auto actual = contentDigests(engine, target.name());
    QVERIFY2(actual == expected, qPrintable(describe(expected, actual)));
    // The typed rows also line by line through the stock client, as OpenMetadata's restore
    // would run them.
    ScratchDatabase client(engine, QStringLiteral("omu_bk_types"));
    for (const QString& statement : ddl)
        QVERIFY2(TestServers::exec(engine, client.name(), statement, &error), qPrintable(error));
    QByteArray typedLines;
    for (const QByteArray& line : content.split('\n'))
        if (line.startsWith("TRUNCATE TABLE typed;") || line.startsWith("INSERT INTO typed "))
            typedLines += line + '\n';
    QCOMPARE(typedLines.count('\n'), qsizetype(3));
    const QString typedFile = folder.filePath(QStringLiteral("typed.sql"));
    QVERIFY(writeFile(typedFile, typedLines));
    QVERIFY2(runEachLineWithClient(engine, client.name(), typedFile, &error), qPrintable(error));
    QCOMPARE(contentDigests(engine, client.name()).value(QStringLiteral("typed")),
             expected.value(QStringLiteral("typed")));
}

QTEST_GUILESS_MAIN(TestBackupRoundTrip)
#include "TestBackupRoundTrip.moc"

// Statement identity as OpenMetadata computes it: its MigrationFile splits each migration
// file with Flyway 9.22's MySQLParser / PostgreSQLParser and keys SERVER_MIGRATION_SQL_LOGS
// by the MD5 of each statement's getSql(). The rules below are Flyway's (read in
// flyway-core's Parser, Recorder, RecordingReader, ParsedSqlStatement, MySQLParser and
// PostgreSQLParser); the files under tests/data/migration/flyway-rules are shaped like
// OpenMetadata's migration files, and their expected texts were written out by hand. The
// fake release's own splitter (Python, built another way) is held to the same texts.
#include "FakeDistribution.h"
#include "migration/SqlScriptSplitter.h"
#include "TestData.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace omu;
using namespace omu::test;

class TestSqlStatements : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filesShapedLikeOpenMetadatasSplitAsFlywayDoes_data();
    void filesShapedLikeOpenMetadatasSplitAsFlywayDoes();
    void theFakeReleaseSplitsTheSameWay_data();
    void theFakeReleaseSplitsTheSameWay();
    void rules_data();
    void rules();
    void refusesWhatFlywayRefuses();
    void checksumIsMd5OfTheUtf8Text();
};

namespace {

QString readText(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return QString::fromUtf8(file.readAll());
}

QJsonObject expected(const QString& engine)
{
    return QJsonDocument::fromJson(
               readText(
                   dataPath(QStringLiteral("migration/flyway-rules/%1.expected.json").arg(engine)))
                   .toUtf8())
        .object();
}

void engineRows()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("mysql") << QStringLiteral("mysql");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

} // namespace

void TestSqlStatements::filesShapedLikeOpenMetadatasSplitAsFlywayDoes_data()
{
    engineRows();
}

void TestSqlStatements::filesShapedLikeOpenMetadatasSplitAsFlywayDoes()
{
    QFETCH(QString, engine);
    const QString script =
        readText(dataPath(QStringLiteral("migration/flyway-rules/%1.sql").arg(engine)));
    const auto statements = SqlScriptSplitter::split(
        script, engine == QLatin1String("mysql") ? Engine::MySql : Engine::Postgres);
    const QJsonObject want = expected(engine);
    const QJsonArray texts = want.value(QStringLiteral("statements")).toArray();
    const QJsonArray lines = want.value(QStringLiteral("lines")).toArray();
    QCOMPARE(statements.size(), texts.size());
    for (qsizetype i = 0; i < statements.size(); ++i) {
        QCOMPARE(statements.at(i).text, texts.at(i).toString());
        QCOMPARE(statements.at(i).line, lines.at(i).toInt());
    }
}

void TestSqlStatements::theFakeReleaseSplitsTheSameWay_data()
{
    engineRows();
}

void TestSqlStatements::theFakeReleaseSplitsTheSameWay()
{
    QFETCH(QString, engine);
    // The fake's split_sql on the same file, through Python: an implementation of its own.
    QProcess python;
    python.start(
        QStringLiteral("python3"),
        {QStringLiteral("-c"),
         QStringLiteral("import importlib.util, json, sys\n"
                        "spec = importlib.util.spec_from_file_location('fake', sys.argv[1])\n"
                        "fake = importlib.util.module_from_spec(spec)\n"
                        "spec.loader.exec_module(fake)\n"
                        "text = open(sys.argv[2], encoding='utf-8').read()\n"
                        "print(json.dumps(fake.split_sql(text, sys.argv[3] == 'mysql')))\n"),
         FakeDistribution::sourceFolder() + QStringLiteral("/fake_openmetadata.py"),
         dataPath(QStringLiteral("migration/flyway-rules/%1.sql").arg(engine)), engine});
    QVERIFY(python.waitForFinished(30'000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const QJsonArray split = QJsonDocument::fromJson(python.readAllStandardOutput()).array();
    QCOMPARE(split, expected(engine).value(QStringLiteral("statements")).toArray());
}

void TestSqlStatements::rules_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("script");
    QTest::addColumn<QStringList>("statements");
    const QString m = QStringLiteral("mysql");
    const QString p = QStringLiteral("postgres");
    QTest::newRow("leading blanks dropped") << p << "\n\n   SELECT 1;" << QStringList{"SELECT 1"};
    QTest::newRow("comment right above kept")
        << p << "-- note\nSELECT 1;" << QStringList{"-- note\nSELECT 1"};
    QTest::newRow("comment on the same line kept")
        << p << "/* a */ SELECT 1;" << QStringList{"/* a */ SELECT 1"};
    QTest::newRow("blank line drops the comment")
        << p << "-- note\n\nSELECT 1;" << QStringList{"SELECT 1"};
    QTest::newRow("blank line with spaces drops the comment")
        << p << "-- note\n  \t\n SELECT 1;" << QStringList{"SELECT 1"};
    QTest::newRow("CRLF blank line drops the comment")
        << p << "-- note\r\n\r\nSELECT 1;" << QStringList{"SELECT 1"};
    QTest::newRow("whitespace before the delimiter kept")
        << p << "SELECT 1 \n;" << QStringList{"SELECT 1 \n"};
    QTest::newRow("blank lines inside kept") << p << "SELECT\n\n1;" << QStringList{"SELECT\n\n1"};
    QTest::newRow("trailing comment goes to the next statement")
        << p << "SELECT 1; -- one\nSELECT 2;" << QStringList{"SELECT 1", "-- one\nSELECT 2"};
    QTest::newRow("comment alone is no statement") << p << "SELECT 1;\n-- the end\n"
                                                   << QStringList{"SELECT 1"};
    QTest::newRow("empty statements skipped") << p << ";;SELECT 1;;" << QStringList{"SELECT 1"};
    QTest::newRow("last statement without delimiter keeps its newline")
        << p << "SELECT 1;\nSELECT 2\n"
        << QStringList{"SELECT 1", "SELECT 2\n"};
    QTest::newRow("delimiter inside parentheses")
        << p << "SELECT (1;2);" << QStringList{"SELECT (1;2)"};
    QTest::newRow("PostgreSQL block comments do not nest")
        << p << "/* a /* b */ SELECT 1;" << QStringList{"/* a /* b */ SELECT 1"};
    QTest::newRow("PostgreSQL dollar body")
        << p << "DO $$ BEGIN PERFORM 1; END $$;" << QStringList{"DO $$ BEGIN PERFORM 1; END $$"};
    QTest::newRow("PostgreSQL tagged dollar body")
        << p << "SELECT $x$a;$$;b$x$;" << QStringList{"SELECT $x$a;$$;b$x$"};
    QTest::newRow("PostgreSQL backslash is ordinary")
        << p << "SELECT 'a\\'; SELECT 2;" << QStringList{"SELECT 'a\\'", "SELECT 2"};
    QTest::newRow("PostgreSQL E string escapes")
        << p << "SELECT E'a\\';b'; SELECT 2;" << QStringList{"SELECT E'a\\';b'", "SELECT 2"};
    QTest::newRow("PostgreSQL hash is no comment")
        << p << "SELECT json #>> '{a}' FROM t;" << QStringList{"SELECT json #>> '{a}' FROM t"};
    QTest::newRow("MySQL hash comment") << m << "# c;\nSELECT 1;" << QStringList{"# c;\nSELECT 1"};
    QTest::newRow("MySQL -- needs no space")
        << m << "SELECT 1--1;\n;" << QStringList{"SELECT 1--1;\n"};
    QTest::newRow("MySQL backslash escapes") << m << "SELECT 'a\\';b'; SELECT \"c\\\";\";"
                                             << QStringList{"SELECT 'a\\';b'", "SELECT \"c\\\";\""};
    QTest::newRow("MySQL backtick names")
        << m << "SELECT `a;b``c` FROM t;" << QStringList{"SELECT `a;b``c` FROM t"};
    QTest::newRow("MySQL version comment is a statement")
        << m << "/*!40101 SET NAMES utf8mb4 */;" << QStringList{"/*!40101 SET NAMES utf8mb4 */"};
    QTest::newRow("MySQL DELIMITER lasts to the end")
        << m << "DELIMITER $$\nSELECT 1; SELECT 2$$\nSELECT 3$$"
        << QStringList{"SELECT 1; SELECT 2", "SELECT 3"};
    QTest::newRow("MySQL procedure body holds delimiters")
        << m << "CREATE PROCEDURE p() BEGIN SELECT 1; END;\nSELECT 2;"
        << QStringList{"CREATE PROCEDURE p() BEGIN SELECT 1; END", "SELECT 2"};
    QTest::newRow("MySQL BEGIN outside a program is a statement")
        << m << "BEGIN;\nSELECT 1;" << QStringList{"BEGIN", "SELECT 1"};
    QTest::newRow("MySQL CASE expression")
        << m << "UPDATE t SET a = CASE WHEN b THEN 1 ELSE 2 END;\nSELECT 1;"
        << QStringList{"UPDATE t SET a = CASE WHEN b THEN 1 ELSE 2 END", "SELECT 1"};
    QTest::newRow("BOM stripped") << p << "\xEF\xBB\xBFSELECT 1;" << QStringList{"SELECT 1"};
}

void TestSqlStatements::rules()
{
    QFETCH(QString, engine);
    QFETCH(QString, script);
    QFETCH(QStringList, statements);
    QStringList texts;
    for (const SqlStatement& statement : SqlScriptSplitter::split(
             script, engine == QLatin1String("mysql") ? Engine::MySql : Engine::Postgres))
        texts << statement.text;
    QCOMPARE(texts, statements);
}

void TestSqlStatements::refusesWhatFlywayRefuses()
{
    const auto changed =
        SqlScriptSplitter::parse(QStringLiteral("SELECT 1\nDELIMITER $$\n"), Engine::MySql);
    QVERIFY(!changed.ok());
    QVERIFY2(changed.error().message.contains(QStringLiteral("delimiter changed inside")),
             qPrintable(changed.error().message));
    const auto open = SqlScriptSplitter::parse(QStringLiteral("SELECT (1"), Engine::Postgres);
    QVERIFY(!open.ok());
    QVERIFY(open.error().message.contains(QStringLiteral("never closed")));
}

void TestSqlStatements::checksumIsMd5OfTheUtf8Text()
{
    // md5("SELECT 1"), as OpenMetadata keys SERVER_MIGRATION_SQL_LOGS.
    QCOMPARE(SqlScriptSplitter::checksum(QStringLiteral("SELECT 1")),
             QStringLiteral("b1698e52a0f16203489454196a0c6307"));
    // A comment is part of the text, so it changes the key.
    QVERIFY(SqlScriptSplitter::checksum(QStringLiteral("-- a\nSELECT 1")) !=
            SqlScriptSplitter::checksum(QStringLiteral("SELECT 1")));
    // UTF-8, not Latin-1: "é" hashes as its two bytes.
    QCOMPARE(SqlScriptSplitter::checksum(QStringLiteral("SELECT '\u00e9'")),
             QString::fromLatin1(
                 QCryptographicHash::hash("SELECT '\xc3\xa9'", QCryptographicHash::Md5).toHex()));
}

QTEST_GUILESS_MAIN(TestSqlStatements)
#include "TestSqlStatements.moc"

// The support report: built from a real upgrade's journal (written by the recorders), it
// lists every finding with its status, shows durations the tool measured (never time spent
// on a page), says which steps did not run, never calls a run the database contradicts a
// success, keeps no secret, and reads as words (no raw JSON, no exponent, no key names).
#include "backup/BackupRecorder.h"
#include "journal/UpgradeJournal.h"
#include "migration/MigrationLogParser.h"
#include "report/HumanUnits.h"
#include "report/UpgradeReport.h"
#include "ReportSample.h"
#include "TestData.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace omu;
using omu::test::ReportSample;

namespace {

struct Built
{
    QJsonObject json;
    QString html;
    QString jsonText;
};

Built build(const ReportSample& sample, const QString& folder)
{
    const auto report = sample.writeReport(folder);
    if (!report)
        qFatal("%s", qPrintable(report.error().toString()));
    QFile html(report->files.htmlFile);
    QFile json(report->files.jsonFile);
    html.open(QIODevice::ReadOnly);
    json.open(QIODevice::ReadOnly);
    return {report->json, QString::fromUtf8(html.readAll()), QString::fromUtf8(json.readAll())};
}

QJsonObject section(const QJsonObject& report, const QString& id)
{
    for (const QJsonValue& value : report.value(QStringLiteral("sections")).toArray())
        if (value.toObject().value(QStringLiteral("id")).toString() == id)
            return value.toObject();
    return {};
}

QString rowValue(const QJsonObject& section, const QString& label)
{
    for (const QJsonValue& row : section.value(QStringLiteral("rows")).toArray())
        if (row.toObject().value(QStringLiteral("label")).toString() == label)
            return row.toObject().value(QStringLiteral("value")).toString();
    return {};
}

// The cells of the first table row whose first cell is `first` (or that contains it).
QStringList tableRow(const QJsonObject& section, const QString& containing)
{
    for (const QJsonValue& table : section.value(QStringLiteral("tables")).toArray())
        for (const QJsonValue& row : table.toObject().value(QStringLiteral("rows")).toArray()) {
            QStringList cells;
            for (const QJsonValue& cell : row.toArray())
                cells << cell.toString();
            for (const QString& cell : cells)
                if (cell.contains(containing))
                    return cells;
        }
    return {};
}

// What a reader sees: the page without its style sheet, the log's verbatim lines and tags.
QString visibleText(QString html)
{
    html.remove(QRegularExpression(QStringLiteral("<style>.*</style>"),
                                   QRegularExpression::DotMatchesEverythingOption));
    html.remove(QRegularExpression(QStringLiteral("<pre class=\"log\">.*?</pre>"),
                                   QRegularExpression::DotMatchesEverythingOption));
    html.replace(QRegularExpression(QStringLiteral("<[^>]*>")), QStringLiteral(" "));
    return html;
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void upgradeReadsAsWords();
    void everyFindingWithItsStatus();
    void durationsAreTheToolsNotThePages();
    void aSuccessTheDatabaseDeniesIsNotCalledOne();
    void stepsThatDidNotRunSaySo();
    void connectionShowsOriginsNeverThePassword();
    void restoreAfterTheMigrationIsShown();
    void rollbackStepIsShown();
    void journalOfRelease010StillReads();
    void logLinesAreTimedByTheirOwnStamps();
    void humanUnits();

private:
    QTemporaryDir m_dir;
    int m_case = 0;
    QString nextFolder() { return m_dir.filePath(QString::number(++m_case)); }
};

void TestReport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCoreApplication::setApplicationVersion(QStringLiteral("9.8.7"));
}

void TestReport::upgradeReadsAsWords()
{
    const QString folder = nextFolder();
    const ReportSample sample = ReportSample::write(folder);
    const Built report = build(sample, folder);

    const QJsonObject summary = report.json.value(QStringLiteral("summary")).toObject();
    QCOMPARE(summary.value(QStringLiteral("verdict")).toString(), QStringLiteral("upgraded"));
    QCOMPARE(summary.value(QStringLiteral("from")).toString(), QStringLiteral("1.1.5"));
    QCOMPARE(summary.value(QStringLiteral("to")).toString(), QStringLiteral("1.2.0"));
    QVERIFY(report.html.contains(QStringLiteral("Upgraded to 1.2.0: the database records it.")));
    QVERIFY(report.html.contains(QStringLiteral("1.1.5 \u2192 1.2.0")));
    QVERIFY(report.html.contains(QStringLiteral("mysql.prod.internal:3306 (MySQL / MariaDB)")));
    QVERIFY(report.html.contains(QStringLiteral("omupgrade 9.8.7")));
    // The summary comes first: before any section.
    QVERIFY(report.html.indexOf(QStringLiteral("id=\"summary\"")) <
            report.html.indexOf(QStringLiteral("<section class=\"card\"")));

    // Human units, and nothing of the journal's shape.
    const QJsonObject backup = section(report.json, QStringLiteral("backup"));
    QCOMPARE(rowValue(backup, QStringLiteral("Size")), QStringLiteral("4.1 MB"));
    QCOMPARE(rowValue(backup, QStringLiteral("Rows")), QStringLiteral("48,213"));
    QVERIFY(rowValue(backup, QStringLiteral("Verified how")).contains(QStringLiteral("scratch")));
    const QJsonObject tuning = section(report.json, QStringLiteral("tuning"));
    QCOMPARE(rowValue(tuning, QStringLiteral("Before")), QStringLiteral("256 kB (262144)"));
    QCOMPARE(rowValue(tuning, QStringLiteral("Raised to")), QStringLiteral("20 MB (20971520)"));
    QCOMPARE(tuning.value(QStringLiteral("stateText")).toString(), QStringLiteral("put back"));
    for (const QString& text : {report.html, report.jsonText})
        QVERIFY2(!text.contains(QStringLiteral("e+0")) && !text.contains(QStringLiteral("e+1")),
                 "a number written with an exponent");
    QString visible = visibleText(report.html);
    QVERIFY2(!visible.contains(QLatin1Char('{')) && !visible.contains(QLatin1Char('}')),
             qPrintable(visible));
    // camelCase is how the journal spells keys; a reader never sees one. The JDBC
    // parameters are the admin's own text, shown as written.
    const QString jdbc =
        tableRow(section(report.json, QStringLiteral("connection")), QStringLiteral("JDBC"))
            .value(1);
    QVERIFY(jdbc.contains(QStringLiteral("serverTimezone=UTC")));
    visible.remove(jdbc.toHtmlEscaped());
    // Paths (a temporary folder's random name) are shown as code, not words.
    QString words = report.html;
    words.remove(QRegularExpression(QStringLiteral("<span class=\"code\">[^<]*</span>")));
    words = visibleText(words);
    words.remove(jdbc.toHtmlEscaped());
    const QRegularExpression camel(QStringLiteral("\\b[a-z]{2,}[A-Z][a-z]+"));
    const auto match = camel.match(words);
    QVERIFY2(!match.hasMatch(), qPrintable(match.captured()));
    QVERIFY(!visible.contains(QStringLiteral("true")) &&
            !visible.contains(QStringLiteral("false")));

    // Every After check ran and says so.
    const QJsonObject after = section(report.json, QStringLiteral("after"));
    QCOMPARE(after.value(QStringLiteral("state")).toString(), QStringLiteral("done"));
    QCOMPARE(tableRow(after, QStringLiteral("new server")).value(1), QStringLiteral("passed"));
    QVERIFY(tableRow(after, QStringLiteral("Ingestion"))
                .value(2)
                .contains(QStringLiteral("openmetadata-ingestion[mysql,snowflake]==1.2.0")));
    // The log's tail, as the tool printed it.
    const QJsonArray lines =
        section(report.json, QStringLiteral("log")).value(QStringLiteral("lines")).toArray();
    QVERIFY(!lines.isEmpty());
    QVERIFY(lines.at(lines.size() - 2).toString().startsWith(QStringLiteral("| 1.2.0")));
    // No rollback happened: no such section.
    QVERIFY(section(report.json, QStringLiteral("rollback")).isEmpty());
}

void TestReport::everyFindingWithItsStatus()
{
    const QString folder = nextFolder();
    const ReportSample sample = ReportSample::write(folder);
    const Built report = build(sample, folder);
    const QJsonObject review = section(report.json, QStringLiteral("review"));
    QCOMPARE(sample.findingTitles.size(), 5);
    for (const QString& title : sample.findingTitles) {
        QVERIFY2(report.html.contains(title.toHtmlEscaped()), qPrintable(title));
        QVERIFY2(!tableRow(review, title).isEmpty(), qPrintable(title));
    }
    QCOMPARE(tableRow(review, QStringLiteral("secrets manager noop")).value(2),
             QStringLiteral("fixed"));
    QCOMPARE(tableRow(review, QStringLiteral("reach no database service")).value(2),
             QStringLiteral("acknowledged"));
    QCOMPARE(tableRow(review, QStringLiteral("Elasticsearch 7.16")).value(2),
             QStringLiteral("open"));
    QCOMPARE(tableRow(review, QStringLiteral("Reindex search")).value(0),
             QStringLiteral("notice (check by hand)"));
    QVERIFY(tableRow(review, QStringLiteral("secrets manager noop"))
                .value(1)
                .endsWith(QStringLiteral("\nin /etc/openmetadata/openmetadata.yaml:211")));
    // The counts are those of the list: no number the table contradicts.
    QCOMPARE(rowValue(review, QStringLiteral("Found")),
             QStringLiteral("1 blocker(s), 2 warning(s), 2 notice(s), 1 of them to check by hand"));
    QCOMPARE(review.value(QStringLiteral("stateText")).toString(),
             QStringLiteral("3 open, none blocking, 1 check(s) could not run"));
    QVERIFY(review.value(QStringLiteral("text"))
                .toString()
                .contains(QStringLiteral("5 finding(s): 1 fixed, 1 acknowledged, 3 open")));
    // A check that could not run is listed, not hidden.
    QVERIFY(tableRow(review, QStringLiteral("ingestion-workflows"))
                .value(1)
                .contains(QStringLiteral("no ingestion workflow folder")));
    QCOMPARE(review.value(QStringLiteral("state")).toString(), QStringLiteral("attention"));
}

void TestReport::durationsAreTheToolsNotThePages()
{
    const QString folder = nextFolder();
    const ReportSample sample = ReportSample::write(folder);
    // The admin spent 107 s on every page: the journal's times say so, the report must not.
    const UpgradeJournal journal = UpgradeJournal::forDeployment(sample.profile, folder);
    QFile file(journal.path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    file.close();
    QByteArray stretched;
    const QDateTime start =
        QDateTime::fromString(QStringLiteral("2026-12-06T10:15:00.000Z"), Qt::ISODateWithMs);
    int index = 0;
    for (const QByteArray& line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonObject entry = QJsonDocument::fromJson(line).object();
        entry.insert(QStringLiteral("time"),
                     start.addSecs(107 * index++).toString(Qt::ISODateWithMs));
        stretched += QJsonDocument(entry).toJson(QJsonDocument::Compact) + '\n';
    }
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(stretched);
    file.close();

    const Built report = build(sample, folder);
    QCOMPARE(rowValue(section(report.json, QStringLiteral("backup")), QStringLiteral("Took")),
             QStringLiteral("0.3 s"));
    const QJsonObject migration = section(report.json, QStringLiteral("migration"));
    QCOMPARE(rowValue(migration, QStringLiteral("Took")), QStringLiteral("6.8 s"));
    // Per version, from the tool's own time stamps.
    QCOMPARE(tableRow(migration, QStringLiteral("1.1.6")).value(2), QStringLiteral("0.8 s"));
    QCOMPARE(tableRow(migration, QStringLiteral("1.2.0")).value(2), QStringLiteral("3.2 s"));
    QCOMPARE(tableRow(migration, QStringLiteral("1.2.0")).value(1),
             QStringLiteral("applied (recorded in SERVER_CHANGE_LOG)"));
    const QJsonObject summary = report.json.value(QStringLiteral("summary")).toObject();
    QCOMPARE(summary.value(QStringLiteral("duration")).toString(),
             QStringLiteral("Migration 6.8 s, backup 0.3 s"));
    for (int pages = 1; pages < 12; ++pages)
        QVERIFY(!visibleText(report.html).contains(HumanUnits::duration(107 * pages)));
}

void TestReport::aSuccessTheDatabaseDeniesIsNotCalledOne()
{
    const QString folder = nextFolder();
    const ReportSample sample = ReportSample::write(folder, ReportSample::Ending::NotConfirmed);
    const Built report = build(sample, folder);
    const QJsonObject summary = report.json.value(QStringLiteral("summary")).toObject();
    QCOMPARE(summary.value(QStringLiteral("verdict")).toString(), QStringLiteral("not-confirmed"));
    QCOMPARE(summary.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    const QString visible = visibleText(report.html);
    for (const QString& word : {QStringLiteral("succeeded"), QStringLiteral("Upgraded"),
                                QStringLiteral("completed, confirmed")})
        QVERIFY2(!visible.contains(word), qPrintable(word));
    const QJsonObject migration = section(report.json, QStringLiteral("migration"));
    QCOMPARE(migration.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    QCOMPARE(migration.value(QStringLiteral("stateText")).toString(),
             QStringLiteral("not confirmed by the database"));
    QCOMPARE(tableRow(migration, QStringLiteral("1.2.0")).value(1),
             QStringLiteral("the tool reported success, but SERVER_CHANGE_LOG does not record it"));
    QCOMPARE(tableRow(migration, QStringLiteral("1.1.6")).value(1),
             QStringLiteral("applied (recorded in SERVER_CHANGE_LOG)"));
    const QJsonObject after = section(report.json, QStringLiteral("after"));
    QCOMPARE(tableRow(after, QStringLiteral("records the target")).value(1),
             QStringLiteral("failed"));
    QCOMPARE(tableRow(after, QStringLiteral("new server")).value(1), QStringLiteral("not run"));
    // The raised tuning is still there, and the summary says so.
    QCOMPARE(section(report.json, QStringLiteral("tuning"))
                 .value(QStringLiteral("stateText"))
                 .toString(),
             QStringLiteral("still raised"));
    QVERIFY(summary.value(QStringLiteral("attention"))
                .toArray()
                .contains(QStringLiteral("Sort memory tuning: still raised")));
}

void TestReport::stepsThatDidNotRunSaySo()
{
    const QString folder = nextFolder();
    const ReportSample sample = ReportSample::write(folder, ReportSample::Ending::BackupOnly);
    const Built report = build(sample, folder);
    QCOMPARE(report.json.value(QStringLiteral("summary"))
                 .toObject()
                 .value(QStringLiteral("verdict"))
                 .toString(),
             QStringLiteral("not-migrated"));
    for (const char* id : {"tuning", "review", "migration", "after", "log"}) {
        const QJsonObject step = section(report.json, QLatin1String(id));
        QCOMPARE(step.value(QStringLiteral("state")).toString(), QStringLiteral("not-run"));
        QVERIFY2(!step.value(QStringLiteral("text")).toString().isEmpty(), id);
    }
    QVERIFY(section(report.json, QStringLiteral("migration"))
                .value(QStringLiteral("text"))
                .toString()
                .startsWith(QStringLiteral("The migration did not run")));
    QVERIFY(report.json.value(QStringLiteral("summary"))
                .toObject()
                .value(QStringLiteral("duration"))
                .toString()
                .startsWith(QStringLiteral("Migration: not run, backup 0.3 s")));
    QVERIFY(report.html.contains(QStringLiteral("did not run")));
}

void TestReport::connectionShowsOriginsNeverThePassword()
{
    const QString folder = nextFolder();
    const ReportSample sample = ReportSample::write(folder);
    const Built report = build(sample, folder);
    const QJsonObject connection = section(report.json, QStringLiteral("connection"));
    QCOMPARE(tableRow(connection, QStringLiteral("mysql.prod.internal")).value(2),
             QStringLiteral("typed in the wizard"));
    QVERIFY(tableRow(connection, QStringLiteral("openmetadata_user"))
                .value(2)
                .contains(QStringLiteral("env-mysql")));
    QCOMPARE(tableRow(connection, QStringLiteral("Password")).value(1),
             QStringLiteral("set (not shown in this report)"));
    for (const QString& text : {report.html, report.jsonText})
        QVERIFY(!text.contains(ReportSample::password()));
    // The command keeps the password's name, never its value.
    QVERIFY(rowValue(section(report.json, QStringLiteral("migration")), QStringLiteral("Command"))
                .startsWith(QStringLiteral("DB_USER_PASSWORD=*** ")));
}

void TestReport::restoreAfterTheMigrationIsShown()
{
    const QString folder = nextFolder();
    const ReportSample sample = ReportSample::write(folder, ReportSample::Ending::NotConfirmed);
    QVERIFY(BackupRecorder(sample.profile, folder)
                .restored(QStringLiteral("/b/openmetadata_db-1.1.5.sql"), 48213, true,
                          QStringLiteral("1.1.5"))
                .ok());
    const Built report = build(sample, folder);
    QCOMPARE(report.json.value(QStringLiteral("summary"))
                 .toObject()
                 .value(QStringLiteral("verdict"))
                 .toString(),
             QStringLiteral("rolled-back"));
    const QJsonObject rollback = section(report.json, QStringLiteral("rollback"));
    QVERIFY(!rollback.isEmpty());
    QVERIFY(tableRow(rollback, QStringLiteral("backup restored"))
                .value(2)
                .contains(QStringLiteral("48,213 rows, file verified first; the database is back "
                                         "at OpenMetadata 1.1.5")));
}

void TestReport::rollbackStepIsShown()
{
    // As core/rollback's recorder writes them (core/journal/JOURNAL.md, step "rollback").
    const QString folder = nextFolder();
    const ReportSample sample = ReportSample::write(folder, ReportSample::Ending::NotConfirmed);
    UpgradeJournal journal = UpgradeJournal::forDeployment(sample.profile, folder);
    const QString scratch = QStringLiteral("openmetadata_db_omu_old");
    QVERIFY(journal
                .append(QStringLiteral("rollback"), QStringLiteral("started"),
                        {{QStringLiteral("file"), QStringLiteral("/b/openmetadata_db-1.1.5.sql")},
                         {QStringLiteral("to"), QStringLiteral("1.1.5")},
                         {QStringLiteral("from"), QStringLiteral("1.2.0")},
                         {QStringLiteral("scratch"), scratch},
                         {QStringLiteral("by"), QStringLiteral("wizard")}})
                .ok());
    Built report = build(sample, folder);
    QCOMPARE(report.json.value(QStringLiteral("summary"))
                 .toObject()
                 .value(QStringLiteral("verdict"))
                 .toString(),
             QStringLiteral("rollback-interrupted"));
    QCOMPARE(section(report.json, QStringLiteral("rollback"))
                 .value(QStringLiteral("stateText"))
                 .toString(),
             QStringLiteral("interrupted"));

    QVERIFY(journal
                .append(QStringLiteral("rollback"), QStringLiteral("built"),
                        {{QStringLiteral("scratch"), scratch}, {QStringLiteral("seconds"), 12.5}})
                .ok());
    QVERIFY(journal
                .append(QStringLiteral("rollback"), QStringLiteral("verified"),
                        {{QStringLiteral("scratch"), scratch}})
                .ok());
    QVERIFY(journal
                .append(QStringLiteral("rollback"), QStringLiteral("swapped"),
                        {{QStringLiteral("live"), QStringLiteral("openmetadata_db")},
                         {QStringLiteral("failed"), QStringLiteral("openmetadata_db_failed")}})
                .ok());
    QVERIFY(journal
                .append(QStringLiteral("rollback"), QStringLiteral("finished"),
                        {{QStringLiteral("ending"), QStringLiteral("succeeded")},
                         {QStringLiteral("verified"), true},
                         {QStringLiteral("changed"), true},
                         {QStringLiteral("to"), QStringLiteral("1.1.5")},
                         {QStringLiteral("from"), QStringLiteral("1.2.0")},
                         {QStringLiteral("message"),
                          QStringLiteral("openmetadata_db is back at 1.1.5.")}})
                .ok());
    report = build(sample, folder);
    const QJsonObject summary = report.json.value(QStringLiteral("summary")).toObject();
    QCOMPARE(summary.value(QStringLiteral("verdict")).toString(), QStringLiteral("rolled-back"));
    QVERIFY(summary.value(QStringLiteral("verdictText"))
                .toString()
                .contains(QStringLiteral("back at 1.1.5")));
    const QJsonObject rollback = section(report.json, QStringLiteral("rollback"));
    QCOMPARE(tableRow(rollback, QStringLiteral("old state built")).value(2),
             QStringLiteral("beside the live database, as openmetadata_db_omu_old, in 12.5 s"));
    QVERIFY(!tableRow(rollback, QStringLiteral("swapped in")).isEmpty());
    QCOMPARE(rollback.value(QStringLiteral("text")).toString(),
             QStringLiteral("openmetadata_db is back at 1.1.5."));
    QVERIFY(!visibleText(report.html).contains(QLatin1Char('{')));
}

void TestReport::journalOfRelease010StillReads()
{
    QTemporaryDir dir;
    UpgradeJournal journal(dir.filePath(QStringLiteral("journal.jsonl")));
    QVERIFY(QFile::copy(omu::test::dataPath(QStringLiteral("journal/release-0.1.0-finished.jsonl")),
                        journal.path()));
    const auto report = UpgradeReport::build(journal, {});
    QVERIFY(report.ok());
    const QJsonObject review = section(report.value(), QStringLiteral("review"));
    QVERIFY(review.value(QStringLiteral("text"))
                .toString()
                .contains(QStringLiteral("older omupgrade")));
    const QString html = UpgradeReport::toHtml(report.value());
    QVERIFY(!visibleText(html).contains(QLatin1Char('{')));
    QVERIFY(!html.contains(QStringLiteral("e+0")));
}

void TestReport::logLinesAreTimedByTheirOwnStamps()
{
    // Logback's ISO8601 form, the T form, and a line without a stamp (its arrival time).
    QCOMPARE(MigrationLogParser::lineTime(
                 QStringLiteral("INFO  [2026-11-24 14:39:39,963] [main] o.o.s - x")),
             QDateTime::fromString(QStringLiteral("2026-11-24T14:39:39.963Z"), Qt::ISODateWithMs));
    QCOMPARE(MigrationLogParser::lineTime(QStringLiteral("2026-11-24T14:39:40,5Z INFO x")),
             QDateTime::fromString(QStringLiteral("2026-11-24T14:39:40.500Z"), Qt::ISODateWithMs));
    QVERIFY(!MigrationLogParser::lineTime(QStringLiteral("| 1.2.0 | Success |")).isValid());

    MigrationLogParser parser;
    const QDateTime t0 =
        QDateTime::fromString(QStringLiteral("2026-11-24T10:00:00.000Z"), Qt::ISODateWithMs);
    parser.feed(QStringLiteral("Migration Run started for Version: 1.3.0"), t0);
    parser.feed(QStringLiteral("Migration Run started for Version: 1.3.1"), t0.addMSecs(2500));
    parser.stopRunning(QStringLiteral("the tool ended"), t0.addSecs(4));
    QCOMPARE(parser.versions().size(), 2);
    QCOMPARE(parser.versions().at(0).seconds(), 2.5);
    QCOMPARE(parser.versions().at(1).seconds(), 1.5);
    QCOMPARE(parser.versions().at(1).state, VersionProgress::State::Failed);
}

void TestReport::humanUnits()
{
    QCOMPARE(HumanUnits::bytes(4282180), QStringLiteral("4.1 MB"));
    QCOMPARE(HumanUnits::duration(0.3), QStringLiteral("0.3 s"));
    QCOMPARE(HumanUnits::duration(42.5), QStringLiteral("42.5 s"));
    QCOMPARE(HumanUnits::duration(72), QStringLiteral("1 min 12 s"));
    QCOMPARE(HumanUnits::duration(3725), QStringLiteral("1 h 02 min"));
    QCOMPARE(HumanUnits::duration(-1), QString());
    QCOMPARE(HumanUnits::count(4282180), QStringLiteral("4,282,180"));
    QCOMPARE(HumanUnits::time(QStringLiteral("2026-11-24T14:39:39.963Z")),
             QStringLiteral("2026-11-24 14:39:39 UTC"));
    QCOMPARE(HumanUnits::span(QStringLiteral("2026-11-24T14:02:00.000Z"),
                              QStringLiteral("2026-11-24T15:49:10.000Z")),
             QStringLiteral("2026-11-24 14:02 \u2013 15:49 UTC"));
}

QTEST_GUILESS_MAIN(TestReport)
#include "TestReport.moc"

// The database facts the review reports, against OpenMetadata-shaped fixture databases
// on both real servers: the queries the 1.2.0 migration deletes and the alerts 1.3.0
// deletes must be exactly what the fixture was built with; failed flyway rows are
// counted; an unreachable database makes those checks "not checked", with the reason.
// The data-driven checks (db-rows, db-server-setting) count and name rows on both
// engines, skip tables the release running now does not have, never write, and read the
// server's own variables.
#include "connection/DatabaseConnector.h"
#include "EngineRows.h"
#include "OpenMetadataFixture.h"
#include "review/DatabaseFacts.h"
#include "ReviewRows.h"
#include "ReviewTestUtil.h"
#include "TestServers.h"

#include <QSqlQuery>

#include <QTest>

using namespace omu;
using namespace omu::test;

class TestReviewDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void countsMatchTheFixture_data();
    void countsMatchTheFixture();
    void reviewReportsTheCounts_data();
    void reviewReportsTheCounts();
    void unreachableDatabaseIsNotChecked();
    void rowsAreCountedAndNamed_data();
    void rowsAreCountedAndNamed();
    void rowChecksNeverWrite_data();
    void rowChecksNeverWrite();
    void serverSettingsAreRead_data();
    void serverSettingsAreRead();

private:
    struct Built
    {
        ConnectionProfile profile;
        fixture::FixtureSummary summary;
    };
    QMap<Engine, Built> m_built;
    ReviewRows m_rows;
};

namespace {

ReviewReport reviewDatabase(const Catalog& catalog, const ConnectionProfile& profile)
{
    ReviewRequest request;
    request.database = profile;
    return runReview(catalog, request);
}

} // namespace

void TestReviewDatabase::initTestCase()
{
    for (const Engine engine : {Engine::MySql, Engine::Postgres}) {
        if (!TestServers::admin(engine))
            QFAIL(qPrintable(TestServers::unavailableMessage(engine)));
        const QString name = TestServers::uniqueName(QStringLiteral("omu_review_db"));
        QString error;
        QVERIFY2(TestServers::createDatabase(engine, name, &error), qPrintable(error));
        const ConnectionProfile profile = *TestServers::admin(engine, name);
        m_built.insert(engine, Built{profile, {}});
        fixture::FixtureOptions options;
        options.rowsPerEntityTable = 300; // enough for several broken chains of each kind
        options.hostile = true;
        auto summary = fixture::OpenMetadataFixture::build(profile, options);
        QVERIFY2(summary.ok(), summary.ok() ? "" : qPrintable(summary.error().toString()));
        m_built[engine].summary = summary.value();
        QVERIFY(summary.value().brokenChainQueries > 0);
        QVERIFY(summary.value().eventSubscriptions > 0);
    }
}

void TestReviewDatabase::cleanupTestCase()
{
    for (auto it = m_built.cbegin(); it != m_built.cend(); ++it)
        TestServers::dropDatabase(it.key(), it.value().profile.database);
}

void TestReviewDatabase::countsMatchTheFixture_data()
{
    QTest::addColumn<Engine>("engine");
    QTest::newRow("mariadb") << Engine::MySql;
    QTest::newRow("postgres") << Engine::Postgres;
}

void TestReviewDatabase::countsMatchTheFixture()
{
    QFETCH(Engine, engine);
    const Built& built = m_built[engine];
    auto session = DatabaseConnector::open(built.profile);
    QVERIFY(session.ok());
    auto broken = DatabaseFacts::queriesWithoutService(*session.value());
    QVERIFY2(broken.ok(), broken.ok() ? "" : qPrintable(broken.error().toString()));
    QCOMPARE(broken.value(), built.summary.brokenChainQueries);
    auto alerts = DatabaseFacts::eventSubscriptions(*session.value());
    QVERIFY(alerts.ok());
    QCOMPARE(alerts.value(), built.summary.eventSubscriptions);
    auto failed = DatabaseFacts::failedFlywayMigrations(*session.value());
    QVERIFY(failed.ok());
    QCOMPARE(failed.value(), 0);
}

void TestReviewDatabase::reviewReportsTheCounts_data()
{
    countsMatchTheFixture_data();
}

void TestReviewDatabase::reviewReportsTheCounts()
{
    QFETCH(Engine, engine);
    const Built& built = m_built[engine];
    const QString table = engine == Engine::Postgres ? QStringLiteral("\"DATABASE_CHANGE_LOG\"")
                                                     : QStringLiteral("DATABASE_CHANGE_LOG");
    QString error;
    for (int rank : {98, 99})
        QVERIFY2(TestServers::exec(
                     engine, built.profile.database,
                     QStringLiteral(
                         "INSERT INTO %1 (installed_rank, version, description, type, "
                         "script, checksum, installed_by, execution_time, success) "
                         "VALUES (%2, '0%2', 'broken', 'SQL', 'v0%2__x.sql', 0, 'test', 1, false)")
                         .arg(table)
                         .arg(rank),
                     &error),
                 qPrintable(error));

    ReviewRequest request;
    request.from = QStringLiteral("1.1.5");
    request.to = QStringLiteral("1.3.0");
    request.database = built.profile;
    request.checkSearch = false;
    auto report = ReviewEngine::run(builtInCatalog(), request);
    QVERIFY(report.ok());
    const Finding* queries = findingOf(report.value(), QStringLiteral("om-1.2.0-query-service"));
    const Finding* alerts = findingOf(report.value(), QStringLiteral("om-1.3.0-alerts-dropped"));
    const Finding* flyway = findingOf(report.value(), QStringLiteral("om-flyway-repair"));
    QVERIFY(queries && alerts && flyway);
    QVERIFY2(queries->message.startsWith(
                 QStringLiteral("%1 queries ").arg(built.summary.brokenChainQueries)),
             qPrintable(queries->message));
    QVERIFY2(alerts->message.startsWith(
                 QStringLiteral("%1 alerts ").arg(built.summary.eventSubscriptions)),
             qPrintable(alerts->message));
    QVERIFY2(flyway->message.startsWith(QStringLiteral("2 flyway migrations")),
             qPrintable(flyway->message));
    QCOMPARE(flyway->severity, Severity::Blocker);
    QVERIFY(!queries->message.contains(built.profile.password) || built.profile.password.isEmpty());
    for (const NotChecked& skipped : report.value().notChecked)
        QVERIFY2(!skipped.id.startsWith(QLatin1String("om-1.2.0-query")),
                 qPrintable(skipped.reason));
    QVERIFY(
        TestServers::exec(engine, built.profile.database,
                          QStringLiteral("DELETE FROM %1 WHERE installed_rank >= 98").arg(table)));
}

void TestReviewDatabase::unreachableDatabaseIsNotChecked()
{
    ConnectionProfile profile = *TestServers::admin(Engine::Postgres, QStringLiteral("postgres"));
    profile.port = 1; // nothing listens there
    profile.connectTimeoutSeconds = 3;
    ReviewRequest request;
    request.from = QStringLiteral("1.1.5");
    request.to = QStringLiteral("1.3.0");
    request.database = profile;
    request.checkSearch = false;
    auto report = ReviewEngine::run(builtInCatalog(), request);
    QVERIFY(report.ok());
    int databaseChecks = 0;
    for (const NotChecked& skipped : report.value().notChecked)
        if (skipped.detector.startsWith(QLatin1String("db-"))) {
            ++databaseChecks;
            QVERIFY2(skipped.reason.startsWith(QLatin1String("the database could not be reached")),
                     qPrintable(skipped.reason));
            QVERIFY(profile.password.isEmpty() || !skipped.reason.contains(profile.password));
        }
    QCOMPARE(databaseChecks, 3);
}

void TestReviewDatabase::rowsAreCountedAndNamed_data()
{
    addEngineRows();
}

void TestReviewDatabase::rowsAreCountedAndNamed()
{
    QFETCH(Engine, engine);
    // Twelve policies, eleven using EditTags: the count is exact, ten are named.
    QByteArray rows = "policy_entity:\n";
    for (int i = 0; i < 12; ++i)
        rows += QStringLiteral("  - json: {name: Policy%1, rules: [{name: r, effect: allow, "
                               "operations: [%2]}]}\n")
                    .arg(i, 2, 10, QLatin1Char('0'))
                    .arg(i == 0 ? QStringLiteral("ViewAll") : QStringLiteral("EditTags"))
                    .toUtf8();
    QString database;
    QString error = m_rows.fill(engine, YAML::Load(rows.toStdString()), &database);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const ConnectionProfile profile = *TestServers::admin(engine, database);
    const QByteArray detector =
        "  - type: db-rows\n    tables: [policy_entity, no_such_table]\n"
        "    mysql: \"SELECT name FROM {table} WHERE JSON_CONTAINS(JSON_EXTRACT(json, "
        "'$.rules[*].operations[*]'), '\\\"EditTags\\\"') ORDER BY name\"\n"
        "    postgres: \"SELECT name FROM {table} WHERE jsonb_path_exists(json, "
        "'$.rules[*].operations[*] ? (@ == \\\"EditTags\\\")') ORDER BY name\"\n"
        "    what: [policy, policies]\n    message: use EditTags\n";
    ReviewReport report = reviewDatabase(catalogWith(detector), profile);
    QCOMPARE(report.findings.size(), 1);
    const QString message = report.findings.first().message;
    QVERIFY2(message.startsWith(QStringLiteral("11 policies in ")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String(" use EditTags: \"Policy01\", \"Policy02\"")),
             qPrintable(message));
    QVERIFY2(message.endsWith(QLatin1String("\"Policy10\" and 1 more")), qPrintable(message));
    QVERIFY(!message.contains(QLatin1String("Policy00")));
    QVERIFY(report.notChecked.isEmpty());

    // A release without any of the tables: not checked, with the reason.
    const QByteArray missing =
        "  - {type: db-rows, tables: [no_such_table], mysql: 'SELECT name FROM {table}', "
        "postgres: 'SELECT name FROM {table}', what: [row, rows], message: m}\n";
    report = reviewDatabase(catalogWith(missing), profile);
    QVERIFY(report.findings.isEmpty());
    QCOMPARE(report.notChecked.size(), 1);
    QVERIFY(report.notChecked.first().reason.contains(QLatin1String("none of the tables")));
    // A query the server refuses: not checked, with the server's words.
    const QByteArray broken =
        "  - {type: db-rows, tables: [policy_entity], mysql: 'SELECT nonsense FROM {table}', "
        "postgres: 'SELECT nonsense FROM {table}', what: [row, rows], message: m}\n";
    report = reviewDatabase(catalogWith(broken), profile);
    QCOMPARE(report.notChecked.size(), 1);
    QVERIFY2(report.notChecked.first().reason.contains(QLatin1String("nonsense")),
             qPrintable(report.notChecked.first().reason));
}

void TestReviewDatabase::rowChecksNeverWrite_data()
{
    addEngineRows();
}

void TestReviewDatabase::rowChecksNeverWrite()
{
    QFETCH(Engine, engine);
    QString database;
    QString error =
        m_rows.fill(engine, YAML::Load("policy_entity:\n  - json: {name: Keep}\n"), &database);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const ConnectionProfile profile = *TestServers::admin(engine, database);
    // A catalog query that would delete is refused by the read-only transaction.
    const QByteArray writer =
        "  - {type: db-rows, tables: [policy_entity], mysql: 'DELETE FROM {table}', "
        "postgres: 'DELETE FROM {table} RETURNING name', what: [row, rows], message: m}\n";
    const ReviewReport report = reviewDatabase(catalogWith(writer), profile);
    QCOMPARE(report.notChecked.size(), 1);
    QSqlDatabase db = TestServers::open(engine, database, &error);
    QVERIFY2(db.isValid(), qPrintable(error));
    {
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM policy_entity")) && query.next());
        QCOMPARE(query.value(0).toInt(), 1);
    }
    const QString name = db.connectionName();
    db = {};
    QSqlDatabase::removeDatabase(name);
}

void TestReviewDatabase::serverSettingsAreRead_data()
{
    addEngineRows();
}

void TestReviewDatabase::serverSettingsAreRead()
{
    QFETCH(Engine, engine);
    const ConnectionProfile profile = m_built[engine].profile;
    // A variable every server of the engine has, matched and not matched.
    const QByteArray mysql = "  - type: db-server-setting\n    engine: mysql\n"
                             "    all: {log_bin: '^(1|ON)$', sort_buffer_size: '^[0-9]+$'}\n"
                             "    message: binary logging is on\n";
    const QByteArray postgres = "  - type: db-server-setting\n    engine: postgres\n"
                                "    all: {max_connections: '^[0-9]+$'}\n"
                                "    message: it has a connection limit\n";
    ReviewReport mine =
        reviewDatabase(catalogWith(engine == Engine::MySql ? mysql : postgres), profile);
    // The test MariaDB runs with binary logging, as MySQL 8 does by default.
    QCOMPARE(mine.findings.size(), 1);
    QVERIFY2(mine.findings.first().message.contains(engine == Engine::MySql
                                                        ? QLatin1String("log_bin=ON")
                                                        : QLatin1String("max_connections=")),
             qPrintable(mine.findings.first().message));
    // The other engine's setting does not apply: silent, and not "not checked".
    ReviewReport other =
        reviewDatabase(catalogWith(engine == Engine::MySql ? postgres : mysql), profile);
    QVERIFY(other.findings.isEmpty());
    QVERIFY(other.notChecked.isEmpty());
    if (engine != Engine::MySql)
        return;
    // Only with Airflow's tables next to the metadata database.
    const QByteArray airflow = "  - type: db-server-setting\n    engine: mysql\n"
                               "    all: {log_bin: '^(1|ON)$'}\n"
                               "    whenSchemaHasTables: [alembic_version, dag, task_instance]\n"
                               "    message: Airflow's migration needs trusted functions\n";
    QVERIFY(reviewDatabase(catalogWith(airflow), profile).findings.isEmpty());
    QString error = m_rows.createAirflow(engine);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const ReviewReport withAirflow = reviewDatabase(catalogWith(airflow), profile);
    m_rows.dropAirflow(engine);
    QCOMPARE(withAirflow.findings.size(), 1);
    QVERIFY(withAirflow.findings.first().message.contains(QLatin1String("it holds omu_airflow")));
    // A variable the server does not have: not checked.
    const QByteArray unknown =
        "  - {type: db-server-setting, all: {no_such_variable: x}, message: m}\n";
    const ReviewReport missing = reviewDatabase(catalogWith(unknown), profile);
    QCOMPARE(missing.notChecked.size(), 1);
}

QTEST_GUILESS_MAIN(TestReviewDatabase)
#include "TestReviewDatabase.moc"

// The database facts the review reports, against OpenMetadata-shaped fixture databases
// on both real servers: the queries the 1.2.0 migration deletes and the alerts 1.3.0
// deletes must be exactly what the fixture was built with; failed flyway rows are
// counted; an unreachable database makes those checks "not checked", with the reason.
#include "connection/DatabaseConnector.h"
#include "OpenMetadataFixture.h"
#include "review/DatabaseFacts.h"
#include "ReviewTestUtil.h"
#include "TestServers.h"

#include <QTest>

using namespace omu;
using namespace omu::test;

Q_DECLARE_METATYPE(omu::Engine)

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

private:
    struct Built
    {
        ConnectionProfile profile;
        fixture::FixtureSummary summary;
    };
    QMap<Engine, Built> m_built;
};

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

QTEST_GUILESS_MAIN(TestReviewDatabase)
#include "TestReviewDatabase.moc"

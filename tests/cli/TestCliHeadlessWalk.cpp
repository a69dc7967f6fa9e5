// The whole upgrade headless, as automation (a CI job, Ansible, a Kubernetes Job) runs it:
// inspect -> backup -> tune apply -> review -> migrate -> after, on both engines, with the
// fake distribution. Every journal entry comes from the commands themselves: this test
// writes nothing into the journal, it only reads it at the end.
#include "AppRunner.h"
#include "FakeDistribution.h"
#include "FixtureDatabases.h"
#include "journal/JournalProgress.h"
#include "SortBufferLock.h"
#include "TestServers.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace omu;
using omu::test::TestServers;
using Run = omu::test::AppRun;

class TestCliHeadlessWalk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void walksTheWholeUpgrade_data();
    void walksTheWholeUpgrade();

private:
    Run omupgrade(const QStringList& arguments) const;
    static QString closedPortUrl();

    QTemporaryDir m_dir;
    omu::test::FixtureDatabases m_databases;
    // Per run: the engine and the common options (connection and data folder).
    Engine m_engine = Engine::Unknown;
    QStringList m_common;
};

void TestCliHeadlessWalk::initTestCase()
{
    for (const Engine engine : {Engine::MySql, Engine::Postgres})
        if (!TestServers::admin(engine))
            QFAIL(qPrintable(TestServers::unavailableMessage(engine)));
}

void TestCliHeadlessWalk::cleanupTestCase()
{
    m_databases.dropAll();
}

Run TestCliHeadlessWalk::omupgrade(const QStringList& arguments) const
{
    omu::test::AppRunner app(QStringLiteral(OMU_EXECUTABLE), std::chrono::seconds(180));
    return app.run(arguments + m_common, TestServers::admin(m_engine)->password);
}

QString TestCliHeadlessWalk::closedPortUrl()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return QStringLiteral("http://127.0.0.1:%1").arg(port);
}

void TestCliHeadlessWalk::walksTheWholeUpgrade_data()
{
    QTest::addColumn<Engine>("engine");
    QTest::newRow("mariadb") << Engine::MySql;
    QTest::newRow("postgres") << Engine::Postgres;
}

void TestCliHeadlessWalk::walksTheWholeUpgrade()
{
    QFETCH(Engine, engine);
    // MariaDB's sort_buffer_size is global to the shared test server: hold it for the walk.
    std::unique_ptr<omu::test::SortBufferLock> lock;
    if (engine == Engine::MySql) {
        lock = std::make_unique<omu::test::SortBufferLock>();
        QVERIFY2(lock->locked(), qPrintable(lock->error()));
    }
    const QString database = m_databases.create(engine, QStringLiteral("omu_cli_walk"));
    const ConnectionProfile profile = *TestServers::admin(engine, database);
    const QString dataFolder = m_dir.filePath(QStringLiteral("data-%1").arg(engineName(engine)));
    const QString release = m_dir.filePath(QStringLiteral("openmetadata-1.3.0"));
    if (!QDir(release).exists())
        QVERIFY(omu::test::FakeDistribution::assemble(QStringLiteral("1.3.0"), release));
    m_engine = engine;
    m_common = omu::test::connectionArguments(profile) +
               QStringList{QStringLiteral("--data-folder"), dataFolder, QStringLiteral("--json")};

    // 1. What is there.
    const Run inspect = omupgrade({QStringLiteral("inspect")});
    QVERIFY2(inspect.exitCode == 0 || inspect.exitCode == 1, inspect.err.constData());

    // 2. A verified backup, recorded.
    const QString backups = m_dir.filePath(QStringLiteral("backups-%1").arg(engineName(engine)));
    QVERIFY(QDir().mkpath(backups));
    const Run backup = omupgrade({QStringLiteral("backup"), QStringLiteral("--output"), backups});
    QVERIFY2(backup.exitCode == 0, backup.err.constData());
    QVERIFY(backup.json().value(QStringLiteral("verified")).toBool());

    // 3. Sort memory raised for the migration.
    const Run tune = omupgrade({QStringLiteral("tune"), QStringLiteral("apply")});
    QVERIFY2(tune.exitCode == 0, tune.err.constData());

    // Before the review the gate refuses, and says which command to run (not a page).
    const QStringList migrate{QStringLiteral("migrate"), QStringLiteral("--distribution"), release,
                              QStringLiteral("--server-url"), closedPortUrl()};
    const Run early = omupgrade(migrate);
    QCOMPARE(early.exitCode, 2);
    QVERIFY2(early.err.contains("omupgrade review --to 1.3.0"), early.err.constData());
    QVERIFY(!early.err.contains("Go back to"));

    // 4. The review, recorded in the journal; blockers the admin handles are acknowledged.
    const QStringList reviewArguments{QStringLiteral("review"), QStringLiteral("--to"),
                                      QStringLiteral("1.3.0")};
    Run review = omupgrade(reviewArguments);
    QVERIFY2(review.exitCode >= 0 && review.exitCode <= 2, review.err.constData());
    QJsonObject recorded = review.json().value(QStringLiteral("journal")).toObject();
    QVERIFY2(recorded.value(QStringLiteral("recorded")).toBool(), review.err.constData());
    if (recorded.value(QStringLiteral("openBlockers")).toInt() > 0) {
        QStringList acknowledge;
        for (const auto& finding : review.json().value(QStringLiteral("findings")).toArray())
            if (finding.toObject().value(QStringLiteral("severity")).toString() ==
                QLatin1String("blocker"))
                acknowledge << QStringLiteral("--acknowledge")
                            << finding.toObject().value(QStringLiteral("id")).toString();
        review = omupgrade(reviewArguments + acknowledge);
        recorded = review.json().value(QStringLiteral("journal")).toObject();
    }
    QCOMPARE(recorded.value(QStringLiteral("openBlockers")).toInt(-1), 0);

    // 5. The migration, behind the gate.
    const Run run = omupgrade(migrate);
    QVERIFY2(run.exitCode == 0, run.err.right(3000).constData());
    QCOMPARE(run.json()
                 .value(QStringLiteral("outcome"))
                 .toObject()
                 .value(QStringLiteral("ending"))
                 .toString(),
             QStringLiteral("succeeded"));

    // 6. After: verified, tuning put back, client lines, report.
    const Run after = omupgrade({QStringLiteral("after")});
    QVERIFY2(after.exitCode == 0, after.err.constData());
    const QJsonObject done = after.json();
    QCOMPARE(done.value(QStringLiteral("target")).toString(), QStringLiteral("1.3.0"));
    QVERIFY(done.value(QStringLiteral("database"))
                .toObject()
                .value(QStringLiteral("holdsTarget"))
                .toBool());
    QVERIFY(
        done.value(QStringLiteral("tuning")).toObject().value(QStringLiteral("reverted")).toBool());
    QVERIFY(done.value(QStringLiteral("ingestion"))
                .toObject()
                .value(QStringLiteral("ingestion"))
                .toString()
                .contains(QLatin1String("openmetadata-ingestion")));
    const QString html =
        done.value(QStringLiteral("report")).toObject().value(QStringLiteral("html")).toString();
    QVERIFY2(QFile::exists(html), qPrintable(html));
    QFile report(html);
    QVERIFY(report.open(QIODevice::ReadOnly));
    QVERIFY(!report.readAll().contains(profile.password.toUtf8()));

    // The journal the commands wrote says the upgrade is done, nothing left to put back.
    const auto progress = JournalProgress::forDeployment(profile, dataFolder);
    QVERIFY(progress.ok());
    QVERIFY(progress->backup);
    QVERIFY(progress->review);
    QCOMPARE(progress->migration, JournalProgress::MigrationState::Succeeded);
    QVERIFY(!progress->tuningToRevert());
    QCOMPARE(progress->resumeAt(), JournalProgress::Step::Done);
}

QTEST_GUILESS_MAIN(TestCliHeadlessWalk)
#include "TestCliHeadlessWalk.moc"

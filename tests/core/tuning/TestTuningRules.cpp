// The parts of the tuning step that need no server: reading sizes the way people and the
// servers write them, the recommendation rule, and the by-hand instructions.
#include "common/ByteSize.h"
#include "tuning/TuningAdvisor.h"
#include "tuning/TuningChange.h"
#include "tuning/TuningSnippets.h"

#include <QTest>

using namespace omu;

class TestTuningRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsSizes_data();
    void acceptsSizes();
    void refusesBadSizes_data();
    void refusesBadSizes();
    void postgresBareNumbersAreKilobytes();
    void serverValues();
    void refusesValuesOutsideServerLimits();
    void recommendsFloorForSmallDocuments();
    void recommendsSixteenTimesLargestDocument();
    void recommendationNeverExceedsCap();
    void recommendsFloorWithoutQueryEntity();
    void afterSortMemoryFailureDoublesWhatWasInForce();
    void snippetsForMySql();
    void snippetsForPostgresRevertToNoSetting();
    void managedRoutesNameTheService();
    void changeSurvivesJournalRoundTrip();
};

void TestTuningRules::acceptsSizes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("bytes");
    const qint64 mib20 = 20 * 1024 * 1024;
    QTest::newRow("20MB") << "20MB" << mib20;
    QTest::newRow("bytes") << "20971520" << mib20;
    QTest::newRow("20 MiB") << "20 MiB" << mib20;
    QTest::newRow("20M") << "20M" << mib20;
    QTest::newRow("20mb") << "20mb" << mib20;
    QTest::newRow("kB") << "20480kB" << mib20;
    QTest::newRow("KB spaced") << "20480 KB" << mib20;
    QTest::newRow("KiB") << "20480KiB" << mib20;
    QTest::newRow("1GB") << "1GB" << qint64(1024) * 1024 * 1024;
    QTest::newRow("B") << "65536B" << qint64(65536);
    QTest::newRow("padded") << "  32 MB \n" << qint64(32) * 1024 * 1024;
}

void TestTuningRules::acceptsSizes()
{
    QFETCH(QString, text);
    QFETCH(qint64, bytes);
    const auto parsed = ByteSize::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().toString()));
    QCOMPARE(parsed.value(), bytes);
}

void TestTuningRules::refusesBadSizes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("because");
    QTest::newRow("-1") << "-1"
                        << "cannot be negative";
    QTest::newRow("abc") << "abc"
                         << "not a number";
    QTest::newRow("1TB") << "1TB"
                         << "more than the 1 GB";
    QTest::newRow("2GB") << "2GB"
                         << "more than the 1 GB";
    QTest::newRow("fraction") << "1.5GB"
                              << "whole number";
    QTest::newRow("unit") << "20 parsecs"
                          << "unit \"parsecs\"";
    QTest::newRow("empty") << ""
                           << "empty";
    QTest::newRow("huge") << "99999999999999999999999"
                          << "more than";
}

void TestTuningRules::refusesBadSizes()
{
    QFETCH(QString, text);
    QFETCH(QString, because);
    const auto parsed = ByteSize::parse(text);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().message.contains(because), qPrintable(parsed.error().message));
    // Every refusal says what to write instead.
    QVERIFY(!parsed.error().advice.isEmpty());
}

void TestTuningRules::postgresBareNumbersAreKilobytes()
{
    // work_mem's unit is kB: ALTER DATABASE ... SET work_mem = 4096 means 4 MB.
    QCOMPARE(ByteSize::parse(QStringLiteral("4096"), ByteSize::KiB).value(), 4 * ByteSize::MiB);
    QCOMPARE(ByteSize::parse(QStringLiteral("4MB"), ByteSize::KiB).value(), 4 * ByteSize::MiB);
}

void TestTuningRules::serverValues()
{
    QCOMPARE(TuningAdvisor::serverValue(20 * ByteSize::MiB, Engine::MySql),
             QStringLiteral("20971520"));
    QCOMPARE(TuningAdvisor::serverValue(20 * ByteSize::MiB, Engine::Postgres),
             QStringLiteral("20MB"));
    QCOMPARE(TuningAdvisor::serverValue(ByteSize::GiB, Engine::Postgres), QStringLiteral("1GB"));
    QCOMPARE(TuningAdvisor::serverValue(20 * ByteSize::MiB + 1, Engine::Postgres),
             QStringLiteral("20481kB")); // rounded up to a whole kB
    QCOMPARE(ByteSize::describe(20 * ByteSize::MiB), QStringLiteral("20 MB"));
    QCOMPARE(ByteSize::describe(2 * ByteSize::MiB + 512 * ByteSize::KiB), QStringLiteral("2.5 MB"));
}

void TestTuningRules::refusesValuesOutsideServerLimits()
{
    QVERIFY(!TuningAdvisor::checkValue(1024, Engine::MySql).ok());
    QVERIFY(!TuningAdvisor::checkValue(32 * ByteSize::KiB, Engine::Postgres).ok());
    QVERIFY(TuningAdvisor::checkValue(64 * ByteSize::KiB, Engine::Postgres).ok());
    const auto tooBig = TuningAdvisor::checkValue(2 * ByteSize::GiB, Engine::MySql);
    QVERIFY(!tooBig.ok());
    QVERIFY(tooBig.error().message.contains(QLatin1String("sort_buffer_size")));
}

void TestTuningRules::recommendsFloorForSmallDocuments()
{
    QueryEntitySize size{true, true, 5000, 100 * 1024, 50 * ByteSize::MiB, {}};
    const auto recommendation = TuningAdvisor::recommend(size, Engine::MySql);
    QCOMPARE(recommendation.bytes, TuningAdvisor::floorBytes);
    QCOMPARE(recommendation.serverValue, QStringLiteral("20971520"));
    QVERIFY(recommendation.reason.contains(QLatin1String("documented")));
    QVERIFY(recommendation.reason.contains(QLatin1String("5000 rows")));
}

void TestTuningRules::recommendsSixteenTimesLargestDocument()
{
    // 2 MB + 100 bytes: 16 x that is just over 32 MB, so 33 MB.
    QueryEntitySize size{true, true, 10, 2 * ByteSize::MiB + 100, 3 * ByteSize::MiB, {}};
    const auto mysql = TuningAdvisor::recommend(size, Engine::MySql);
    QCOMPARE(mysql.bytes, 33 * ByteSize::MiB);
    QVERIFY(mysql.reason.contains(QLatin1String("Out of sort memory")));
    const auto postgres = TuningAdvisor::recommend(size, Engine::Postgres);
    QCOMPARE(postgres.serverValue, QStringLiteral("33MB"));
    QVERIFY(postgres.reason.contains(QLatin1String("to disk")));
}

void TestTuningRules::recommendationNeverExceedsCap()
{
    QueryEntitySize size{true, true, 3, 64 * ByteSize::MiB, 64 * ByteSize::MiB, {}};
    const auto recommendation = TuningAdvisor::recommend(size, Engine::MySql);
    QCOMPARE(recommendation.bytes, TuningAdvisor::capBytes);
    QVERIFY(recommendation.capped);
    QVERIFY(recommendation.reason.contains(QLatin1String("256 MB")));
}

void TestTuningRules::recommendsFloorWithoutQueryEntity()
{
    QueryEntitySize size;
    size.note = QStringLiteral("there is no query_entity table in x");
    const auto recommendation = TuningAdvisor::recommend(size, Engine::Postgres);
    QCOMPARE(recommendation.bytes, TuningAdvisor::floorBytes);
    QVERIFY(recommendation.reason.contains(QLatin1String("no query_entity table")));
}

void TestTuningRules::afterSortMemoryFailureDoublesWhatWasInForce()
{
    QueryEntitySize size{true, true, 10, 2 * ByteSize::MiB + 100, 3 * ByteSize::MiB, {}};
    const auto usual = TuningAdvisor::recommend(size, Engine::Postgres); // 33 MB
    // 21 MB failed: twice it (42 MB) beats the usual 33 MB.
    const auto doubled =
        TuningAdvisor::afterSortMemoryFailure(21 * ByteSize::MiB, usual, Engine::Postgres);
    QCOMPARE(doubled.bytes, 42 * ByteSize::MiB);
    QCOMPARE(doubled.serverValue, QStringLiteral("42MB"));
    QVERIFY(doubled.reason.contains(QLatin1String("work_mem = 21 MB")));
    QVERIFY(!doubled.capped);
    // 4 MB failed (a value below the recommendation was in force): the usual 33 MB.
    const auto usualWins =
        TuningAdvisor::afterSortMemoryFailure(4 * ByteSize::MiB, usual, Engine::MySql);
    QCOMPARE(usualWins.bytes, 33 * ByteSize::MiB);
    QCOMPARE(usualWins.serverValue, QString::number(33 * ByteSize::MiB));
    // A failure may go past the usual 256 MB cap, never past the hard limit.
    const auto pastCap =
        TuningAdvisor::afterSortMemoryFailure(256 * ByteSize::MiB, usual, Engine::MySql);
    QCOMPARE(pastCap.bytes, 512 * ByteSize::MiB);
    const auto atLimit =
        TuningAdvisor::afterSortMemoryFailure(ByteSize::maximumBytes, usual, Engine::MySql);
    QCOMPARE(atLimit.bytes, ByteSize::maximumBytes);
    QVERIFY(atLimit.capped);
    QVERIFY(atLimit.reason.contains(QLatin1String("runaway")));
    QVERIFY(TuningAdvisor::checkValue(atLimit.bytes, Engine::MySql).ok());
}

void TestTuningRules::snippetsForMySql()
{
    TuningReport report;
    report.engine = Engine::MySql;
    report.flavour = QStringLiteral("mysql");
    report.parameter = QStringLiteral("sort_buffer_size");
    report.user = QStringLiteral("openmetadata_user");
    report.globalBytes = 262144;
    const auto instructions = TuningSnippets::build(report, 20 * ByteSize::MiB);
    QCOMPARE(instructions.configFile, QStringLiteral("my.cnf"));
    QCOMPARE(instructions.configSnippet, QStringLiteral("[mysqld]\nsort_buffer_size = 20971520\n"));
    QVERIFY(instructions.dbaSql.contains(QLatin1String("SET GLOBAL sort_buffer_size = 20971520;")));
    QVERIFY(instructions.dbaSql.contains(QLatin1String("SYSTEM_VARIABLES_ADMIN")));
    QVERIFY(
        instructions.dbaRevertSql.contains(QLatin1String("SET GLOBAL sort_buffer_size = 262144;")));
    QVERIFY(instructions.managedRoute.isEmpty());
}

void TestTuningRules::snippetsForPostgresRevertToNoSetting()
{
    TuningReport report;
    report.engine = Engine::Postgres;
    report.parameter = QStringLiteral("work_mem");
    report.database = QStringLiteral("openmetadata_db");
    report.user = QStringLiteral("om");
    report.privileges.route = TuningRoute::AlterDatabase;
    const auto instructions = TuningSnippets::build(report, 20 * ByteSize::MiB);
    QCOMPARE(instructions.configFile, QStringLiteral("postgresql.conf"));
    QCOMPARE(instructions.configSnippet, QStringLiteral("work_mem = 20MB\n"));
    QVERIFY(instructions.dbaSql.contains(
        QLatin1String("ALTER DATABASE \"openmetadata_db\" SET work_mem = '20MB';")));
    // No database-level setting before: revert is RESET, not a value.
    QVERIFY(instructions.dbaRevertSql.contains(
        QLatin1String("ALTER DATABASE \"openmetadata_db\" RESET work_mem;")));

    report.overrides << SettingOverride{TuningRoute::AlterDatabase, false, QStringLiteral("4MB"),
                                        4 * ByteSize::MiB};
    QVERIFY(TuningSnippets::build(report, 20 * ByteSize::MiB)
                .dbaRevertSql.contains(QLatin1String("SET work_mem = '4MB';")));
}

void TestTuningRules::managedRoutesNameTheService()
{
    TuningReport report;
    report.engine = Engine::MySql;
    report.parameter = QStringLiteral("sort_buffer_size");
    report.managed = ManagedService{QStringLiteral("aws-rds"), QStringLiteral("Amazon RDS"),
                                    QStringLiteral("host x.rds.amazonaws.com")};
    auto route = TuningSnippets::build(report, 20 * ByteSize::MiB).managedRoute;
    QVERIFY(route.contains(QLatin1String("refuses SET GLOBAL")));
    QVERIFY(
        route.contains(QLatin1String("ParameterName=sort_buffer_size,ParameterValue=20971520")));

    report.managed =
        ManagedService{QStringLiteral("gcp-cloud-sql"), QStringLiteral("Google Cloud SQL"), {}};
    QVERIFY(
        TuningSnippets::build(report, 20 * ByteSize::MiB)
            .managedRoute.contains(QLatin1String("--database-flags=sort_buffer_size=20971520")));

    report.engine = Engine::Postgres;
    report.parameter = QStringLiteral("work_mem");
    report.managed = ManagedService{QStringLiteral("azure"), QStringLiteral("Azure Database"), {}};
    route = TuningSnippets::build(report, 20 * ByteSize::MiB).managedRoute;
    QVERIFY(route.contains(QLatin1String("az postgres flexible-server parameter set")));
    QVERIFY(route.contains(QLatin1String("--name work_mem --value 20480"))); // kB
}

void TestTuningRules::changeSurvivesJournalRoundTrip()
{
    TuningChange change;
    change.engine = Engine::Postgres;
    change.parameter = QStringLiteral("work_mem");
    change.route = TuningRoute::AlterRoleInDatabase;
    change.database = QStringLiteral("db");
    change.user = QStringLiteral("om");
    change.originalSet = false;
    change.appliedValue = QStringLiteral("20MB");
    change.appliedBytes = 20 * ByteSize::MiB;
    const auto back = TuningChange::fromJson(change.toJson());
    QVERIFY(back);
    QCOMPARE(back->route, TuningRoute::AlterRoleInDatabase);
    QCOMPARE(back->originalSet, false);
    QCOMPARE(back->appliedBytes, 20 * ByteSize::MiB);
    QVERIFY(change.toJson()
                .value(QStringLiteral("original"))
                .toObject()
                .value(QStringLiteral("value"))
                .isNull());
    QVERIFY(
        !TuningChange::fromJson(QJsonObject{{QStringLiteral("engine"), QStringLiteral("mysql")}}));
}

QTEST_GUILESS_MAIN(TestTuningRules)
#include "TestTuningRules.moc"

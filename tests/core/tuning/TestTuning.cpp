// The tuning step against the real servers: what is read, that an applied value reaches a
// brand-new connection, that revert puts back exactly what was there (a value, or no
// setting at all), that users without the privilege change nothing, and that a new
// process can revert from the journal after a crash.
//
// MariaDB's sort_buffer_size is global to the shared test server: every test that
// changes it holds SortBufferLock, which restores the value found when it is released.
#include "common/ByteSize.h"
#include "SortBufferLock.h"
#include "TestServers.h"
#include "tuning/SortMemoryTuner.h"
#include "tuning/TuningAdvisor.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace omu;
using omu::test::SortBufferLock;
using omu::test::TestServers;

namespace {

// work_mem entries pg_db_role_setting holds for a database (any role), "" when none.
QString pgDatabaseSettings(const QString& database)
{
    const auto admin = *TestServers::admin(Engine::Postgres, database);
    return TestServers::freshValue(
        admin, QStringLiteral("SELECT coalesce(string_agg(CASE WHEN s.setrole = 0 THEN "
                              "'database' ELSE r.rolname END || ':' || c, ',' ORDER BY c), "
                              "'') FROM pg_db_role_setting s JOIN pg_database d ON d.oid = "
                              "s.setdatabase LEFT JOIN pg_roles r ON r.oid = s.setrole, "
                              "unnest(s.setconfig) c WHERE d.datname = '%1' AND c LIKE "
                              "'work_mem=%'")
                   .arg(database));
}

qint64 mariaGlobal()
{
    return TestServers::freshValue(*TestServers::admin(Engine::MySql),
                                   QStringLiteral("SELECT @@GLOBAL.sort_buffer_size"))
        .toLongLong();
}

QList<UpgradeJournal::Entry> tuningEntries(const SortMemoryTuner& tuner)
{
    QList<UpgradeJournal::Entry> found;
    const auto all = tuner.journal().entries();
    for (const auto& entry : all.value())
        if (entry.step == QLatin1String("tuning"))
            found << entry;
    return found;
}

// A value no other run would pick by chance, so a match proves it was this test's.
qint64 uniqueValue(qint64 base)
{
    return base + (QCoreApplication::applicationPid() % 997) * 1024;
}

} // namespace

class TestTuning : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void showReadsStateAndMeasuresQueryEntity_data();
    void showReadsStateAndMeasuresQueryEntity();
    void databaseWithoutQueryEntitySaysSo_data();
    void databaseWithoutQueryEntitySaysSo();

    void mysqlApplyReachesNewConnectionThenRevertRestores();
    void mysqlUserWithoutPrivilegeChangesNothing();
    void mysqlManagedServiceGetsParameterGroupRoute();
    void mysqlApplyTwiceKeepsFirstOriginal();
    void mysqlRevertLeavesSomeoneElsesValueUnlessForced();

    void postgresApplyThenRevertToNoSetting();
    void postgresRevertRestoresExistingValue();
    void postgresNonOwnerUsesOwnRoleAndCannotForceDatabase();
    void postgresManagedServiceStillAppliesAndGivesRoute();

    void badSizesAreRefusedAndChangeNothing();
    void revertTwiceIsSafe();
    void newProcessRevertsFromJournalAfterCrash();

private:
    ConnectionProfile profile(Engine engine, const QString& database) const
    {
        return *TestServers::admin(engine, database);
    }
    ConnectionProfile pgUserProfile(const QString& database) const;

    QTemporaryDir m_dir;
    QString m_mysqlDatabase;
    QString m_pgDatabase;
    QString m_mysqlEmpty;
    QString m_pgEmpty;
    QString m_mysqlUser;
    QString m_pgUser;
    const QString m_userPassword = QStringLiteral("Tune-pw'1\"x");
    qint64 m_mysqlLargest = 0;
    qint64 m_pgLargest = 0;
};

void TestTuning::initTestCase()
{
    for (const Engine engine : {Engine::MySql, Engine::Postgres})
        if (!TestServers::admin(engine))
            QFAIL(qPrintable(TestServers::unavailableMessage(engine)));
    QVERIFY(m_dir.isValid());
    m_mysqlDatabase = TestServers::uniqueName(QStringLiteral("omu_tune"));
    m_pgDatabase = TestServers::uniqueName(QStringLiteral("omu_tune"));
    m_mysqlEmpty = TestServers::uniqueName(QStringLiteral("omu_tune_empty"));
    m_pgEmpty = TestServers::uniqueName(QStringLiteral("omu_tune_empty"));
    QString error;
    for (const auto& [engine, database] :
         {std::pair{Engine::MySql, m_mysqlDatabase}, std::pair{Engine::Postgres, m_pgDatabase},
          std::pair{Engine::MySql, m_mysqlEmpty}, std::pair{Engine::Postgres, m_pgEmpty}})
        QVERIFY2(TestServers::createDatabase(engine, database, &error), qPrintable(error));

    // query_entity with 40 small documents and one of 2 MB: the large one decides.
    QVERIFY2(TestServers::exec(Engine::MySql, m_mysqlDatabase,
                               QStringLiteral("CREATE TABLE query_entity (id VARCHAR(36) PRIMARY "
                                              "KEY, json JSON NOT NULL)"),
                               &error),
             qPrintable(error));
    QVERIFY2(TestServers::exec(Engine::MySql, m_mysqlDatabase,
                               QStringLiteral("INSERT INTO query_entity SELECT CONCAT('q', seq), "
                                              "JSON_OBJECT('query', CONCAT('SELECT ', seq)) FROM "
                                              "seq_1_to_40"),
                               &error),
             qPrintable(error));
    QVERIFY2(TestServers::exec(Engine::MySql, m_mysqlDatabase,
                               QStringLiteral("INSERT INTO query_entity VALUES ('big', "
                                              "JSON_OBJECT('query', REPEAT('x', 2097152)))"),
                               &error),
             qPrintable(error));
    QVERIFY2(TestServers::exec(Engine::Postgres, m_pgDatabase,
                               QStringLiteral("CREATE TABLE query_entity (id VARCHAR(36) PRIMARY "
                                              "KEY, json JSONB NOT NULL)"),
                               &error),
             qPrintable(error));
    QVERIFY2(TestServers::exec(Engine::Postgres, m_pgDatabase,
                               QStringLiteral("INSERT INTO query_entity SELECT 'q' || i, "
                                              "jsonb_build_object('query', 'SELECT ' || i) FROM "
                                              "generate_series(1, 40) i UNION ALL SELECT 'big', "
                                              "jsonb_build_object('query', repeat('x', 2097152))"),
                               &error),
             qPrintable(error));
    m_mysqlLargest =
        TestServers::freshValue(profile(Engine::MySql, m_mysqlDatabase),
                                QStringLiteral("SELECT MAX(LENGTH(json)) FROM query_entity"))
            .toLongLong();
    m_pgLargest = TestServers::freshValue(
                      profile(Engine::Postgres, m_pgDatabase),
                      QStringLiteral("SELECT max(octet_length(json::text)) FROM query_entity"))
                      .toLongLong();
    QVERIFY(m_mysqlLargest > 2 * ByteSize::MiB);
    QVERIFY(m_pgLargest > 2 * ByteSize::MiB);

    // Users the migration might run as, without the rights to change the setting.
    m_mysqlUser = TestServers::uniqueName(QStringLiteral("omu_tune_user"));
    m_pgUser = TestServers::uniqueName(QStringLiteral("omu_tune_user"));
    const QString quotedPassword =
        QString(m_userPassword).replace(QLatin1Char('\''), QStringLiteral("''"));
    QVERIFY2(TestServers::createMySqlUser(m_mysqlUser, m_userPassword, m_mysqlDatabase, &error),
             qPrintable(error));
    QVERIFY2(
        TestServers::exec(
            Engine::Postgres, {},
            QStringLiteral("CREATE ROLE \"%1\" LOGIN PASSWORD '%2'").arg(m_pgUser, quotedPassword),
            &error),
        qPrintable(error));
    QVERIFY2(TestServers::exec(
                 Engine::Postgres, m_pgDatabase,
                 QStringLiteral("GRANT SELECT ON query_entity TO \"%1\"").arg(m_pgUser), &error),
             qPrintable(error));
}

void TestTuning::cleanupTestCase()
{
    TestServers::dropDatabase(Engine::MySql, m_mysqlDatabase);
    TestServers::dropDatabase(Engine::MySql, m_mysqlEmpty);
    TestServers::dropDatabase(Engine::Postgres, m_pgDatabase);
    TestServers::dropDatabase(Engine::Postgres, m_pgEmpty);
    TestServers::dropMySqlUser(m_mysqlUser);
    if (!m_pgUser.isEmpty())
        TestServers::exec(Engine::Postgres, {},
                          QStringLiteral("DROP ROLE IF EXISTS \"%1\"").arg(m_pgUser));
}

ConnectionProfile TestTuning::pgUserProfile(const QString& database) const
{
    ConnectionProfile user = profile(Engine::Postgres, database);
    user.user = m_pgUser;
    user.password = m_userPassword;
    return user;
}

void TestTuning::showReadsStateAndMeasuresQueryEntity_data()
{
    QTest::addColumn<int>("engine");
    QTest::newRow("mariadb") << int(Engine::MySql);
    QTest::newRow("postgres") << int(Engine::Postgres);
}

void TestTuning::showReadsStateAndMeasuresQueryEntity()
{
    QFETCH(int, engine);
    const Engine which = Engine(engine);
    const bool mysql = which == Engine::MySql;
    SortMemoryTuner tuner(profile(which, mysql ? m_mysqlDatabase : m_pgDatabase), m_dir.path());
    const auto report = tuner.show();
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().toString()));
    const auto& state = report.value();
    QCOMPARE(state.parameter,
             mysql ? QStringLiteral("sort_buffer_size") : QStringLiteral("work_mem"));
    QVERIFY(state.newSessionBytes > 0);
    QVERIFY(!state.source.isEmpty() && !state.sourceText.isEmpty());
    if (mysql) {
        QCOMPARE(state.flavour, QStringLiteral("mariadb"));
        QVERIFY(state.globalBytes > 0);
    } else {
        QCOMPARE(state.source, QStringLiteral("default")); // nothing set on a fresh server
        QCOMPARE(state.newSessionBytes, 4 * ByteSize::MiB);
        QVERIFY(state.overrides.isEmpty());
    }

    QVERIFY(state.queryEntity.present);
    QVERIFY(state.queryEntity.measured);
    QCOMPARE(state.queryEntity.rows, qint64(41));
    const qint64 largest = mysql ? m_mysqlLargest : m_pgLargest;
    QCOMPARE(state.queryEntity.largestDocumentBytes, largest);
    // The rule: 16 x the largest document, whole MB, at least 20 MB.
    const qint64 expected = std::max(TuningAdvisor::floorBytes, (16 * largest + ByteSize::MiB - 1) /
                                                                    ByteSize::MiB * ByteSize::MiB);
    QCOMPARE(state.recommendation.bytes, expected);
    QVERIFY(expected > TuningAdvisor::floorBytes);
    QCOMPARE(state.recommendation.serverValue, TuningAdvisor::serverValue(expected, which));
    QVERIFY(state.recommendation.reason.contains(QLatin1String("largest query_entity document")));

    QVERIFY(state.privileges.canApply);
    QCOMPARE(state.privileges.route, mysql ? TuningRoute::SetGlobal : TuningRoute::AlterDatabase);
    QVERIFY(state.privileges.missing.isEmpty());
    QVERIFY(!state.managed.isManaged());
    QVERIFY(state.instructions.configSnippet.contains(
        mysql ? QStringLiteral("[mysqld]\nsort_buffer_size = %1").arg(expected)
              : QStringLiteral("work_mem = %1").arg(ByteSize::postgresValue(expected))));
    QVERIFY(!state.pending);

    const QJsonObject json = state.toJson();
    QCOMPARE(json.value(QStringLiteral("recommendation"))
                 .toObject()
                 .value(QStringLiteral("bytes"))
                 .toInteger(),
             expected);
    QVERIFY(json.contains(QStringLiteral("privileges")));
    QVERIFY(json.value(QStringLiteral("snippets")).toObject().contains(QStringLiteral("config")));
}

void TestTuning::databaseWithoutQueryEntitySaysSo_data()
{
    showReadsStateAndMeasuresQueryEntity_data();
}

void TestTuning::databaseWithoutQueryEntitySaysSo()
{
    QFETCH(int, engine);
    const Engine which = Engine(engine);
    SortMemoryTuner tuner(profile(which, which == Engine::MySql ? m_mysqlEmpty : m_pgEmpty),
                          m_dir.path());
    const auto report = tuner.show();
    QVERIFY(report.ok());
    QVERIFY(!report.value().queryEntity.present);
    QVERIFY2(report.value().queryEntity.note.contains(QLatin1String("no query_entity table")),
             qPrintable(report.value().queryEntity.note));
    QCOMPARE(report.value().recommendation.bytes, TuningAdvisor::floorBytes);
    QVERIFY(report.value().recommendation.reason.contains(QLatin1String("no query_entity table")));
}

void TestTuning::mysqlApplyReachesNewConnectionThenRevertRestores()
{
    SortBufferLock lock;
    QVERIFY2(lock.locked(), qPrintable(lock.error()));
    const qint64 original = mariaGlobal();
    QTemporaryDir journalDir;
    const auto admin = profile(Engine::MySql, m_mysqlDatabase);
    SortMemoryTuner tuner(admin, journalDir.path());
    const qint64 value = uniqueValue(24 * ByteSize::MiB);

    const auto applied = tuner.apply(value);
    QVERIFY2(applied.ok(), qPrintable(applied.ok() ? QString() : applied.error().toString()));
    QCOMPARE(applied.value().status, QStringLiteral("applied"));
    QVERIFY(applied.value().changed);
    QVERIFY(applied.value().verified);
    QCOMPARE(applied.value().verifiedBytes, value);
    // Our own new connection, independent of the code under test, sees it too.
    QCOMPARE(TestServers::freshValue(admin, QStringLiteral("SELECT @@SESSION.sort_buffer_size"))
                 .toLongLong(),
             value);

    const auto entries = tuningEntries(tuner);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).event, QStringLiteral("applying"));
    QCOMPARE(entries.at(1).event, QStringLiteral("applied"));
    const auto change =
        TuningChange::fromJson(entries.at(0).data.value(QStringLiteral("change")).toObject());
    QVERIFY(change);
    QCOMPARE(change->originalBytes, original);
    QFile journalFile(tuner.journal().path());
    QVERIFY(journalFile.open(QIODevice::ReadOnly));
    QVERIFY(!journalFile.readAll().contains(admin.password.toUtf8()));

    // The state now says where the value came from and that a revert is due.
    const auto shown = tuner.show();
    QVERIFY(shown.ok());
    QCOMPARE(shown.value().source, QStringLiteral("set-global"));
    QVERIFY(shown.value().pending);
    QVERIFY(shown.value().instructions.dbaRevertSql.contains(QString::number(original)));

    const auto reverted = tuner.revert();
    QVERIFY2(reverted.ok(), qPrintable(reverted.ok() ? QString() : reverted.error().toString()));
    QCOMPARE(reverted.value().status, QStringLiteral("reverted"));
    QVERIFY(reverted.value().verified);
    QCOMPARE(reverted.value().verifiedBytes, original);
    QCOMPARE(TestServers::freshValue(admin, QStringLiteral("SELECT @@SESSION.sort_buffer_size"))
                 .toLongLong(),
             original);
    QVERIFY(!tuner.pendingChange().value());
}

void TestTuning::mysqlUserWithoutPrivilegeChangesNothing()
{
    SortBufferLock lock;
    QVERIFY2(lock.locked(), qPrintable(lock.error()));
    const qint64 before = mariaGlobal();
    QTemporaryDir journalDir;
    ConnectionProfile user = profile(Engine::MySql, m_mysqlDatabase);
    user.user = m_mysqlUser;
    user.password = m_userPassword;
    SortMemoryTuner tuner(user, journalDir.path());

    const auto report = tuner.show();
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().toString()));
    QVERIFY(!report.value().privileges.canApply);
    QCOMPARE(report.value().privileges.route, TuningRoute::None);
    QCOMPARE(report.value().privileges.missing, QStringLiteral("SUPER")); // MariaDB's name
    QVERIFY(report.value().privileges.explanation.contains(m_mysqlUser));
    QVERIFY(
        report.value().instructions.dbaSql.contains(QLatin1String("SET GLOBAL sort_buffer_size")));

    const auto applied = tuner.apply(uniqueValue(28 * ByteSize::MiB));
    QVERIFY(!applied.ok());
    QVERIFY2(applied.error().message.contains(QLatin1String("SUPER")),
             qPrintable(applied.error().message));
    QVERIFY(applied.error().message.contains(QLatin1String("Nothing was changed")));
    QVERIFY(applied.error().advice.contains(QLatin1String("SET GLOBAL sort_buffer_size")));
    QVERIFY(applied.error().advice.contains(QLatin1String("[mysqld]")));
    QCOMPARE(mariaGlobal(), before);
    QVERIFY(tuningEntries(tuner).isEmpty()); // refused before anything was recorded
}

void TestTuning::mysqlManagedServiceGetsParameterGroupRoute()
{
    SortBufferLock lock;
    QVERIFY2(lock.locked(), qPrintable(lock.error()));
    const qint64 before = mariaGlobal();
    QTemporaryDir journalDir;
    SortMemoryTuner tuner(profile(Engine::MySql, m_mysqlDatabase), journalDir.path());
    // This machine cannot run RDS; the real server stands in with what detection would find.
    tuner.setManagedService(ManagedService{QStringLiteral("aws-rds"), QStringLiteral("Amazon RDS"),
                                           QStringLiteral("base directory /rdsdbbin/mysql")});
    const auto report = tuner.show();
    QVERIFY(report.ok());
    QCOMPARE(report.value().privileges.route, TuningRoute::ParameterGroup);
    QVERIFY(!report.value().privileges.canApply);
    QVERIFY(report.value().instructions.managedRoute.contains(
        QLatin1String("modify-db-parameter-group")));
    QCOMPARE(report.value()
                 .toJson()
                 .value(QStringLiteral("managed"))
                 .toObject()
                 .value(QStringLiteral("id"))
                 .toString(),
             QStringLiteral("aws-rds"));

    const auto applied = tuner.apply();
    QVERIFY(!applied.ok());
    QVERIFY(applied.error().message.contains(QLatin1String("Amazon RDS refuses SET GLOBAL")));
    QVERIFY(applied.error().advice.contains(QLatin1String("parameter group")));
    QCOMPARE(mariaGlobal(), before);
    QVERIFY(tuningEntries(tuner).isEmpty());
}

void TestTuning::mysqlApplyTwiceKeepsFirstOriginal()
{
    SortBufferLock lock;
    QVERIFY2(lock.locked(), qPrintable(lock.error()));
    const qint64 original = mariaGlobal();
    QTemporaryDir journalDir;
    const auto admin = profile(Engine::MySql, m_mysqlDatabase);
    SortMemoryTuner tuner(admin, journalDir.path());
    QVERIFY(tuner.apply(uniqueValue(22 * ByteSize::MiB)).ok());
    const auto second = tuner.apply(uniqueValue(26 * ByteSize::MiB));
    QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().toString()));
    QCOMPARE(second.value().change->originalBytes, original); // not the first applied value
    QVERIFY(tuner.revert().ok());
    QCOMPARE(mariaGlobal(), original);
}

void TestTuning::mysqlRevertLeavesSomeoneElsesValueUnlessForced()
{
    SortBufferLock lock;
    QVERIFY2(lock.locked(), qPrintable(lock.error()));
    const qint64 original = mariaGlobal();
    QTemporaryDir journalDir;
    SortMemoryTuner tuner(profile(Engine::MySql, m_mysqlDatabase), journalDir.path());
    QVERIFY(tuner.apply(uniqueValue(21 * ByteSize::MiB)).ok());
    const qint64 someoneElse = uniqueValue(30 * ByteSize::MiB);
    QVERIFY(TestServers::exec(Engine::MySql, {},
                              QStringLiteral("SET GLOBAL sort_buffer_size = %1").arg(someoneElse)));

    const auto refused = tuner.revert();
    QVERIFY(!refused.ok());
    QVERIFY(refused.error().message.contains(QLatin1String("Someone changed it")));
    QVERIFY(refused.error().advice.contains(QLatin1String("--force")));
    QCOMPARE(mariaGlobal(), someoneElse);

    const auto forced = tuner.revert(true);
    QVERIFY2(forced.ok(), qPrintable(forced.ok() ? QString() : forced.error().toString()));
    QCOMPARE(mariaGlobal(), original);
}

void TestTuning::postgresApplyThenRevertToNoSetting()
{
    const auto admin = profile(Engine::Postgres, m_pgDatabase);
    QCOMPARE(pgDatabaseSettings(m_pgDatabase), QString()); // nothing set to begin with
    QTemporaryDir journalDir;
    SortMemoryTuner tuner(admin, journalDir.path());
    const auto applied = tuner.apply(); // the recommendation
    QVERIFY2(applied.ok(), qPrintable(applied.ok() ? QString() : applied.error().toString()));
    const auto& change = *applied.value().change;
    QCOMPARE(change.route, TuningRoute::AlterDatabase);
    QVERIFY(!change.originalSet);
    QVERIFY(applied.value().verified);
    QCOMPARE(pgDatabaseSettings(m_pgDatabase),
             QStringLiteral("database:work_mem=%1").arg(change.appliedValue));
    QCOMPARE(TestServers::freshValue(admin, QStringLiteral("SHOW work_mem")), change.appliedValue);
    QCOMPARE(TestServers::freshValue(
                 admin, QStringLiteral("SELECT source FROM pg_settings WHERE name = 'work_mem'")),
             QStringLiteral("database"));
    QVERIFY(applied.value().message.contains(QLatin1String("ALTER DATABASE")));

    const auto reverted = tuner.revert();
    QVERIFY2(reverted.ok(), qPrintable(reverted.ok() ? QString() : reverted.error().toString()));
    QCOMPARE(reverted.value().status, QStringLiteral("reverted"));
    QVERIFY(reverted.value().message.contains(QLatin1String("RESET")));
    // "No setting" comes back as no setting, not as the default's value written down.
    QCOMPARE(pgDatabaseSettings(m_pgDatabase), QString());
    QCOMPARE(TestServers::freshValue(admin, QStringLiteral("SHOW work_mem")),
             QStringLiteral("4MB"));
    QCOMPARE(TestServers::freshValue(
                 admin, QStringLiteral("SELECT source FROM pg_settings WHERE name = 'work_mem'")),
             QStringLiteral("default"));
}

void TestTuning::postgresRevertRestoresExistingValue()
{
    const auto admin = profile(Engine::Postgres, m_pgDatabase);
    QVERIFY(TestServers::exec(
        Engine::Postgres, {},
        QStringLiteral("ALTER DATABASE \"%1\" SET work_mem = '3MB'").arg(m_pgDatabase)));
    QTemporaryDir journalDir;
    SortMemoryTuner tuner(admin, journalDir.path());
    const auto shown = tuner.show();
    QVERIFY(shown.ok());
    QCOMPARE(shown.value().source, QStringLiteral("database"));
    QCOMPARE(shown.value().newSessionBytes, 3 * ByteSize::MiB);
    QVERIFY(shown.value().overrideAt(TuningRoute::AlterDatabase));

    const auto applied = tuner.apply(40 * ByteSize::MiB);
    QVERIFY2(applied.ok(), qPrintable(applied.ok() ? QString() : applied.error().toString()));
    QCOMPARE(TestServers::freshValue(admin, QStringLiteral("SHOW work_mem")),
             QStringLiteral("40MB"));
    const auto reverted = tuner.revert();
    QVERIFY2(reverted.ok(), qPrintable(reverted.ok() ? QString() : reverted.error().toString()));
    QCOMPARE(pgDatabaseSettings(m_pgDatabase), QStringLiteral("database:work_mem=3MB"));
    QCOMPARE(TestServers::freshValue(admin, QStringLiteral("SHOW work_mem")),
             QStringLiteral("3MB"));
    QVERIFY(TestServers::exec(
        Engine::Postgres, {},
        QStringLiteral("ALTER DATABASE \"%1\" RESET work_mem").arg(m_pgDatabase)));
}

void TestTuning::postgresNonOwnerUsesOwnRoleAndCannotForceDatabase()
{
    const auto user = pgUserProfile(m_pgDatabase);
    QTemporaryDir journalDir;
    SortMemoryTuner tuner(user, journalDir.path());
    const auto report = tuner.show();
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().toString()));
    const auto& privileges = report.value().privileges;
    QVERIFY(!privileges.ownsDatabase);
    QVERIFY(!privileges.superuser);
    QVERIFY(privileges.canApply);
    QCOMPARE(privileges.route, TuningRoute::AlterRoleInDatabase);
    QVERIFY(privileges.missing.contains(QLatin1String("ownership of database")));
    QVERIFY(privileges.explanation.contains(QLatin1String("does not own database")));
    QVERIFY(report.value().instructions.dbaSql.contains(QLatin1String("ALTER DATABASE")));

    // Asking for the database level explicitly is refused before anything happens.
    const auto refused = tuner.apply(32 * ByteSize::MiB, TuningScope::Database);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(QLatin1String("owner")),
             qPrintable(refused.error().message));
    QVERIFY(refused.error().message.contains(QLatin1String("Nothing was changed")));
    QVERIFY(refused.error().advice.contains(QLatin1String("ALTER DATABASE")));
    QCOMPARE(pgDatabaseSettings(m_pgDatabase), QString());
    QVERIFY(tuningEntries(tuner).isEmpty());

    // Automatic: the role's own default in this database, which the user may set.
    const auto applied = tuner.apply(32 * ByteSize::MiB);
    QVERIFY2(applied.ok(), qPrintable(applied.ok() ? QString() : applied.error().toString()));
    QCOMPARE(applied.value().change->route, TuningRoute::AlterRoleInDatabase);
    QCOMPARE(pgDatabaseSettings(m_pgDatabase), QStringLiteral("%1:work_mem=32MB").arg(m_pgUser));
    QCOMPARE(TestServers::freshValue(user, QStringLiteral("SHOW work_mem")),
             QStringLiteral("32MB"));
    // Other users of the database are untouched.
    QCOMPARE(TestServers::freshValue(profile(Engine::Postgres, m_pgDatabase),
                                     QStringLiteral("SHOW work_mem")),
             QStringLiteral("4MB"));

    const auto reverted = tuner.revert();
    QVERIFY2(reverted.ok(), qPrintable(reverted.ok() ? QString() : reverted.error().toString()));
    QCOMPARE(pgDatabaseSettings(m_pgDatabase), QString());
    QCOMPARE(TestServers::freshValue(user, QStringLiteral("SHOW work_mem")), QStringLiteral("4MB"));
}

void TestTuning::postgresManagedServiceStillAppliesAndGivesRoute()
{
    QTemporaryDir journalDir;
    SortMemoryTuner tuner(profile(Engine::Postgres, m_pgDatabase), journalDir.path());
    tuner.setManagedService(ManagedService{QStringLiteral("gcp-cloud-sql"),
                                           QStringLiteral("Google Cloud SQL"),
                                           QStringLiteral("role cloudsqlsuperuser")});
    const auto report = tuner.show();
    QVERIFY(report.ok());
    QVERIFY(report.value().privileges.canApply); // ALTER DATABASE works on managed PostgreSQL
    QVERIFY(report.value().instructions.managedRoute.contains(
        QLatin1String("--database-flags=work_mem=")));
    const auto applied = tuner.apply(24 * ByteSize::MiB);
    QVERIFY2(applied.ok(), qPrintable(applied.ok() ? QString() : applied.error().toString()));
    QVERIFY(tuner.revert().ok());
    QCOMPARE(pgDatabaseSettings(m_pgDatabase), QString());
}

void TestTuning::badSizesAreRefusedAndChangeNothing()
{
    for (const char* text : {"-1", "abc", "1TB"}) {
        const auto parsed = ByteSize::parse(QString::fromLatin1(text));
        QVERIFY2(!parsed.ok(), text);
        QVERIFY(parsed.error().message.contains(QString::fromLatin1(text)));
    }
    QTemporaryDir journalDir;
    SortMemoryTuner tuner(profile(Engine::Postgres, m_pgDatabase), journalDir.path());
    for (const qint64 bytes : {qint64(1024), 2 * ByteSize::GiB}) {
        const auto applied = tuner.apply(bytes);
        QVERIFY(!applied.ok());
        QVERIFY(applied.error().message.contains(QLatin1String("work_mem")));
    }
    QCOMPARE(pgDatabaseSettings(m_pgDatabase), QString());
    QVERIFY(tuningEntries(tuner).isEmpty());
}

void TestTuning::revertTwiceIsSafe()
{
    const auto admin = profile(Engine::Postgres, m_pgDatabase);
    QTemporaryDir journalDir;
    SortMemoryTuner tuner(admin, journalDir.path());

    const auto nothing = tuner.revert();
    QVERIFY(nothing.ok());
    QCOMPARE(nothing.value().status, QStringLiteral("nothing-to-revert"));
    QVERIFY(!nothing.value().changed);

    QVERIFY(tuner.apply(30 * ByteSize::MiB).ok());
    const auto first = tuner.revert();
    QVERIFY(first.ok());
    QCOMPARE(first.value().status, QStringLiteral("reverted"));
    const int entries = tuningEntries(tuner).size();
    const auto second = tuner.revert();
    QVERIFY(second.ok());
    QCOMPARE(second.value().status, QStringLiteral("nothing-to-revert"));
    QVERIFY(!second.value().changed);
    QCOMPARE(tuningEntries(tuner).size(), entries); // nothing recorded either
    QCOMPARE(pgDatabaseSettings(m_pgDatabase), QString());
}

void TestTuning::newProcessRevertsFromJournalAfterCrash()
{
    SortBufferLock lock;
    QVERIFY2(lock.locked(), qPrintable(lock.error()));
    const qint64 mysqlOriginal = mariaGlobal();
    QTemporaryDir journalDir;
    const auto mysql = profile(Engine::MySql, m_mysqlDatabase);
    const auto postgres = profile(Engine::Postgres, m_pgDatabase);
    const qint64 value = uniqueValue(23 * ByteSize::MiB);
    for (const auto& target : {mysql, postgres}) {
        SortMemoryTuner tuner(target, journalDir.path());
        QVERIFY(tuner.apply(value).ok());
        // The crash: the process died after the change but before "applied" was written,
        // and a torn half line follows.
        QFile file(tuner.journal().path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = file.readAll().split('\n');
        file.close();
        while (!lines.isEmpty() && lines.last().isEmpty())
            lines.removeLast();
        QVERIFY(lines.last().contains("\"applied\""));
        lines.removeLast();
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(lines.join('\n') + "\n{\"time\":\"2024-01-01T00:00:00Z\",\"step\":\"tun");
        file.close();
    }
    QCOMPARE(mariaGlobal(), value);
    QCOMPARE(TestServers::freshValue(postgres, QStringLiteral("SHOW work_mem")).toUpper(),
             ByteSize::postgresValue(ByteSize::roundUpToKiB(value)).toUpper());

    // A brand-new process: the real command line, with only the journal to go on.
    for (const auto& target : {mysql, postgres}) {
        for (int run = 0; run < 2; ++run) {
            QProcess process;
            auto environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("OMU_DB_PASSWORD"), target.password);
            process.setProcessEnvironment(environment);
            process.start(QStringLiteral(OMU_EXECUTABLE),
                          {QStringLiteral("tune"), QStringLiteral("revert"),
                           QStringLiteral("--json"), QStringLiteral("--data-folder"),
                           journalDir.path(), QStringLiteral("--engine"), engineName(target.engine),
                           QStringLiteral("--host"), target.host, QStringLiteral("--port"),
                           QString::number(target.port), QStringLiteral("--user"), target.user,
                           QStringLiteral("--database"), target.database});
            QVERIFY(process.waitForFinished(60'000));
            const QByteArray out = process.readAllStandardOutput();
            const QByteArray err = process.readAllStandardError();
            QVERIFY2(process.exitCode() == 0, err.constData());
            const QJsonObject result =
                QJsonDocument::fromJson(out).object().value(QStringLiteral("result")).toObject();
            // First run reverts; the second finds nothing left to do.
            QCOMPARE(result.value(QStringLiteral("status")).toString(),
                     run == 0 ? QStringLiteral("reverted") : QStringLiteral("nothing-to-revert"));
            if (run == 0)
                QVERIFY(result.value(QStringLiteral("verified")).toBool());
            QVERIFY(!out.contains(target.password.toUtf8()));
            QVERIFY(!err.contains(target.password.toUtf8()));
        }
    }
    QCOMPARE(mariaGlobal(), mysqlOriginal);
    QCOMPARE(pgDatabaseSettings(m_pgDatabase), QString());
}

QTEST_GUILESS_MAIN(TestTuning)
#include "TestTuning.moc"

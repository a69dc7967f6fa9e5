// `omupgrade tune show|apply|revert` end to end: the real binary against the real
// servers, JSON and text out, exit codes, sizes refused with a clear message, and the
// password never printed.
#include "AppRunner.h"
#include "SortBufferLock.h"
#include "TestServers.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace omu;
using namespace omu::test;

namespace {

// The executable under test (omu_add_test ... RUNS_APP passes its path); a run that takes longer
// than two minutes fails the test.
const AppRunner omupgrade(QStringLiteral(OMU_EXECUTABLE), std::chrono::seconds(120));

QString scalar(Engine engine, const QString& database, const QString& sql)
{
    QString result;
    QString connection;
    {
        QSqlDatabase db = TestServers::open(engine, database);
        connection = db.connectionName();
        QSqlQuery query(db);
        if (query.exec(sql) && query.next())
            result = query.value(0).toString();
    }
    QSqlDatabase::removeDatabase(connection);
    return result;
}

} // namespace

class TestCliTune : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void helpListsTune();
    void badUsageExits64_data();
    void badUsageExits64();
    void postgresShowApplyRevertAsJson();
    void postgresTextOutput();
    void mariadbApplyRevertAndRefusalWithoutPrivilege();
    void unreachableServerExits2();

private:
    QStringList options(Engine engine, const QString& database, const QString& user = {}) const;

    QTemporaryDir m_dir;
    QString m_pgDatabase;
    QString m_mysqlDatabase;
    QString m_mysqlUser;
    const QString m_userPassword = QStringLiteral("Cli-pw'3");
};

void TestCliTune::initTestCase()
{
    for (const Engine engine : {Engine::MySql, Engine::Postgres})
        if (!TestServers::admin(engine))
            QFAIL(qPrintable(TestServers::unavailableMessage(engine)));
    m_pgDatabase = TestServers::uniqueName(QStringLiteral("omu_clitune"));
    m_mysqlDatabase = TestServers::uniqueName(QStringLiteral("omu_clitune"));
    QString error;
    QVERIFY2(TestServers::createDatabase(Engine::Postgres, m_pgDatabase, &error),
             qPrintable(error));
    QVERIFY2(TestServers::createDatabase(Engine::MySql, m_mysqlDatabase, &error),
             qPrintable(error));
    QVERIFY2(TestServers::exec(
                 Engine::Postgres, m_pgDatabase,
                 QStringLiteral("CREATE TABLE query_entity (id TEXT PRIMARY KEY, json JSONB)"),
                 &error),
             qPrintable(error));
    QVERIFY2(
        TestServers::exec(
            Engine::Postgres, m_pgDatabase,
            QStringLiteral("INSERT INTO query_entity VALUES ('a', '{\"query\": \"SELECT 1\"}')"),
            &error),
        qPrintable(error));
    m_mysqlUser = TestServers::uniqueName(QStringLiteral("omu_clitune_user"));
    QVERIFY2(TestServers::createMySqlUser(m_mysqlUser, m_userPassword, m_mysqlDatabase, &error),
             qPrintable(error));
}

void TestCliTune::cleanupTestCase()
{
    TestServers::dropDatabase(Engine::Postgres, m_pgDatabase);
    TestServers::dropDatabase(Engine::MySql, m_mysqlDatabase);
    TestServers::dropMySqlUser(m_mysqlUser);
}

QStringList TestCliTune::options(Engine engine, const QString& database, const QString& user) const
{
    auto profile = *TestServers::admin(engine, database);
    if (!user.isEmpty())
        profile.user = user;
    return connectionArguments(profile) +
           QStringList{QStringLiteral("--data-folder"), m_dir.path()};
}

void TestCliTune::helpListsTune()
{
    const auto help = omupgrade.run({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.contains("  tune       Show, apply or revert"), help.out.constData());
}

void TestCliTune::badUsageExits64_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no action") << QStringList{"tune"} << "tune needs an action";
    QTest::newRow("unknown action")
        << QStringList{"tune", "raise"} << "tune does not know \"raise\"";
    QTest::newRow("extra") << QStringList{"tune", "show", "more"} << "unexpected argument \"more\"";
    QTest::newRow("-1") << QStringList{"tune", "apply", "--value", "-1"} << "cannot be negative";
    QTest::newRow("abc") << QStringList{"tune", "apply", "--value", "abc"}
                         << "\"abc\" is not a size";
    QTest::newRow("1TB") << QStringList{"tune", "apply", "--value", "1TB"}
                         << "1TB is more than the 1 GB";
    QTest::newRow("value with show")
        << QStringList{"tune", "show", "--value", "20MB"} << "--value only goes with tune apply";
    QTest::newRow("bad scope") << QStringList{"tune", "apply", "--scope", "cluster"}
                               << "--scope must be";
    QTest::newRow("force with apply")
        << QStringList{"tune", "apply", "--force"} << "--force only goes with tune revert";
}

void TestCliTune::badUsageExits64()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    verifyBadUsage(omupgrade, arguments, message);
}

void TestCliTune::postgresShowApplyRevertAsJson()
{
    const auto admin = *TestServers::admin(Engine::Postgres);
    const QStringList connection = options(Engine::Postgres, m_pgDatabase);

    auto show = omupgrade.run(
        QStringList{QStringLiteral("tune"), QStringLiteral("show"), QStringLiteral("--json")} +
            connection,
        admin.password);
    QCOMPARE(show.exitCode, 1); // 4MB in force is below the 20MB recommendation: a warning
    auto state = show.json().value(QStringLiteral("state")).toObject();
    QCOMPARE(state.value(QStringLiteral("parameter")).toString(), QStringLiteral("work_mem"));
    const auto current = state.value(QStringLiteral("current")).toObject();
    QCOMPARE(current.value(QStringLiteral("value")).toString(), QStringLiteral("4MB"));
    QCOMPARE(current.value(QStringLiteral("source")).toString(), QStringLiteral("default"));
    QCOMPARE(
        state.value(QStringLiteral("queryEntity")).toObject().value(QStringLiteral("rows")).toInt(),
        1);
    const auto recommendation = state.value(QStringLiteral("recommendation")).toObject();
    QCOMPARE(recommendation.value(QStringLiteral("value")).toString(), QStringLiteral("20MB"));
    QVERIFY(!recommendation.value(QStringLiteral("reason")).toString().isEmpty());
    QCOMPARE(state.value(QStringLiteral("privileges"))
                 .toObject()
                 .value(QStringLiteral("route"))
                 .toString(),
             QStringLiteral("alter-database"));
    QCOMPARE(state.value(QStringLiteral("snippets"))
                 .toObject()
                 .value(QStringLiteral("config"))
                 .toString(),
             QStringLiteral("work_mem = 20MB\n"));
    QVERIFY(state.value(QStringLiteral("managed")).isNull());
    QVERIFY(state.value(QStringLiteral("pendingRevert")).isNull());
    QCOMPARE(show.json()
                 .value(QStringLiteral("connection"))
                 .toObject()
                 .value(QStringLiteral("password"))
                 .toString(),
             QStringLiteral("***"));
    QVERIFY(!show.out.contains(admin.password.toUtf8()));

    const auto apply = omupgrade.run(
        QStringList{QStringLiteral("tune"), QStringLiteral("apply"), QStringLiteral("--value"),
                    QStringLiteral("20 MiB"), QStringLiteral("--json")} +
            connection,
        admin.password);
    QVERIFY2(apply.exitCode == 0, apply.err.constData());
    const auto result = apply.json().value(QStringLiteral("result")).toObject();
    QCOMPARE(result.value(QStringLiteral("status")).toString(), QStringLiteral("applied"));
    QVERIFY(result.value(QStringLiteral("verified")).toBool());
    QCOMPARE(result.value(QStringLiteral("verifiedValue")).toString(), QStringLiteral("20MB"));
    state = apply.json().value(QStringLiteral("state")).toObject();
    QCOMPARE(
        state.value(QStringLiteral("current")).toObject().value(QStringLiteral("value")).toString(),
        QStringLiteral("20MB"));
    QVERIFY(state.value(QStringLiteral("pendingRevert")).isObject());
    QCOMPARE(scalar(Engine::Postgres, m_pgDatabase, QStringLiteral("SHOW work_mem")),
             QStringLiteral("20MB"));

    const auto revert = omupgrade.run(
        QStringList{QStringLiteral("tune"), QStringLiteral("revert"), QStringLiteral("--json")} +
            connection,
        admin.password);
    QVERIFY2(revert.exitCode == 0, revert.err.constData());
    QCOMPARE(revert.json()
                 .value(QStringLiteral("result"))
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("reverted"));
    QCOMPARE(scalar(Engine::Postgres, m_pgDatabase, QStringLiteral("SHOW work_mem")),
             QStringLiteral("4MB"));
    QCOMPARE(scalar(Engine::Postgres, m_pgDatabase,
                    QStringLiteral(
                        "SELECT count(*) FROM pg_db_role_setting s JOIN pg_database d ON d.oid = "
                        "s.setdatabase WHERE d.datname = current_database()")),
             QStringLiteral("0"));

    const auto again = omupgrade.run(
        QStringList{QStringLiteral("tune"), QStringLiteral("revert"), QStringLiteral("--json")} +
            connection,
        admin.password);
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(again.json()
                 .value(QStringLiteral("result"))
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("nothing-to-revert"));
}

void TestCliTune::postgresTextOutput()
{
    const auto admin = *TestServers::admin(Engine::Postgres);
    const auto show = omupgrade.run(QStringList{QStringLiteral("tune"), QStringLiteral("show")} +
                                        options(Engine::Postgres, m_pgDatabase),
                                    admin.password);
    QCOMPARE(show.exitCode, 1);
    QVERIFY2(show.out.contains("In force      4MB for a new connection"), show.out.constData());
    QVERIFY(show.out.contains("Recommended   20MB"));
    QVERIFY(show.out.contains("ALTER DATABASE \"" + m_pgDatabase.toUtf8() +
                              "\" SET work_mem = '20MB';"));
    QVERIFY(show.out.contains("in postgresql.conf:\n    work_mem = 20MB"));
    QVERIFY(!show.out.contains(admin.password.toUtf8()));
}

void TestCliTune::mariadbApplyRevertAndRefusalWithoutPrivilege()
{
    SortBufferLock lock;
    QVERIFY2(lock.locked(), qPrintable(lock.error()));
    const auto admin = *TestServers::admin(Engine::MySql);
    const QString original =
        scalar(Engine::MySql, {}, QStringLiteral("SELECT @@GLOBAL.sort_buffer_size"));

    // Without SUPER: refused before trying, with the explanation and what to do instead.
    const auto refused = omupgrade.run(
        QStringList{QStringLiteral("tune"), QStringLiteral("apply"), QStringLiteral("--json")} +
            options(Engine::MySql, m_mysqlDatabase, m_mysqlUser),
        m_userPassword);
    QCOMPARE(refused.exitCode, 2);
    const auto error = refused.json().value(QStringLiteral("error")).toObject();
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(QLatin1String("SUPER")),
             refused.out.constData());
    QVERIFY(error.value(QStringLiteral("advice"))
                .toString()
                .contains(QLatin1String("SET GLOBAL sort_buffer_size")));
    const auto privileges = refused.json()
                                .value(QStringLiteral("state"))
                                .toObject()
                                .value(QStringLiteral("privileges"))
                                .toObject();
    QVERIFY(!privileges.value(QStringLiteral("canApply")).toBool());
    QCOMPARE(privileges.value(QStringLiteral("missing")).toString(), QStringLiteral("SUPER"));
    QVERIFY(refused.err.contains("Nothing was changed"));
    QCOMPARE(scalar(Engine::MySql, {}, QStringLiteral("SELECT @@GLOBAL.sort_buffer_size")),
             original);

    // As the admin, in text: applied, verified, then reverted.
    const qint64 value = 20 * 1024 * 1024 + (QCoreApplication::applicationPid() % 512) * 1024;
    const auto apply =
        omupgrade.run(QStringList{QStringLiteral("tune"), QStringLiteral("apply"),
                                  QStringLiteral("--value"), QString::number(value)} +
                          options(Engine::MySql, m_mysqlDatabase),
                      admin.password);
    QVERIFY2(apply.exitCode == 0, apply.err.constData());
    QVERIFY2(apply.out.contains("Verified: a new connection as " + admin.user.toUtf8() + " reads " +
                                QByteArray::number(value)),
             apply.out.constData());
    QCOMPARE(scalar(Engine::MySql, {}, QStringLiteral("SELECT @@GLOBAL.sort_buffer_size")),
             QString::number(value));
    const auto revert =
        omupgrade.run(QStringList{QStringLiteral("tune"), QStringLiteral("revert")} +
                          options(Engine::MySql, m_mysqlDatabase),
                      admin.password);
    QVERIFY2(revert.exitCode == 0, revert.err.constData());
    QVERIFY(revert.out.contains("is back to " + original.toUtf8()));
    QCOMPARE(scalar(Engine::MySql, {}, QStringLiteral("SELECT @@GLOBAL.sort_buffer_size")),
             original);
}

void TestCliTune::unreachableServerExits2()
{
    const auto run = omupgrade.run(
        {QStringLiteral("tune"), QStringLiteral("show"), QStringLiteral("--engine"),
         QStringLiteral("postgres"), QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
         QStringLiteral("--port"), QStringLiteral("1"), QStringLiteral("--user"),
         QStringLiteral("x"), QStringLiteral("--database"), QStringLiteral("y"),
         QStringLiteral("--data-folder"), m_dir.path(), QStringLiteral("--json")},
        QStringLiteral("pw"));
    QCOMPARE(run.exitCode, 2);
    QVERIFY(
        run.json().value(QStringLiteral("error")).toObject().contains(QStringLiteral("message")));
    QVERIFY(run.json().value(QStringLiteral("state")).isNull());
    QVERIFY(!run.err.isEmpty());
}

QTEST_GUILESS_MAIN(TestCliTune)
#include "TestCliTune.moc"

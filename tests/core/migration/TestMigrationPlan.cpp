// Splitting migration scripts, reading distributions of every layout, and planning a
// fake release against an OpenMetadata 1.1.5-shaped database on both engines: pending
// versions and statements, refusals, and what a partial run leaves to do.
#include "migration/MigrationPlan.h"
#include "MigrationTestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>

using namespace omu;
using namespace omu::test;

class TestMigrationPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitsAroundQuotesCommentsAndDollarBodies();
    void splitsMySqlSpecifics();
    void checksumIsMd5OfTheText();
    void readsEveryLayout();
    void refusesWhatIsNotADistribution();
    void plansPendingVersions_data();
    void plansPendingVersions();
    void refusesAnOlderRelease_data();
    void refusesAnOlderRelease();
    void refusesADistributionWithoutTheEngine();
    void partialRunLeavesOnlyTheUnloggedStatements_data();
    void partialRunLeavesOnlyTheUnloggedStatements();

private:
    void engines();
    QTemporaryDir m_dir;
};

void TestMigrationPlan::engines()
{
    QTest::addColumn<Engine>("engine");
    QTest::newRow("mariadb") << Engine::MySql;
    QTest::newRow("postgres") << Engine::Postgres;
}

void TestMigrationPlan::splitsAroundQuotesCommentsAndDollarBodies()
{
    const QString script =
        QStringLiteral("-- leading comment; with a semicolon\n"
                       "CREATE TABLE a (x TEXT); /* between; */\n"
                       "INSERT INTO a VALUES ('it''s; fine -- not a comment');\n"
                       "/* nested /* comment; */ still comment; */ SELECT \"odd;name\" FROM a;\n"
                       "DO $body$ BEGIN PERFORM 1; RAISE NOTICE $$a;b$$; END $body$;\n"
                       "SELECT $1, a$b FROM a;\n"
                       "UPDATE a SET x = 'no end'");
    const auto statements = SqlScriptSplitter::split(script, Engine::Postgres);
    QCOMPARE(statements.size(), 6);
    QCOMPARE(statements.at(0).text, QStringLiteral("CREATE TABLE a (x TEXT)"));
    QCOMPARE(statements.at(0).line, 2);
    QCOMPARE(statements.at(1).text,
             QStringLiteral("INSERT INTO a VALUES ('it''s; fine -- not a comment')"));
    QCOMPARE(statements.at(2).text, QStringLiteral("SELECT \"odd;name\" FROM a"));
    QCOMPARE(statements.at(2).line, 4);
    QCOMPARE(statements.at(3).text,
             QStringLiteral("DO $body$ BEGIN PERFORM 1; RAISE NOTICE $$a;b$$; END $body$"));
    QCOMPARE(statements.at(4).text, QStringLiteral("SELECT $1, a$b FROM a"));
    QCOMPARE(statements.at(5).text, QStringLiteral("UPDATE a SET x = 'no end'"));
    QCOMPARE(statements.at(5).line, 7);
    QVERIFY(SqlScriptSplitter::split(QStringLiteral("-- only a comment\n/* and; this */\n  \n"),
                                     Engine::Postgres)
                .isEmpty());
}

void TestMigrationPlan::splitsMySqlSpecifics()
{
    const QString script =
        QStringLiteral("# hash comment; here\n"
                       "INSERT INTO t VALUES ('a\\';b', \"c;\\\"d\");\n"
                       "SELECT 1--1;\n"
                       "SELECT `weird;name` FROM t; -- tail; comment\n"
                       "/* mysql does not nest /* so this ends here */ SELECT 2;");
    const auto statements = SqlScriptSplitter::split(script, Engine::MySql);
    QCOMPARE(statements.size(), 4);
    QCOMPARE(statements.at(0).text, QStringLiteral("INSERT INTO t VALUES ('a\\';b', \"c;\\\"d\")"));
    QCOMPARE(statements.at(1).text, QStringLiteral("SELECT 1--1"));
    QCOMPARE(statements.at(2).text, QStringLiteral("SELECT `weird;name` FROM t"));
    QCOMPARE(statements.at(3).text, QStringLiteral("SELECT 2"));
    // On PostgreSQL a backslash is an ordinary character and # is not a comment.
    const auto pg =
        SqlScriptSplitter::split(QStringLiteral("SELECT 'a\\'; SELECT 2;"), Engine::Postgres);
    QCOMPARE(pg.size(), 2);
    QCOMPARE(pg.at(0).text, QStringLiteral("SELECT 'a\\'"));
}

void TestMigrationPlan::checksumIsMd5OfTheText()
{
    // md5("SELECT 1"), as OpenMetadata keys SERVER_MIGRATION_SQL_LOGS.
    QCOMPARE(SqlScriptSplitter::checksum(QStringLiteral("SELECT 1")),
             QStringLiteral("b1698e52a0f16203489454196a0c6307"));
    QCOMPARE(SqlScriptSplitter::checksum(QStringLiteral("SELECT 1")).size(), 32);
}

void TestMigrationPlan::readsEveryLayout()
{
    const auto ops = OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.3.0")));
    QVERIFY2(ops.ok(), qPrintable(ops.ok() ? QString() : ops.error().toString()));
    QCOMPARE(ops->version().toString(), QStringLiteral("1.3.0"));
    QCOMPARE(ops->versionSource(), QStringLiteral("libs/openmetadata-service-1.3.0.jar"));
    QCOMPARE(ops->tool(), MigrationTool::OpenMetadataOps);
    QCOMPARE(ops->toolScript(), QStringLiteral("bootstrap/openmetadata-ops.sh"));
    QCOMPARE(ops->nativeFolders().size(), 8);
    QCOMPARE(ops->nativeFolders().last().version.toString(), QStringLiteral("1.3.0"));
    QCOMPARE(ops->nativeFolders().last().engines,
             (QStringList{QStringLiteral("mysql"), QStringLiteral("postgres")}));
    QCOMPARE(ops->flywayScripts(Engine::Postgres).size(), 13);
    QCOMPARE(ops->flywayScripts(Engine::MySql).last().version.part(0), 13);

    const auto storage = OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.2.0")));
    QVERIFY(storage.ok());
    QCOMPARE(storage->tool(), MigrationTool::BootstrapStorage);
    QCOMPARE(storage->nativeFolders().last().version.toString(), QStringLiteral("1.2.0"));

    // 1.0.x: Flyway scripts straight under bootstrap/sql/<driver>/, no native folders.
    const auto old = OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.0.5")));
    QVERIFY(old.ok());
    QCOMPARE(old->version().toString(), QStringLiteral("1.0.5"));
    QVERIFY(old->nativeFolders().isEmpty());
    QCOMPARE(old->flywayScripts(Engine::MySql).size(), 13);

    // No jar: the folder's name tells the version.
    const QString renamed = m_dir.filePath(QStringLiteral("unpacked/openmetadata-1.2.1"));
    QVERIFY(FakeDistribution::assemble(QStringLiteral("1.2.1"), renamed));
    QVERIFY(QFile::remove(renamed + QStringLiteral("/libs/openmetadata-service-1.2.1.jar")));
    const auto byName = OpenMetadataDistribution::read(renamed);
    QVERIFY(byName.ok());
    QCOMPARE(byName->version().toString(), QStringLiteral("1.2.1"));
    QVERIFY(byName->versionSource().contains(QStringLiteral("folder name")));
}

void TestMigrationPlan::refusesWhatIsNotADistribution()
{
    const auto missing = OpenMetadataDistribution::read(m_dir.filePath(QStringLiteral("nowhere")));
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().message.contains(QStringLiteral("does not exist")));
    QVERIFY(!missing.error().advice.isEmpty());
    QDir(m_dir.path()).mkpath(QStringLiteral("empty/bootstrap"));
    const auto empty = OpenMetadataDistribution::read(m_dir.filePath(QStringLiteral("empty")));
    QVERIFY(!empty.ok());
    QVERIFY(empty.error().message.contains(QStringLiteral("not an OpenMetadata distribution")));
    QCOMPARE(empty.error().where, QDir(m_dir.filePath(QStringLiteral("empty"))).absolutePath());
}

void TestMigrationPlan::plansPendingVersions_data()
{
    engines();
}

void TestMigrationPlan::plansPendingVersions()
{
    QFETCH(Engine, engine);
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(engine, &error), qPrintable(error));

    const auto release120 =
        OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.2.0")));
    QVERIFY(release120.ok());
    const auto plan = MigrationPlanner::plan(database.profile(), release120.value());
    QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().toString()));
    QCOMPARE(plan->current.toString(), QStringLiteral("1.1.5"));
    QCOMPARE(plan->target.toString(), QStringLiteral("1.2.0"));
    QVERIFY(plan->pendingFlyway.isEmpty()); // the fixture has applied v001..v013
    QCOMPARE(plan->pending.size(), 1);
    const PendingVersion& v120 = plan->pending.first();
    QCOMPARE(v120.files.size(), 2);
    // MySQL's file holds 4 statements, PostgreSQL's 5 (a DO block); one in the post script.
    const int schemaStatements = engine == Engine::MySql ? 4 : 5;
    QCOMPARE(v120.files.at(0).statements.size(), schemaStatements);
    QCOMPARE(v120.files.at(1).statements.size(), 1);
    QVERIFY(!v120.partiallyApplied);
    QVERIFY(v120.files.at(0).statements.at(2).text.contains(QStringLiteral("it''s got a ;")));

    // The design's JSON shape.
    const QJsonObject json = plan->toJson();
    QCOMPARE(json.value(QStringLiteral("current")).toString(), QStringLiteral("1.1.5"));
    QCOMPARE(json.value(QStringLiteral("target")).toString(), QStringLiteral("1.2.0"));
    const QJsonObject first = json.value(QStringLiteral("pending")).toArray().at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("version")).toString(), QStringLiteral("1.2.0"));
    QCOMPARE(
        first.value(QStringLiteral("files")).toArray().at(0).toString(),
        QStringLiteral("bootstrap/sql/migrations/native/1.2.0/%1/schemaChanges.sql")
            .arg(engine == Engine::MySql ? QStringLiteral("mysql") : QStringLiteral("postgres")));
    QCOMPARE(first.value(QStringLiteral("statements")).toArray().size(), schemaStatements + 1);

    const auto release130 =
        OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.3.0")));
    const auto plan130 = MigrationPlanner::plan(database.profile(), release130.value());
    QVERIFY(plan130.ok());
    QStringList versions;
    for (const auto& pending : plan130->pending)
        versions << pending.version.toString();
    QCOMPARE(versions, (QStringList{QStringLiteral("1.2.0"), QStringLiteral("1.2.1"),
                                    QStringLiteral("1.3.0")}));
    QVERIFY(
        plan130->toSqlText().contains(QStringLiteral("DELETE FROM event_subscription_entity;")));
}

void TestMigrationPlan::refusesAnOlderRelease_data()
{
    engines();
}

void TestMigrationPlan::refusesAnOlderRelease()
{
    QFETCH(Engine, engine);
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(engine, &error), qPrintable(error));
    const auto older = OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.1.3")));
    QVERIFY(older.ok());
    const auto plan = MigrationPlanner::plan(database.profile(), older.value());
    QVERIFY(!plan.ok());
    QVERIFY2(plan.error().message.contains(QStringLiteral("older than the database (1.1.5)")),
             qPrintable(plan.error().message));
    QVERIFY(plan.error().advice.contains(QStringLiteral("restore the backup")));

    // The same release is not older: nothing to do.
    const auto same = OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.1.5")));
    const auto upToDate = MigrationPlanner::plan(database.profile(), same.value());
    QVERIFY(upToDate.ok());
    QVERIFY(upToDate->upToDate());
}

void TestMigrationPlan::refusesADistributionWithoutTheEngine()
{
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(Engine::Postgres, &error), qPrintable(error));
    const QString folder = m_dir.filePath(QStringLiteral("mysql-only"));
    QVERIFY(FakeDistribution::assemble(QStringLiteral("1.2.0"), folder));
    for (const QString& version : QDir(folder + QStringLiteral("/bootstrap/sql/migrations/native"))
                                      .entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        QVERIFY(QDir(folder + QStringLiteral("/bootstrap/sql/migrations/native/") + version +
                     QStringLiteral("/postgres"))
                    .removeRecursively());
    const auto distribution = OpenMetadataDistribution::read(folder);
    QVERIFY(distribution.ok());
    const auto plan = MigrationPlanner::plan(database.profile(), distribution.value());
    QVERIFY(!plan.ok());
    QVERIFY2(plan.error().message.contains(QStringLiteral("no postgres migrations")),
             qPrintable(plan.error().message));
}

void TestMigrationPlan::partialRunLeavesOnlyTheUnloggedStatements_data()
{
    engines();
}

void TestMigrationPlan::partialRunLeavesOnlyTheUnloggedStatements()
{
    QFETCH(Engine, engine);
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(engine, &error), qPrintable(error));
    const QString folder = assembled(m_dir, QStringLiteral("1.3.0"));
    const auto profile = database.profile();

    // Run the fake tool by hand, told to die after the first statement of 1.2.0.
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DB_DRIVER_CLASS"),
                       OpenMetadataDistribution::driverClass(engine));
    environment.insert(QStringLiteral("DB_SCHEME"), engine == Engine::MySql
                                                        ? QStringLiteral("mysql")
                                                        : QStringLiteral("postgresql"));
    environment.insert(QStringLiteral("DB_HOST"), profile.host);
    environment.insert(QStringLiteral("DB_PORT"), QString::number(profile.port));
    environment.insert(QStringLiteral("OM_DATABASE"), profile.database);
    environment.insert(QStringLiteral("DB_USER"), profile.user);
    environment.insert(QStringLiteral("DB_USER_PASSWORD"), profile.password);
    environment.insert(QStringLiteral("OMU_FAKE_OM_FAIL"), QStringLiteral("die-mid-version"));
    QProcess tool;
    tool.setProcessEnvironment(environment);
    tool.setWorkingDirectory(folder);
    tool.start(folder + QStringLiteral("/bootstrap/openmetadata-ops.sh"),
               {QStringLiteral("migrate")});
    QVERIFY(tool.waitForFinished(120'000));
    QCOMPARE(tool.exitStatus(), QProcess::CrashExit);

    const auto distribution = OpenMetadataDistribution::read(folder);
    const auto plan = MigrationPlanner::plan(profile, distribution.value());
    QVERIFY(plan.ok());
    QCOMPARE(plan->current.toString(), QStringLiteral("1.1.5"));
    QCOMPARE(plan->pending.first().version.toString(), QStringLiteral("1.2.0"));
    QVERIFY(plan->pending.first().partiallyApplied);
    const int schemaStatements = engine == Engine::MySql ? 4 : 5;
    QCOMPARE(plan->pending.first().files.at(0).statements.size(), schemaStatements - 1);
    QCOMPARE(plan->pending.first().files.at(0).totalStatements, schemaStatements);
    QVERIFY(plan->toJson()
                .value(QStringLiteral("pending"))
                .toArray()
                .at(0)
                .toObject()
                .value(QStringLiteral("partiallyApplied"))
                .toBool());
    const auto state = DatabaseMigrationState::read(profile);
    QVERIFY(state.ok());
    QCOMPARE(state->partiallyApplied(), QStringList{QStringLiteral("1.2.0")});

    // Finish the run: the plan is then up to date, so the checksums agree with the tool's.
    environment.remove(QStringLiteral("OMU_FAKE_OM_FAIL"));
    tool.setProcessEnvironment(environment);
    tool.start(folder + QStringLiteral("/bootstrap/openmetadata-ops.sh"),
               {QStringLiteral("migrate")});
    QVERIFY(tool.waitForFinished(120'000));
    QCOMPARE(tool.exitCode(), 0);
    const auto after = MigrationPlanner::plan(profile, distribution.value());
    QVERIFY(after.ok());
    QVERIFY(after->upToDate());
    QCOMPARE(after->current.toString(), QStringLiteral("1.3.0"));
}

QTEST_GUILESS_MAIN(TestMigrationPlan)
#include "TestMigrationPlan.moc"

// Reading distributions of every layout (1.0 to 2.x), and planning a fake release against
// an OpenMetadata 1.1.5-shaped database on both engines: pending versions and statements,
// refusals, what a partial run leaves to do, and the 2.1 change log's unfinished steps.
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
    void readsEveryLayout();
    void refusesWhatIsNotADistribution();
    void plansPendingVersions_data();
    void plansPendingVersions();
    void refusesAnOlderRelease_data();
    void refusesAnOlderRelease();
    void refusesADistributionWithoutTheEngine();
    void partialRunLeavesOnlyTheUnloggedStatements_data();
    void partialRunLeavesOnlyTheUnloggedStatements();
    void plansAndMigratesNewerLayouts_data();
    void plansAndMigratesNewerLayouts();
    void readsTheTwoOneChangeLog_data();
    void readsTheTwoOneChangeLog();
    void loggedStatementsCountWhateverTheirVersion();

private:
    void engines();
    QTemporaryDir m_dir;
};

namespace {

// Runs the fake release's own tool (openmetadata-ops.sh migrate) on `profile`; `failure`
// goes to OMU_FAKE_OM_FAIL. Returns the finished process's exit status and code.
std::pair<QProcess::ExitStatus, int>
runFakeMigrate(const QString& folder, const ConnectionProfile& profile, const QString& failure = {})
{
    auto environment = QProcessEnvironment::systemEnvironment();
    const Engine engine = profile.engine;
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
    if (!failure.isEmpty())
        environment.insert(QStringLiteral("OMU_FAKE_OM_FAIL"), failure);
    QProcess tool;
    tool.setProcessEnvironment(environment);
    tool.setWorkingDirectory(folder);
    tool.start(folder + QStringLiteral("/bootstrap/openmetadata-ops.sh"),
               {QStringLiteral("migrate")});
    if (!tool.waitForFinished(180'000)) {
        tool.kill();
        tool.waitForFinished();
        return {QProcess::CrashExit, -1};
    }
    if (tool.exitStatus() == QProcess::NormalExit && tool.exitCode() != 0)
        qWarning("%s", tool.readAllStandardOutput().right(2000).constData());
    return {tool.exitStatus(), tool.exitCode()};
}

} // namespace

void TestMigrationPlan::engines()
{
    QTest::addColumn<Engine>("engine");
    QTest::newRow("mariadb") << Engine::MySql;
    QTest::newRow("postgres") << Engine::Postgres;
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
    QCOMPARE(runFakeMigrate(folder, profile, QStringLiteral("die-mid-version")).first,
             QProcess::CrashExit);

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
    QCOMPARE(runFakeMigrate(folder, profile), std::make_pair(QProcess::NormalExit, 0));
    const auto after = MigrationPlanner::plan(profile, distribution.value());
    QVERIFY(after.ok());
    QVERIFY(after->upToDate());
    QCOMPARE(after->current.toString(), QStringLiteral("1.3.0"));
}

void TestMigrationPlan::plansAndMigratesNewerLayouts_data()
{
    engines();
}

void TestMigrationPlan::plansAndMigratesNewerLayouts()
{
    QFETCH(Engine, engine);
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(engine, &error), qPrintable(error));
    const auto profile = database.profile();

    // 1.5.x: no bootstrap_storage.sh any more, only openmetadata-ops.sh.
    const QString folder151 = assembled(m_dir, QStringLiteral("1.5.3"));
    QVERIFY(!QFileInfo::exists(folder151 + QStringLiteral("/bootstrap/bootstrap_storage.sh")));
    const auto release151 = OpenMetadataDistribution::read(folder151);
    QVERIFY(release151.ok());
    QCOMPARE(release151->tool(), MigrationTool::OpenMetadataOps);
    const auto plan151 = MigrationPlanner::plan(profile, release151.value());
    QVERIFY2(plan151.ok(), qPrintable(plan151.ok() ? QString() : plan151.error().toString()));
    QCOMPARE(plan151->target.toString(), QStringLiteral("1.5.3"));
    // 1.5.3 has no folder of its own: the newest migration it ships is 1.5.1.
    QCOMPARE(plan151->targetSchema.toString(), QStringLiteral("1.5.1"));
    QStringList versions;
    for (const auto& pending : plan151->pending)
        versions << pending.version.toString();
    QCOMPARE(versions, (QStringList{"1.2.0", "1.2.1", "1.3.0", "1.5.1"}));
    // The comment right above a statement is part of its text, as Flyway logs it.
    QVERIFY(plan151->pending.last().files.at(0).statements.at(0).text.startsWith(
        QStringLiteral("-- FAKE native migration 1.5.1")));
    QCOMPARE(runFakeMigrate(folder151, profile), std::make_pair(QProcess::NormalExit, 0));
    const auto state151 = DatabaseMigrationState::read(profile);
    QVERIFY(state151.ok());
    QVERIFY(
        state151->holdsRelease(*Version::parse(QStringLiteral("1.5.3")), plan151->targetSchema));
    QVERIFY(!state151->holdsRelease(*Version::parse(QStringLiteral("1.5.3")), Version()));

    // 2.x: the baseline folder is there (for fresh installs); the upgrade runs the folders.
    const QString folder20 = assembled(m_dir, QStringLiteral("2.0.10"));
    const auto release20 = OpenMetadataDistribution::read(folder20);
    QVERIFY(release20.ok());
    QVERIFY(
        release20->baselineFolder().endsWith(QStringLiteral("bootstrap/sql/migrations/baseline")));
    const auto plan20 = MigrationPlanner::plan(profile, release20.value());
    QVERIFY(plan20.ok());
    QCOMPARE(plan20->current.toString(), QStringLiteral("1.5.1"));
    QCOMPARE(plan20->targetSchema.toString(), QStringLiteral("2.0.0"));
    QCOMPARE(plan20->pending.size(), 1);
    // The blank line after the header comment keeps it out of the statement, and the
    // space before the last ';' stays in.
    const auto& statements20 = plan20->pending.first().files.at(0).statements;
    QVERIFY(
        statements20.at(0).text.startsWith(QStringLiteral("ALTER TABLE omu_fake_upgrade_note")));
    QVERIFY(statements20.at(1).text.endsWith(QStringLiteral("IS NULL ")));
    QCOMPARE(runFakeMigrate(folder20, profile), std::make_pair(QProcess::NormalExit, 0));
    const auto after = MigrationPlanner::plan(profile, release20.value());
    QVERIFY(after.ok());
    QVERIFY(after->upToDate());

    // Statement identity: every statement omupgrade finds in the files it planned is logged
    // under the same MD5 by the fake tool, whose splitter and hash are its own.
    const auto state = DatabaseMigrationState::read(profile);
    QVERIFY(state.ok());
    QVERIFY(state->holdsRelease(*Version::parse(QStringLiteral("2.0.10")), after->targetSchema));
    int checked = 0;
    for (const auto& folder : release20->nativeFolders()) {
        if (!(*Version::parse(QStringLiteral("1.1.5")) < folder.version))
            continue; // the fixture recorded those without running them
        for (const QString& file : release20->nativeFiles(folder, engine)) {
            QFile sql(file);
            QVERIFY(sql.open(QIODevice::ReadOnly));
            for (const auto& statement :
                 SqlScriptSplitter::split(QString::fromUtf8(sql.readAll()), engine)) {
                QVERIFY2(state->isLogged(SqlScriptSplitter::checksum(statement.text)),
                         qPrintable(file + QStringLiteral(": ") + statement.text));
                ++checked;
            }
        }
    }
    QVERIFY(checked >= 12);
}

void TestMigrationPlan::readsTheTwoOneChangeLog_data()
{
    engines();
}

void TestMigrationPlan::readsTheTwoOneChangeLog()
{
    QFETCH(Engine, engine);
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(engine, &error), qPrintable(error));
    const QString table = database.table("server_change_log");
    // The columns 2.1's runner adds, as its MigrationHistoryTable writes them.
    QVERIFY2(database.exec(QStringLiteral("ALTER TABLE %1 ADD COLUMN migrationType VARCHAR(20) NOT "
                                          "NULL DEFAULT 'NATIVE'")
                               .arg(table),
                           &error),
             qPrintable(error));
    QVERIFY2(database.exec(QStringLiteral("ALTER TABLE %1 ADD COLUMN status VARCHAR(20) NOT NULL "
                                          "DEFAULT 'COMPLETED'")
                               .arg(table),
                           &error),
             qPrintable(error));
    QVERIFY2(
        database.exec(QStringLiteral("INSERT INTO %1 (version, migrationFileName, checksum, "
                                     "installed_on, migrationType, status) VALUES ('1.2.0', "
                                     "'native/1.2.0', 'x', CURRENT_TIMESTAMP, 'NATIVE', 'STARTED')")
                          .arg(table),
                      &error),
        qPrintable(error));

    const auto state = DatabaseMigrationState::read(database.profile());
    QVERIFY2(state.ok(), qPrintable(state.ok() ? QString() : state.error().toString()));
    QCOMPARE(state->current().toString(), QStringLiteral("1.1.5")); // STARTED is not applied
    QCOMPARE(state->unfinished.size(), 1);
    QCOMPARE(state->unfinished.first().status, QStringLiteral("STARTED"));
    QVERIFY(state->partiallyApplied().contains(QStringLiteral("1.2.0")));
    QVERIFY(!state->holdsRelease(*Version::parse(QStringLiteral("1.1.5")), Version()));

    const auto distribution =
        OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.2.0")));
    const auto plan = MigrationPlanner::plan(database.profile(), distribution.value());
    QVERIFY(plan.ok());
    QCOMPARE(plan->unfinished.size(), 1);
    QVERIFY(!plan->upToDate());
    QCOMPARE(plan->pending.first().version.toString(), QStringLiteral("1.2.0"));
    QVERIFY(plan->toSqlText().contains(QStringLiteral("1.2.0 was left STARTED")));
    QCOMPARE(plan->toJson().value(QStringLiteral("unfinished")).toArray().size(), 1);

    // A FAILED step reads the same way; COMPLETED is applied; a BASELINE row covers the
    // versions below it.
    QVERIFY(database.exec(
        QStringLiteral("UPDATE %1 SET status = 'FAILED' WHERE version = '1.2.0'").arg(table)));
    const auto failed = DatabaseMigrationState::read(database.profile());
    QVERIFY(failed.ok());
    QCOMPARE(failed->current().toString(), QStringLiteral("1.1.5"));
    QCOMPARE(failed->unfinished.size(), 1);
    QCOMPARE(failed->unfinished.first().status, QStringLiteral("FAILED"));
    QVERIFY(database.exec(
        QStringLiteral("UPDATE %1 SET status = 'COMPLETED' WHERE version = '1.2.0'").arg(table)));
    QVERIFY(database.exec(QStringLiteral("INSERT INTO %1 (version, migrationFileName, checksum, "
                                         "installed_on, migrationType, status) VALUES "
                                         "('2.0.0-baseline', 'baseline', 'y', CURRENT_TIMESTAMP, "
                                         "'BASELINE', 'COMPLETED')")
                              .arg(table)));
    const auto later = DatabaseMigrationState::read(database.profile());
    QVERIFY(later.ok());
    QVERIFY(later->unfinished.isEmpty());
    QCOMPARE(later->baseline.toString(), QStringLiteral("2.0.0-baseline"));
    QVERIFY(later->holdsRelease(*Version::parse(QStringLiteral("1.13.6")),
                                *Version::parse(QStringLiteral("1.13.4"))));
    QVERIFY(!later->isPending(*Version::parse(QStringLiteral("1.13.4"))));
    QVERIFY(later->isPending(*Version::parse(QStringLiteral("2.0.0"))));
}

void TestMigrationPlan::loggedStatementsCountWhateverTheirVersion()
{
    // OpenMetadata skips a statement whose checksum SERVER_MIGRATION_SQL_LOGS holds under
    // any version (the checksum is the table's key).
    const auto distribution =
        OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.3.0")));
    QVERIFY(distribution.ok());
    NativeMigrationFolder v120;
    for (const auto& folder : distribution->nativeFolders())
        if (folder.version.toString() == QLatin1String("1.2.0"))
            v120 = folder;
    QFile file(distribution->nativeFiles(v120, Engine::MySql).first());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto statements =
        SqlScriptSplitter::split(QString::fromUtf8(file.readAll()), Engine::MySql);
    QVERIFY(statements.size() >= 2);
    DatabaseMigrationState state;
    state.hasChangeLog = true;
    state.appliedVersions << *Version::parse(QStringLiteral("1.1.5"));
    state.loggedChecksums[QStringLiteral("1.1.0")].insert(
        SqlScriptSplitter::checksum(statements.at(1).text));
    const auto plan = MigrationPlanner::plan(state, distribution.value(), Engine::MySql);
    QVERIFY(plan.ok());
    const PendingVersion& pending = plan->pending.first();
    QCOMPARE(pending.version.toString(), QStringLiteral("1.2.0"));
    QVERIFY(!pending.partiallyApplied); // logged by another version: not a partial run of 1.2.0
    QCOMPARE(pending.files.first().statements.size(), statements.size() - 1);
    for (const auto& statement : pending.files.first().statements)
        QVERIFY(statement.text != statements.at(1).text);
}

QTEST_GUILESS_MAIN(TestMigrationPlan)
#include "TestMigrationPlan.moc"

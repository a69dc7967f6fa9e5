// Rollback of a failed (or finished) upgrade and restore into a new database, on both
// engines, against the real servers. The upgrade is the FAKE release's migration
// (tests/fakes/openmetadata-distribution), killed mid-version or run to the end.
#include "AppRunner.h"
#include "backup/BackupFiles.h"
#include "backup/SchemaSnapshot.h"
#include "BackupTestSupport.h"
#include "connection/DatabaseConnector.h"
#include "FakeDistribution.h"
#include "migration/MigrationRunner.h"
#include "migration/OpenMetadataDistribution.h"
#include "migration/ToolCommandLine.h"
#include "rollback/FileSections.h"
#include "rollback/NewDatabaseRestore.h"
#include "rollback/Rollback.h"
#include "TestServers.h"
#include "ThrowawayServer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace omu;
using namespace omu::test;

namespace {

// Nothing listens here: the OpenMetadata server counts as stopped.
const QString stoppedServer = QStringLiteral("http://127.0.0.1:9");

QString firstValue(Engine engine, const QString& database, const QString& sql)
{
    QString error;
    QSqlDatabase db = TestServers::open(engine, database, &error);
    QString value = QStringLiteral("<cannot open: %1>").arg(error);
    {
        QSqlQuery query(db);
        if (!query.exec(sql))
            value = QStringLiteral("<failed: %1>").arg(query.lastError().text());
        else if (!query.next())
            value = QStringLiteral("<no row>");
        else
            value = query.value(0).toString();
    }
    const QString connection = db.connectionName();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(connection);
    return value;
}

// What the catalog says about the schema: the same reader the backup uses, so the two
// are compared object by object (tables, columns, keys, indexes, sequences, charsets).
QMap<QString, QStringList> describe(const ConnectionProfile& profile)
{
    auto opened = DatabaseConnector::open(profile);
    if (!opened)
        return {{QStringLiteral("error"), {opened.error().toError().toString()}}};
    QSqlQuery(opened.value()->database())
        .exec(profile.engine == Engine::MySql ? QStringLiteral("START TRANSACTION")
                                              : QStringLiteral("BEGIN"));
    auto snapshot = SchemaSnapshot::read(*opened.value(), profile.engine == Engine::MySql
                                                              ? profile.database
                                                              : QStringLiteral("public"));
    QSqlQuery(opened.value()->database()).exec(QStringLiteral("ROLLBACK"));
    if (!snapshot)
        return {{QStringLiteral("error"), {snapshot.error().toString()}}};
    return snapshot.value().objects;
}

// Everything a rollback must put back, in terms that need no omupgrade code: every
// table's rows (change logs included) and the schema as the catalog describes it.
struct State
{
    QMap<QString, QByteArray> rows;
    QMap<QString, QStringList> schema;
    bool operator==(const State& other) const
    {
        return rows == other.rows && schema == other.schema;
    }
};

State stateOf(const ScratchDatabase& database)
{
    return State{contentDigests(database.engine(), database.name(), true),
                 describe(database.profile())};
}

QString firstDifference(const State& want, const State& have)
{
    for (auto it = want.rows.cbegin(); it != want.rows.cend(); ++it)
        if (have.rows.value(it.key()) != it.value())
            return QStringLiteral("rows of %1: %2 vs %3")
                .arg(it.key(), QString::fromLatin1(it.value()),
                     QString::fromLatin1(have.rows.value(it.key())));
    if (want.rows.size() != have.rows.size())
        return QStringLiteral("tables: %1 vs %2")
            .arg(QStringList(want.rows.keys()).join(QLatin1Char(' ')),
                 QStringList(have.rows.keys()).join(QLatin1Char(' ')));
    for (auto it = want.schema.cbegin(); it != want.schema.cend(); ++it)
        if (have.schema.value(it.key()) != it.value())
            return QStringLiteral("schema of %1: %2 vs %3")
                .arg(it.key(), it.value().join(QLatin1Char('\n')),
                     have.schema.value(it.key()).join(QLatin1Char('\n')));
    if (want.schema.size() != have.schema.size())
        return QStringLiteral("schema objects: %1 vs %2")
            .arg(QStringList(want.schema.keys()).join(QLatin1Char(' ')),
                 QStringList(have.schema.keys()).join(QLatin1Char(' ')));
    return {};
}

// Tables OpenMetadata's fixture lacks but long-lived installs have: Flowable's ACT_* in
// utf8mb3 (issue #28255), Quartz, keys between tables, a counter past its rows, a sequence
// of its own, a column collation, a check constraint and a plain index.
bool addHostileExtras(const ScratchDatabase& database, QString* error)
{
    const Engine engine = database.engine();
    QStringList sql;
    if (engine == Engine::MySql) {
        sql << QStringLiteral(
                   "CREATE TABLE ACT_RU_EXECUTION (ID_ VARCHAR(64) NOT NULL PRIMARY KEY, REV_ "
                   "INT CHECK (REV_ >= 0), NAME_ VARCHAR(255), BUSINESS_KEY_ VARCHAR(255) "
                   "COLLATE utf8mb3_bin) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 "
                   "COLLATE=utf8mb3_general_ci")
            << QStringLiteral("INSERT INTO ACT_RU_EXECUTION VALUES ('e1', 1, 'Überprüfung ☃', "
                              "'k''1\\\\x'), ('e2', 2, NULL, ''), ('e3', 0, 'tab\\there', 'z')")
            << QStringLiteral("CREATE TABLE QRTZ_LOCKS (SCHED_NAME VARCHAR(120) NOT NULL, "
                              "LOCK_NAME VARCHAR(40) NOT NULL, PRIMARY KEY (SCHED_NAME, "
                              "LOCK_NAME))")
            << QStringLiteral("INSERT INTO QRTZ_LOCKS VALUES ('sched', 'TRIGGER_ACCESS')")
            << QStringLiteral("CREATE TABLE omu_child (id INT AUTO_INCREMENT PRIMARY KEY, parent "
                              "VARCHAR(64) CHARACTER SET utf8mb3, note TEXT, KEY child_parent "
                              "(parent), CONSTRAINT fk_child FOREIGN KEY (parent) REFERENCES "
                              "ACT_RU_EXECUTION (ID_))")
            << QStringLiteral("INSERT INTO omu_child (parent, note) VALUES ('e1', 'a'), ('e2', "
                              "'b'), ('e1', 'c'), ('e3', 'gone')")
            << QStringLiteral("DELETE FROM omu_child WHERE note = 'gone'");
    } else {
        sql << QStringLiteral("CREATE TABLE act_ru_execution (id_ VARCHAR(64) PRIMARY KEY, rev_ "
                              "INT CHECK (rev_ >= 0), name_ TEXT COLLATE \"C\", business_key_ "
                              "VARCHAR(255))")
            << QStringLiteral("INSERT INTO act_ru_execution VALUES ('e1', 1, 'Überprüfung ☃', "
                              "'k''1\\x'), ('e2', 2, NULL, ''), ('e3', 0, E'tab\\there', 'z'), "
                              // What COPY writes as escapes (\b \f \v) and what it does not.
                              "('e4', 0, E'bs\\b ff\\f vt\\x0b soh\\x01', 'y')")
            << QStringLiteral("CREATE TABLE qrtz_locks (sched_name VARCHAR(120) NOT NULL, "
                              "lock_name VARCHAR(40) NOT NULL, PRIMARY KEY (sched_name, "
                              "lock_name))")
            << QStringLiteral("INSERT INTO qrtz_locks VALUES ('sched', 'TRIGGER_ACCESS')")
            << QStringLiteral("CREATE SEQUENCE omu_standalone_seq START 50 INCREMENT 5")
            << QStringLiteral("SELECT nextval('omu_standalone_seq'), "
                              "nextval('omu_standalone_seq')")
            << QStringLiteral("CREATE TABLE omu_child (id INT GENERATED BY DEFAULT AS IDENTITY "
                              "PRIMARY KEY, parent VARCHAR(64) REFERENCES act_ru_execution (id_), "
                              "note TEXT DEFAULT 'x')")
            << QStringLiteral("CREATE INDEX child_parent ON omu_child (parent)")
            << QStringLiteral("INSERT INTO omu_child (parent, note) VALUES ('e1', 'a'), ('e2', "
                              "'b'), ('e1', 'c'), ('e3', 'gone')")
            << QStringLiteral("DELETE FROM omu_child WHERE note = 'gone'");
    }
    for (const QString& statement : std::as_const(sql))
        if (!TestServers::exec(engine, database.name(), statement, error))
            return false;
    return true;
}

// Who owns what in the PostgreSQL schema `public` and who was granted what: the schema's
// line, then one line per table and sequence (owner and ACL as the catalog prints them).
QString accessOf(const QString& database, bool schemaOnly)
{
    return schemaOnly
               ? firstValue(Engine::Postgres, database,
                            QStringLiteral("SELECT pg_get_userbyid(nspowner) || ' ' || "
                                           "coalesce(nspacl::text, '-') FROM pg_namespace WHERE "
                                           "nspname = 'public'"))
               : firstValue(Engine::Postgres, database,
                            QStringLiteral("SELECT string_agg(c.relname || ' ' || "
                                           "pg_get_userbyid(c.relowner) || ' ' || "
                                           "coalesce(c.relacl::text, '-'), E'\\n' ORDER BY "
                                           "c.relname) FROM pg_class c JOIN pg_namespace n ON "
                                           "n.oid = c.relnamespace WHERE n.nspname = 'public' "
                                           "AND c.relkind IN ('r', 'S')"));
}

// Makes the manifest match the file again after a test changed it, as someone who also
// rewrites the manifest would: each table's section (from its TRUNCATE line to the next
// table's) and the whole file get their new sizes and SHA-256.
bool resign(const QString& file)
{
    const QByteArray data = readFile(file);
    QJsonObject manifest =
        QJsonDocument::fromJson(readFile(BackupFiles::manifestPath(file))).object();
    QJsonArray tables = manifest.value(QStringLiteral("tables")).toArray();
    qsizetype start = 0;
    for (int i = 0; i < tables.size(); ++i) {
        QJsonObject table = tables.at(i).toObject();
        qsizetype end = data.size();
        if (i + 1 < tables.size()) {
            const QByteArray next =
                "\nTRUNCATE TABLE " +
                tables.at(i + 1).toObject().value(QStringLiteral("sqlName")).toString().toUtf8() +
                ";\n";
            end = data.indexOf(next, start) + 1;
            if (end <= 0)
                return false;
        }
        const QByteArray section = data.mid(start, end - start);
        table.insert(QStringLiteral("bytes"), double(section.size()));
        table.insert(QStringLiteral("sha256"),
                     QString::fromLatin1(
                         QCryptographicHash::hash(section, QCryptographicHash::Sha256).toHex()));
        tables[i] = table;
        start = end;
    }
    manifest.insert(QStringLiteral("tables"), tables);
    manifest.insert(QStringLiteral("bytes"), double(data.size()));
    manifest.insert(
        QStringLiteral("sha256"),
        QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex()));
    return writeFile(BackupFiles::manifestPath(file), QJsonDocument(manifest).toJson());
}

// How many scratch or failed states of `database` a rollback left (its own names).
QString rollbackContainers(const ScratchDatabase& database)
{
    return database.engine() == Engine::MySql
               ? firstValue(Engine::MySql, {},
                            QStringLiteral("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE "
                                           "SCHEMA_NAME LIKE '%1\\_omu\\_%'")
                                .arg(database.name()))
               : firstValue(Engine::Postgres, database.name(),
                            QStringLiteral("SELECT COUNT(*) FROM pg_namespace WHERE nspname LIKE "
                                           "'public\\_omu\\_%'"));
}

QString childTable(Engine engine)
{
    return engine == Engine::MySql ? QStringLiteral("omu_child") : QStringLiteral("omu_child");
}

} // namespace

class TestRollback : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rollsBackAMigrationThatDiedMidVersion_data() { engines(); }
    void rollsBackAMigrationThatDiedMidVersion();
    void rollsBackAFinishedMigrationFromTheCommandLine_data() { engines(); }
    void rollsBackAFinishedMigrationFromTheCommandLine();
    void killedAtEachPointLeavesOneStateAndTheNextRunFinishes_data();
    void killedAtEachPointLeavesOneStateAndTheNextRunFinishes();
    void restoresIntoANewDatabaseThatTheOfficialFormatStillReplaysInto_data() { engines(); }
    void restoresIntoANewDatabaseThatTheOfficialFormatStillReplaysInto();
    void restoresOntoAnotherServer_data() { engines(); }
    void restoresOntoAnotherServer();
    void refusesAndChangesNothing_data() { engines(); }
    void refusesAndChangesNothing();
    void refusesWithoutPrivilegesAndTheGivenSqlIsEnough_data() { engines(); }
    void refusesWithoutPrivilegesAndTheGivenSqlIsEnough();
    void partsCoverEverySectionOnceLargestFirst();

private:
    void engines();
    // A hostile fixture with the extras, backed up into m_dir; false (and a failed test)
    // when a step fails.
    bool prepare(ScratchDatabase& database, QString& file, const QString& name, qint64 rows = 12,
                 const QStringList& extraSql = {});
    // Runs the FAKE release's migration to `version`; `fail` goes to OMU_FAKE_OM_FAIL.
    MigrationOutcome migrate(const ScratchDatabase& database, const QString& version,
                             const QString& fail = {});
    RollbackOptions options(const QString& file) const;

    QTemporaryDir m_dir;
    QTemporaryDir m_home;
};

void TestRollback::engines()
{
    QTest::addColumn<Engine>("engine");
    QTest::newRow("mariadb") << Engine::MySql;
    QTest::newRow("postgres") << Engine::Postgres;
}

void TestRollback::initTestCase()
{
    QVERIFY(m_dir.isValid());
    for (Engine engine : {Engine::MySql, Engine::Postgres})
        if (!TestServers::admin(engine))
            QFAIL(qPrintable(TestServers::unavailableMessage(engine)));
}

bool TestRollback::prepare(ScratchDatabase& database, QString& file, const QString& name,
                           qint64 rows, const QStringList& extraSql)
{
    QString error;
    if (!database.ok()) {
        QTest::qFail(qPrintable(database.error()), __FILE__, __LINE__);
        return false;
    }
    if (!database.fill(rows, 1515, 0, &error) || !addHostileExtras(database, &error)) {
        QTest::qFail(qPrintable(error), __FILE__, __LINE__);
        return false;
    }
    for (const QString& statement : extraSql)
        if (!TestServers::exec(database.engine(), database.name(), statement, &error)) {
            QTest::qFail(qPrintable(error), __FILE__, __LINE__);
            return false;
        }
    const QString folder = m_dir.filePath(
        name + QLatin1Char('-') +
        QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')));
    QDir().mkpath(folder);
    file = backUp(database, folder, name + QStringLiteral(".sql"), &error);
    if (file.isEmpty()) {
        QTest::qFail(qPrintable(error), __FILE__, __LINE__);
        return false;
    }
    return true;
}

MigrationOutcome TestRollback::migrate(const ScratchDatabase& database, const QString& version,
                                       const QString& fail)
{
    const QString folder = m_dir.filePath(QStringLiteral("openmetadata-") + version);
    QString error;
    if (!QDir(folder).exists() && !FakeDistribution::assemble(version, folder, &error))
        QTest::qFail(qPrintable(error), __FILE__, __LINE__);
    const auto distribution = OpenMetadataDistribution::read(folder);
    if (!distribution)
        qFatal("%s", qPrintable(distribution.error().toString()));
    MigrationSettings settings;
    if (!fail.isEmpty())
        settings.baseEnvironment.insert(QStringLiteral("OMU_FAKE_OM_FAIL"), fail);
    const auto command =
        ToolCommandLineBuilder::build(distribution.value(), database.profile(), settings);
    if (!command)
        qFatal("%s", qPrintable(command.error().toString()));
    MigrationRunner runner;
    MigrationRunner::Options runOptions;
    runOptions.profile = database.profile();
    runOptions.pollIntervalMs = 300;
    runOptions.logFile = m_dir.filePath(QStringLiteral("migration.log"));
    QSignalSpy finished(&runner, &MigrationRunner::finished);
    runner.start(command.value(), runOptions);
    if (!finished.wait(180'000))
        QTest::qFail("the migration did not finish", __FILE__, __LINE__);
    return runner.outcome();
}

RollbackOptions TestRollback::options(const QString& file) const
{
    RollbackOptions options;
    options.file = file;
    options.dataFolder = m_home.path();
    options.serverUrl = stoppedServer;
    return options;
}

void TestRollback::rollsBackAMigrationThatDiedMidVersion()
{
    QFETCH(Engine, engine);
    ScratchDatabase database(engine, QStringLiteral("omu_rb_mid"));
    QString file;
    // PostgreSQL: an identity the server always generates (rows load only while it is
    // BY DEFAULT; the rollback makes it ALWAYS again once they are in).
    const QStringList always =
        engine == Engine::MySql
            ? QStringList()
            : QStringList{QStringLiteral("CREATE TABLE omu_always (id INT GENERATED ALWAYS AS "
                                         "IDENTITY PRIMARY KEY, what TEXT)"),
                          QStringLiteral("INSERT INTO omu_always (what) VALUES ('a'), ('b')")};
    if (!prepare(database, file, QStringLiteral("mid"), 12, always))
        return;
    const State before = stateOf(database);
    QVERIFY(before.rows.size() > 20);
    const QString nextChild = engine == Engine::MySql
                                  ? firstValue(engine, database.name(),
                                               QStringLiteral("SELECT AUTO_INCREMENT FROM "
                                                              "information_schema.TABLES WHERE "
                                                              "TABLE_SCHEMA = DATABASE() AND "
                                                              "TABLE_NAME = 'omu_child'"))
                                  : QStringLiteral("5");
    // The official file leaves the change logs out; the sidecar holds them.
    const QByteArray official = readFile(file);
    QVERIFY(!official.contains("SERVER_CHANGE_LOG") && !official.contains("server_change_log"));
    QVERIFY(readFile(BackupFiles::historyPath(file)).contains("INSERT INTO"));

    const MigrationOutcome outcome =
        migrate(database, QStringLiteral("1.3.0"), QStringLiteral("die-mid-version"));
    QVERIFY(outcome.ending != Ending::Succeeded);
    const State broken = stateOf(database);
    QVERIFY2(!(broken == before), "the fake migration changed nothing");

    // Parts of a few hundred bytes: nearly every line straddles the boundary of a part,
    // loaded on one connection or the other.
    qputenv("OMU_TEST_ROLLBACK_PART_BYTES", "300");
    QStringList messages;
    const RollbackOutcome rolled =
        Rollback::run(database.profile(), options(file),
                      [&](const BackupProgress& progress) { messages << progress.message; });
    qunsetenv("OMU_TEST_ROLLBACK_PART_BYTES");
    QVERIFY2(messages.contains(QStringLiteral("loaded and checked %1 tables on 2 connections")
                                   .arg(before.rows.size() - 3)),
             qPrintable(messages.join(QLatin1Char('\n'))));
    QVERIFY2(rolled.ending == Ending::Succeeded, qPrintable(rolled.error.toString()));
    QVERIFY(rolled.verified);
    QVERIFY(rolled.changed);
    QCOMPARE(rolled.toVersion, QStringLiteral("1.1.5"));
    QVERIFY(rolled.failedKeptAs.isEmpty());
    const State after = stateOf(database);
    QVERIFY2(after == before, qPrintable(firstDifference(before, after)));

    // Character sets: the Flowable table is still utf8mb3, table and column.
    if (engine == Engine::MySql) {
        QCOMPARE(firstValue(engine, database.name(),
                            QStringLiteral("SELECT TABLE_COLLATION FROM information_schema.TABLES "
                                           "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = "
                                           "'ACT_RU_EXECUTION'")),
                 QStringLiteral("utf8mb3_general_ci"));
        QCOMPARE(firstValue(engine, database.name(),
                            QStringLiteral("SELECT COLLATION_NAME FROM information_schema.COLUMNS "
                                           "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = "
                                           "'ACT_RU_EXECUTION' AND COLUMN_NAME = "
                                           "'BUSINESS_KEY_'")),
                 QStringLiteral("utf8mb3_bin"));
    } else {
        QCOMPARE(firstValue(engine, database.name(),
                            QStringLiteral("SELECT nextval('omu_standalone_seq')")),
                 QStringLiteral("60"));
        QCOMPARE(firstValue(engine, database.name(),
                            QStringLiteral("SELECT attidentity FROM pg_attribute WHERE attrelid "
                                           "= 'omu_always'::regclass AND attname = 'id'")),
                 QStringLiteral("a"));
        QVERIFY(TestServers::exec(engine, database.name(),
                                  QStringLiteral("INSERT INTO omu_always (what) VALUES ('c')")));
        QCOMPARE(firstValue(engine, database.name(),
                            QStringLiteral("SELECT id FROM omu_always WHERE what = 'c'")),
                 QStringLiteral("3"));
    }
    // Sequences: an insert gets the id the original database would have given it.
    QVERIFY(TestServers::exec(engine, database.name(),
                              QStringLiteral("INSERT INTO %1 (parent, note) VALUES ('e2', 'new')")
                                  .arg(childTable(engine))));
    QCOMPARE(
        firstValue(engine, database.name(),
                   QStringLiteral("SELECT id FROM %1 WHERE note = 'new'").arg(childTable(engine))),
        nextChild);
    // No scratch or failed state is left behind.
    QCOMPARE(rollbackContainers(database), QStringLiteral("0"));
}

void TestRollback::rollsBackAFinishedMigrationFromTheCommandLine()
{
    QFETCH(Engine, engine);
    ScratchDatabase database(engine, QStringLiteral("omu_rb_done"));
    QString file;
    if (!prepare(database, file, QStringLiteral("done")))
        return;
    const State before = stateOf(database);
    const MigrationOutcome outcome = migrate(database, QStringLiteral("1.2.0"));
    QCOMPARE(outcome.ending, Ending::Succeeded);

    AppRunner app(QStringLiteral(OMU_EXECUTABLE));
    app.setEnvironment(QStringLiteral("XDG_DATA_HOME"), m_home.path());
    const ConnectionProfile profile = database.profile();
    // Without --yes nothing happens.
    AppRun run = app.run(QStringList{QStringLiteral("rollback"), QStringLiteral("--input"), file} +
                             connectionArguments(profile),
                         profile.password);
    QCOMPARE(run.exitCode, 64);
    run = app.run(QStringList{QStringLiteral("rollback"), QStringLiteral("--input"), file,
                              QStringLiteral("--yes"), QStringLiteral("--keep-failed"),
                              QStringLiteral("--server-url"), stoppedServer,
                              QStringLiteral("--json")} +
                      connectionArguments(profile),
                  profile.password);
    QVERIFY2(run.exitCode == 0 || run.exitCode == 1, run.err.constData());
    QVERIFY2(!run.err.contains("QCommandLineParser"), run.err.constData());
    const QJsonObject json = run.json();
    QCOMPARE(json.value(QStringLiteral("verified")).toBool(), true);
    QCOMPARE(json.value(QStringLiteral("from")).toString(), QStringLiteral("1.2.0"));
    QCOMPARE(json.value(QStringLiteral("to")).toString(), QStringLiteral("1.1.5"));
    QVERIFY(!run.out.contains(profile.password.toUtf8()) &&
            !run.err.contains(profile.password.toUtf8()));
    const State after = stateOf(database);
    QVERIFY2(after == before, qPrintable(firstDifference(before, after)));

    // The failed state is kept for support, at the version the migration reached.
    const QString kept = json.value(QStringLiteral("failedKeptAs")).toString();
    QVERIFY(kept.contains(QStringLiteral("_omu_failed_")));
    const QString version =
        engine == Engine::MySql
            ? firstValue(engine, kept, QStringLiteral("SELECT MAX(version) FROM SERVER_CHANGE_LOG"))
            : firstValue(
                  engine, database.name(),
                  QStringLiteral("SELECT MAX(version) FROM \"%1\".server_change_log").arg(kept));
    QCOMPARE(version, QStringLiteral("1.2.0"));
    if (engine == Engine::MySql)
        QVERIFY(TestServers::dropDatabase(engine, kept));
}

void TestRollback::killedAtEachPointLeavesOneStateAndTheNextRunFinishes_data()
{
    QTest::addColumn<Engine>("engine");
    QTest::addColumn<QString>("point");
    for (const char* point :
         {"rollback-loading", "rollback-built", "rollback-verified", "rollback-swapped"}) {
        QTest::newRow(qPrintable(QStringLiteral("mariadb %1").arg(QLatin1String(point))))
            << Engine::MySql << QString::fromLatin1(point);
        QTest::newRow(qPrintable(QStringLiteral("postgres %1").arg(QLatin1String(point))))
            << Engine::Postgres << QString::fromLatin1(point);
    }
}

void TestRollback::killedAtEachPointLeavesOneStateAndTheNextRunFinishes()
{
    QFETCH(Engine, engine);
    QFETCH(QString, point);
    ScratchDatabase database(engine, QStringLiteral("omu_rb_kill"));
    QString file;
    if (!prepare(database, file, QStringLiteral("kill-") + QString(point).remove(QLatin1Char('-'))))
        return;
    const State before = stateOf(database);
    QVERIFY(migrate(database, QStringLiteral("1.3.0"), QStringLiteral("die-mid-version")).ending !=
            Ending::Succeeded);
    const State failed = stateOf(database);

    const ConnectionProfile profile = database.profile();
    const QStringList arguments = QStringList{QStringLiteral("rollback"),
                                              QStringLiteral("--input"),
                                              file,
                                              QStringLiteral("--yes"),
                                              QStringLiteral("--server-url"),
                                              stoppedServer,
                                              QStringLiteral("--data-folder"),
                                              m_home.path()} +
                                  connectionArguments(profile);
    AppRunner crashing(QStringLiteral(OMU_EXECUTABLE));
    crashing.setEnvironment(QStringLiteral("OMU_TEST_CRASH_POINT"), point);
    const AppRun killed = crashing.run(arguments, profile.password);
    QVERIFY2(killed.exitCode != 0, killed.err.constData());
    // Either state, never a mix.
    const State between = stateOf(database);
    const bool swapped = point == QLatin1String("rollback-swapped");
    if (swapped)
        QVERIFY2(between == before, qPrintable(firstDifference(before, between)));
    else
        QVERIFY2(between == failed, qPrintable(firstDifference(failed, between)));

    AppRunner app(QStringLiteral(OMU_EXECUTABLE));
    const AppRun next = app.run(arguments, profile.password);
    QVERIFY2(next.exitCode == 0 || next.exitCode == 1, next.err.constData());
    if (swapped)
        QVERIFY2(next.err.contains("Finished the rollback an earlier run left"),
                 next.err.constData());
    else
        QVERIFY2(next.err.contains("interrupted rollback") || next.err.contains("_omu_rollback"),
                 next.err.constData());
    const State after = stateOf(database);
    QVERIFY2(after == before, qPrintable(firstDifference(before, after)));
    QCOMPARE(rollbackContainers(database), QStringLiteral("0"));
}

void TestRollback::restoresIntoANewDatabaseThatTheOfficialFormatStillReplaysInto()
{
    QFETCH(Engine, engine);
    ScratchDatabase database(engine, QStringLiteral("omu_rb_src"));
    QString file;
    // Few rows: the client runs once per line below.
    if (!prepare(database, file, QStringLiteral("copy"), 2))
        return;
    const State source = stateOf(database);
    const QString name = TestServers::uniqueName(QStringLiteral("omu_rb_new"));
    struct Drop
    {
        Engine engine;
        QString name;
        ~Drop() { TestServers::dropDatabase(engine, name); }
    } drop{engine, name};

    AppRunner app(QStringLiteral(OMU_EXECUTABLE));
    app.setEnvironment(QStringLiteral("XDG_DATA_HOME"), m_home.path());
    const ConnectionProfile profile = database.profile();
    const AppRun run =
        app.run(QStringList{QStringLiteral("restore"), QStringLiteral("--input"), file,
                            QStringLiteral("--yes"), QStringLiteral("--new-database"), name,
                            QStringLiteral("--json")} +
                    connectionArguments(profile),
                profile.password);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.json().value(QStringLiteral("verified")).toBool(), true);
    ConnectionProfile copyProfile = profile;
    copyProfile.database = name;
    const State copy{contentDigests(engine, name, true), describe(copyProfile)};
    QVERIFY2(copy == source, qPrintable(firstDifference(source, copy)));

    // A second restore under the same name is refused and touches nothing.
    const AppRun again =
        app.run(QStringList{QStringLiteral("restore"), QStringLiteral("--input"), file,
                            QStringLiteral("--yes"), QStringLiteral("--new-database"), name} +
                    connectionArguments(profile),
                profile.password);
    QCOMPARE(again.exitCode, 2);
    QVERIFY(again.err.contains("already exists"));

    // OpenMetadata's own restore still reads the official file: every line, on its own,
    // through the command-line client, into a database at the same version.
    // (Its TRUNCATE lines cannot empty a table another table's foreign key points at, which
    // OpenMetadata's own schema never has; the fixture's extra key goes first.)
    QString error;
    QVERIFY2(
        TestServers::exec(engine, name,
                          engine == Engine::MySql
                              ? QStringLiteral("ALTER TABLE omu_child DROP FOREIGN KEY fk_child")
                              : QStringLiteral("ALTER TABLE omu_child DROP CONSTRAINT "
                                               "omu_child_parent_fkey"),
                          &error),
        qPrintable(error));
    int lines = 0;
    QVERIFY2(runEachLineWithClient(engine, name, file, &error, &lines), qPrintable(error));
    QVERIFY(lines > 100);
    QCOMPARE(contentDigests(engine, name, false), contentDigests(engine, database.name(), false));
}

// Disaster recovery, moving servers: the backup recreates the deployment's database, under
// its own name, on a second server of the test's own.
void TestRollback::restoresOntoAnotherServer()
{
    QFETCH(Engine, engine);
    ScratchDatabase database(engine, QStringLiteral("omu_rb_move"));
    QString file;
    if (!prepare(database, file, QStringLiteral("move"), 4))
        return;
    const State source = stateOf(database);
    ThrowawayServer other;
    QString error;
    QVERIFY2(other.start(engine, &error), qPrintable(error));
    // Connected through a database every server has; the new one takes the source's name.
    const ConnectionProfile server = other.profile(
        engine == Engine::MySql ? QStringLiteral("mysql") : QStringLiteral("postgres"));
    QVERIFY(server.port != database.profile().port);

    AppRunner app(QStringLiteral(OMU_EXECUTABLE));
    app.setEnvironment(QStringLiteral("XDG_DATA_HOME"), m_home.path());
    const AppRun run =
        app.run(QStringList{QStringLiteral("restore"), QStringLiteral("--input"), file,
                            QStringLiteral("--yes"), QStringLiteral("--new-database"),
                            database.name(), QStringLiteral("--json")} +
                    connectionArguments(server),
                server.password);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.json().value(QStringLiteral("verified")).toBool(), true);
    QVERIFY(!run.out.contains(server.password.toUtf8()) &&
            !run.err.contains(server.password.toUtf8()));
    const ConnectionProfile moved = other.profile(database.name());
    const State copy{contentDigests(moved, true), describe(moved)};
    QVERIFY2(copy == source, qPrintable(firstDifference(source, copy)));
    // The copy is a working database: the next insert gets the next id.
    QVERIFY2(TestServers::exec(moved,
                               QStringLiteral("INSERT INTO omu_child (parent, note) VALUES "
                                              "('e2', 'after the move')"),
                               &error),
             qPrintable(error));
}

void TestRollback::refusesAndChangesNothing()
{
    QFETCH(Engine, engine);
    ScratchDatabase database(engine, QStringLiteral("omu_rb_no"));
    QString file;
    if (!prepare(database, file, QStringLiteral("refuse")))
        return;
    QVERIFY(migrate(database, QStringLiteral("1.3.0"), QStringLiteral("die-mid-version")).ending !=
            Ending::Succeeded);
    const State failed = stateOf(database);
    auto expectRefusal = [&](const ConnectionProfile& profile, const RollbackOptions& options,
                             const QString& words) {
        const RollbackOutcome outcome = Rollback::run(profile, options);
        QCOMPARE(outcome.ending, Ending::Failed);
        QVERIFY(!outcome.changed);
        QVERIFY2(outcome.error.toString().contains(words), qPrintable(outcome.error.toString()));
        QVERIFY2(outcome.error.toString().contains(QStringLiteral("Nothing was changed")) ||
                     outcome.error.toString().contains(QStringLiteral("not changed")),
                 qPrintable(outcome.error.toString()));
        const State now = stateOf(database);
        QVERIFY2(now == failed, qPrintable(firstDifference(failed, now)));
    };

    // The OpenMetadata server answers: it is running.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    connect(&server, &QTcpServer::newConnection, &server, [&server] {
        QTcpSocket* socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            socket->readAll();
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                          "21\r\nConnection: close\r\n\r\n{\"version\": \"1.3.0\"}\n");
            socket->disconnectFromHost();
        });
    });
    RollbackOptions running = options(file);
    running.serverUrl = QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort());
    expectRefusal(database.profile(), running, QStringLiteral("must be stopped"));
    if (QTest::currentTestFailed())
        return;

    // Another database's backup.
    ScratchDatabase other(engine, QStringLiteral("omu_rb_other"));
    QVERIFY(other.ok());
    expectRefusal(other.profile(), options(file), QStringLiteral("the backup is of"));
    if (QTest::currentTestFailed())
        return;

    // Not enough room on the server for the old state beside the failed one.
    qputenv("OMU_TEST_SERVER_FREE_BYTES", "1048576");
    expectRefusal(database.profile(), options(file), QStringLiteral("not enough free space"));
    qunsetenv("OMU_TEST_SERVER_FREE_BYTES");
    if (QTest::currentTestFailed())
        return;

    const QByteArray official = readFile(file);
    const QByteArray manifest = readFile(BackupFiles::manifestPath(file));
    // A row changed after the backup, its size kept: found by the section's hash while the
    // rows load, and the copy that was being built goes.
    QByteArray changed = official;
    const qsizetype row = changed.indexOf("INSERT INTO", changed.size() / 2);
    QVERIFY(row > 0);
    const qsizetype letter = changed.indexOf("a", row + 40);
    changed[letter] = 'b';
    QVERIFY(writeFile(file, changed));
    expectRefusal(database.profile(), options(file), QStringLiteral("does not match its manifest"));
    QCOMPARE(rollbackContainers(database), QStringLiteral("0"));
    if (QTest::currentTestFailed())
        return;

    // A statement of another kind, with a manifest rewritten to match: refused by the line,
    // never run.
    QByteArray injected = official;
    const qsizetype insert = injected.indexOf("\nINSERT INTO", injected.size() / 3) + 1;
    const qsizetype lineEnd = injected.indexOf('\n', insert);
    injected.replace(insert, lineEnd - insert,
                     QByteArray("DROP TABLE ") + childTable(engine).toUtf8() + ";");
    QVERIFY(writeFile(file, injected));
    QVERIFY(resign(file));
    expectRefusal(database.profile(), options(file), QStringLiteral("the line at byte"));
    QCOMPARE(rollbackContainers(database), QStringLiteral("0"));
    QVERIFY(writeFile(file, official));
    QVERIFY(writeFile(BackupFiles::manifestPath(file), manifest));
    if (QTest::currentTestFailed())
        return;

    // A backup whose schema file was changed.
    const QString schemaFile = BackupFiles::schemaPath(file);
    const QByteArray schema = readFile(schemaFile);
    QVERIFY(writeFile(schemaFile, QByteArray(schema).replace("CREATE TABLE", "CREATE  TABLE")));
    expectRefusal(database.profile(), options(file), QStringLiteral("does not match the manifest"));
    QVERIFY(writeFile(schemaFile, schema));
    if (QTest::currentTestFailed())
        return;

    // Objects a backup does not carry, added to the failed state: on MySQL a trigger would
    // break the swap and a view would stay beside the old tables, so nothing happens; on
    // PostgreSQL they move with the failed schema, which is kept and named.
    QString error;
    if (engine == Engine::MySql) {
        QVERIFY2(TestServers::exec(engine, database.name(),
                                   QStringLiteral("CREATE TRIGGER omu_audit BEFORE INSERT ON "
                                                  "omu_child FOR EACH ROW SET NEW.note = "
                                                  "CONCAT(NEW.note, '!')"),
                                   &error),
                 qPrintable(error));
        const State withTrigger = stateOf(database);
        const RollbackOutcome outcome = Rollback::run(database.profile(), options(file));
        QCOMPARE(outcome.ending, Ending::Failed);
        QVERIFY(!outcome.changed);
        QVERIFY2(outcome.error.toString().contains(
                     QStringLiteral("objects a backup does not carry: trigger omu_audit on "
                                    "omu_child")),
                 qPrintable(outcome.error.toString()));
        QVERIFY2(outcome.error.toString().contains(QStringLiteral("Nothing was changed")),
                 qPrintable(outcome.error.toString()));
        const State now = stateOf(database);
        QVERIFY2(now == withTrigger, qPrintable(firstDifference(withTrigger, now)));
        QCOMPARE(rollbackContainers(database), QStringLiteral("0"));
    } else {
        QVERIFY2(TestServers::exec(engine, database.name(),
                                   QStringLiteral("CREATE VIEW omu_report AS SELECT parent, "
                                                  "count(*) AS n FROM omu_child GROUP BY parent"),
                                   &error),
                 qPrintable(error));
        RollbackOptions dropFailed = options(file);
        dropFailed.keepFailed = false;
        const RollbackOutcome outcome = Rollback::run(database.profile(), dropFailed);
        QVERIFY2(outcome.ending == Ending::Succeeded, qPrintable(outcome.error.toString()));
        QVERIFY(!outcome.failedKeptAs.isEmpty()); // kept although not asked: it holds the view
        QVERIFY2(outcome.notes.join(QLatin1Char(' '))
                     .contains(QStringLiteral("objects a backup does not carry (view omu_report)")),
                 qPrintable(outcome.notes.join(QLatin1Char('\n'))));
        QCOMPARE(
            firstValue(
                engine, database.name(),
                QStringLiteral("SELECT count(*) FROM %1.omu_report").arg(outcome.failedKeptAs)),
            QStringLiteral("2"));
    }
}

void TestRollback::partsCoverEverySectionOnceLargestFirst()
{
    const QList<FileSection> sections{{QStringLiteral("a"), 0, 10, 1, {}},
                                      {QStringLiteral("b"), 10, 95, 9, {}},
                                      {QStringLiteral("c"), 105, 1, 0, {}},
                                      {QStringLiteral("d"), 106, 40, 3, {}}};
    const QList<SectionPart> parts = FileSections::split(sections, 30);
    QCOMPARE(parts.first().section, 1); // the largest first: it takes longest
    QMap<int, qint64> covered;
    QMap<int, qint64> nextBegin;
    for (const SectionPart& part : parts) {
        const FileSection& section = sections.at(part.section);
        QVERIFY(part.end - part.begin <= 30);
        QVERIFY(part.begin < part.end);
        QCOMPARE(part.begin, nextBegin.value(part.section, section.offset)); // no gap, no overlap
        nextBegin[part.section] = part.end;
        covered[part.section] += part.end - part.begin;
    }
    for (int i = 0; i < sections.size(); ++i) {
        QCOMPARE(covered.value(i), sections.at(i).bytes);
        QCOMPARE(nextBegin.value(i), sections.at(i).end());
    }

    // A manifest whose tables do not cover the file is refused before anything is read.
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("b.sql"));
    QVERIFY(writeFile(file, QByteArray(106, 'x')));
    BackupManifest manifest;
    manifest.bytes = 106;
    for (const FileSection& section : sections.first(3))
        manifest.tables << BackupManifest::Table{section.sqlName, section.sqlName, {}, {},
                                                 section.rows,    section.bytes,   {}};
    QVERIFY(FileSections::fromManifest(manifest, file).ok());
    manifest.tables.last().bytes = 2;
    const auto uncovered = FileSections::fromManifest(manifest, file);
    QVERIFY(!uncovered.ok());
    QVERIFY2(uncovered.error().message.contains(QStringLiteral("does not match its manifest")),
             qPrintable(uncovered.error().message));
}

void TestRollback::refusesWithoutPrivilegesAndTheGivenSqlIsEnough()
{
    QFETCH(Engine, engine);
    ScratchDatabase database(engine, QStringLiteral("omu_rb_priv"));
    QString file;
    if (!prepare(database, file, QStringLiteral("priv")))
        return;
    const QString user = QStringLiteral("omu_rb_user_%1").arg(QCoreApplication::applicationPid());
    const QString password = QStringLiteral("pw'%1\"x").arg(QCoreApplication::applicationPid());
    ConnectionProfile limited = database.profile();
    limited.user = user;
    limited.password = password;
    QString error;
    if (engine == Engine::MySql) {
        QVERIFY2(TestServers::createMySqlUser(user, password, database.name(), &error),
                 qPrintable(error));
    } else {
        const QString quoted = QString(password).replace(QLatin1Char('\''), QStringLiteral("''"));
        QVERIFY2(TestServers::exec(
                     engine, database.name(),
                     QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(user, quoted),
                     &error),
                 qPrintable(error));
        QVERIFY(TestServers::exec(engine, database.name(),
                                  QStringLiteral("GRANT USAGE ON SCHEMA public TO %1; GRANT "
                                                 "SELECT ON ALL TABLES IN SCHEMA public TO %1; "
                                                 "GRANT SELECT ON ALL SEQUENCES IN SCHEMA public "
                                                 "TO %1")
                                      .arg(user)));
    }
    struct DropUser
    {
        Engine engine;
        QString user;
        QString database;
        ~DropUser()
        {
            if (engine == Engine::MySql) {
                TestServers::dropMySqlUser(user);
            } else {
                TestServers::exec(
                    engine, database,
                    QStringLiteral("DROP OWNED BY %1; DROP ROLE IF EXISTS %1").arg(user));
            }
        }
    } dropUser{engine, user, database.name()};

    // Before the migration (the account's grants in place): what the rollback puts back.
    const QString tablesBefore =
        engine == Engine::Postgres ? accessOf(database.name(), false) : QString();
    QVERIFY(migrate(database, QStringLiteral("1.3.0"), QStringLiteral("die-mid-version")).ending !=
            Ending::Succeeded);
    const State failed = stateOf(database);

    const RollbackOutcome refused = Rollback::run(limited, options(file));
    QCOMPARE(refused.ending, Ending::Failed);
    QVERIFY(!refused.changed);
    const QString message = refused.error.toString();
    QVERIFY2(message.contains(QStringLiteral("lacks rights")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("GRANT")), qPrintable(message));
    QVERIFY(!message.contains(password));
    const State now = stateOf(database);
    QVERIFY2(now == failed, qPrintable(firstDifference(failed, now)));

    // The DBA runs what the message says; then the same account rolls back.
    const qsizetype start = message.indexOf(QStringLiteral("Ask your DBA"));
    QVERIFY(start > 0);
    int given = 0;
    for (QString statement : message.mid(start).split(QLatin1Char('\n'))) {
        statement = statement.trimmed();
        if (!statement.startsWith(QStringLiteral("GRANT")) &&
            !statement.startsWith(QStringLiteral("ALTER")))
            continue;
        ++given;
        QVERIFY2(TestServers::exec(engine, engine == Engine::MySql ? QString() : database.name(),
                                   statement, &error),
                 qPrintable(statement + QStringLiteral(": ") + error));
    }
    QVERIFY(given > 0);
    const QString schemaBefore =
        engine == Engine::Postgres ? accessOf(database.name(), true) : QString();
    // Two connections allowed: the rollback's own and one loader; the server refuses the
    // second loader and the rows load on one.
    QVERIFY2(TestServers::exec(engine, engine == Engine::MySql ? QString() : database.name(),
                               engine == Engine::MySql
                                   ? QStringLiteral("ALTER USER '%1'@'%' WITH "
                                                    "MAX_USER_CONNECTIONS 2")
                                         .arg(user)
                                   : QStringLiteral("ALTER ROLE %1 CONNECTION LIMIT 2").arg(user),
                               &error),
             qPrintable(error));
    QTRY_COMPARE(firstValue(engine, {},
                            engine == Engine::MySql
                                ? QStringLiteral("SELECT COUNT(*) FROM information_schema."
                                                 "PROCESSLIST WHERE USER = '%1'")
                                      .arg(user)
                                : QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE "
                                                 "usename = '%1'")
                                      .arg(user)),
                 QStringLiteral("0"));
    QStringList steps;
    const RollbackOutcome rolled = Rollback::run(
        limited, options(file), [&](const BackupProgress& progress) { steps << progress.message; });
    QVERIFY2(rolled.ending == Ending::Succeeded, qPrintable(rolled.error.toString()));
    QVERIFY(rolled.verified);
    QVERIFY2(steps.filter(QRegularExpression(QStringLiteral("^loaded and checked \\d+ tables "
                                                            "on one connection$")))
                     .size() == 1,
             qPrintable(steps.join(QLatin1Char('\n'))));
    if (engine == Engine::Postgres) {
        // The tables went back to their owner (the admin, not the account that rolled
        // back), with their grants, and the schema kept its grants (PUBLIC's USAGE).
        QCOMPARE(accessOf(database.name(), false), tablesBefore);
        QCOMPARE(accessOf(database.name(), true), schemaBefore);
        QVERIFY2(schemaBefore.contains(QStringLiteral("=U")), qPrintable(schemaBefore));
    }
}

QTEST_GUILESS_MAIN(TestRollback)
#include "TestRollback.moc"

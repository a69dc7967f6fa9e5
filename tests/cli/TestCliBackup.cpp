// `omupgrade backup`, `verify` and `restore` end to end, as a user runs them: options in,
// files, JSON and exit codes out, the password never printed.
#include "AppRunner.h"
#include "EngineRows.h"
#include "OpenMetadataFixture.h"
#include "TestServers.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace omu;
using namespace omu::test;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int modeOf(const QString& path)
{
    struct stat info
    {
    };
    return ::stat(path.toLocal8Bit().constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}

} // namespace

class TestCliBackup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void badUsageExits64();
    void backupWritesPrivateFilesAndTheDesignedJson_data() { addEngineRows(); }
    void backupWritesPrivateFilesAndTheDesignedJson();
    void verifyExitCodes_data() { addEngineRows(); }
    void verifyExitCodes();
    void restoreNeedsYesAndRefusesAnotherVersion_data() { addEngineRows(); }
    void restoreNeedsYesAndRefusesAnotherVersion();

private:
    // Runs the executable as the admin of `engine`.
    AppRun omupgrade(Engine engine, const QStringList& arguments) const
    {
        return m_app.run(arguments, TestServers::admin(engine)->password);
    }
    QStringList connection(Engine engine, const QString& database) const;
    QString database(Engine engine, int which) const
    {
        return m_databases.value(engine).value(which);
    }
    QString backupOf(Engine engine);
    void noPasswordIn(const AppRun& run, Engine engine);

    QTemporaryDir m_dir;
    // The executable under test (omu_add_test ... RUNS_APP passes its path); a run that
    // takes longer than three minutes fails the test.
    AppRunner m_app{QStringLiteral(OMU_EXECUTABLE), std::chrono::seconds(180)};
    QMap<Engine, QStringList> m_databases; // source, restore target
    QMap<Engine, QString> m_backups;
};

void TestCliBackup::initTestCase()
{
    QVERIFY2(QFile::exists(m_app.program()), qPrintable(m_app.program()));
    // The journal goes to a folder of this test's own.
    m_app.setEnvironment(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    for (const Engine engine : {Engine::MySql, Engine::Postgres}) {
        if (!TestServers::admin(engine))
            QFAIL(qPrintable(TestServers::unavailableMessage(engine)));
        QStringList names;
        for (int seed : {1, 2}) {
            const QString name = TestServers::uniqueName(QStringLiteral("omu_cli_backup"));
            QString error;
            QVERIFY2(TestServers::createDatabase(engine, name, &error), qPrintable(error));
            names << name;
            fixture::FixtureOptions options;
            options.rowsPerEntityTable = seed == 1 ? 12 : 3;
            options.seed = quint64(seed);
            const auto built =
                fixture::OpenMetadataFixture::build(*TestServers::admin(engine, name), options);
            QVERIFY2(built.ok(), built.ok() ? "" : qPrintable(built.error().toString()));
        }
        m_databases.insert(engine, names);
    }
}

void TestCliBackup::cleanupTestCase()
{
    for (auto it = m_databases.cbegin(); it != m_databases.cend(); ++it)
        for (const QString& name : it.value())
            TestServers::dropDatabase(it.key(), name);
}

QStringList TestCliBackup::connection(Engine engine, const QString& databaseName) const
{
    return connectionArguments(*TestServers::admin(engine, databaseName));
}

void TestCliBackup::noPasswordIn(const AppRun& run, Engine engine)
{
    const QByteArray password = TestServers::admin(engine)->password.toUtf8();
    QVERIFY(!run.out.contains(password));
    QVERIFY(!run.err.contains(password));
}

QString TestCliBackup::backupOf(Engine engine)
{
    if (m_backups.contains(engine))
        return m_backups.value(engine);
    const QString folder = m_dir.filePath(QStringLiteral("shared-%1").arg(engineName(engine)));
    QDir().mkpath(folder);
    const AppRun run = omupgrade(
        engine, QStringList{QStringLiteral("backup")} + connection(engine, database(engine, 0)) +
                    QStringList{QStringLiteral("--output"), folder, QStringLiteral("--json")});
    const QString file = run.json().value(QStringLiteral("file")).toString();
    if (run.exitCode == 0)
        m_backups.insert(engine, file);
    return file;
}

void TestCliBackup::badUsageExits64()
{
    const AppRun noOutput = omupgrade(
        Engine::Postgres, QStringList{QStringLiteral("backup")} +
                              connection(Engine::Postgres, database(Engine::Postgres, 0)));
    QCOMPARE(noOutput.exitCode, 64);
    QVERIFY(noOutput.err.contains("--output"));
    const AppRun noInput = omupgrade(Engine::Postgres, {QStringLiteral("verify")});
    QCOMPARE(noInput.exitCode, 64);
    QVERIFY(noInput.err.contains("--input"));
    const QString file = m_dir.filePath(QStringLiteral("anything.sql"));
    QFile(file).open(QIODevice::WriteOnly);
    const AppRun noYes = omupgrade(
        Engine::Postgres, QStringList{QStringLiteral("restore"), QStringLiteral("--input"), file} +
                              connection(Engine::Postgres, database(Engine::Postgres, 1)));
    QCOMPARE(noYes.exitCode, 64);
    QVERIFY2(noYes.err.contains("--yes"), noYes.err.constData());
    QVERIFY(noYes.err.contains(database(Engine::Postgres, 1).toUtf8()));
}

void TestCliBackup::backupWritesPrivateFilesAndTheDesignedJson()
{
    QFETCH(Engine, engine);
    const QString folder = m_dir.filePath(QStringLiteral("backup-%1").arg(engineName(engine)));
    QVERIFY(QDir().mkpath(folder));
    const QStringList arguments =
        QStringList{QStringLiteral("backup")} + connection(engine, database(engine, 0)) +
        QStringList{QStringLiteral("--output"), folder, QStringLiteral("--filename"),
                    QStringLiteral("cli.sql"), QStringLiteral("--json")};
    const AppRun run = omupgrade(engine, arguments);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    noPasswordIn(run, engine);
    QJsonParseError parse{};
    const QJsonDocument document = QJsonDocument::fromJson(run.out, &parse);
    QCOMPARE(parse.error, QJsonParseError::NoError); // exactly one JSON document on stdout
    const QJsonObject json = document.object();
    for (const char* key : {"file", "manifest", "tables", "rows", "bytes", "sha256", "seconds"})
        QVERIFY2(json.contains(QLatin1String(key)), key);
    const QString file = json.value(QStringLiteral("file")).toString();
    QCOMPARE(file, QDir(folder).filePath(QStringLiteral("cli.sql")));
    QCOMPARE(json.value(QStringLiteral("manifest")).toString(),
             file + QStringLiteral(".manifest.json"));
    QVERIFY(json.value(QStringLiteral("tables")).toInt() >= 20);
    QVERIFY(json.value(QStringLiteral("rows")).toDouble() > 100);
    const QByteArray content = readAll(file);
    QCOMPARE(qint64(json.value(QStringLiteral("bytes")).toDouble()), qint64(content.size()));
    QCOMPARE(json.value(QStringLiteral("sha256")).toString().toLatin1(),
             QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    QCOMPARE(modeOf(file), 0600);
    QCOMPARE(modeOf(file + QStringLiteral(".manifest.json")), 0600);
    QVERIFY(json.value(QStringLiteral("verified")).toBool()); // read back against the manifest
    QVERIFY(run.out.size() > 0);
    // Recorded in the journal, without the password.
    bool journaled = false;
    QDirIterator files(m_dir.filePath(QStringLiteral("data")), QDir::Files,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QByteArray journal = readAll(files.next());
        // The entry the migration gate looks for: a verified backup with its hash.
        journaled = journaled ||
                    (journal.contains(json.value(QStringLiteral("sha256")).toString().toLatin1()) &&
                     journal.contains("\"verified\""));
        QVERIFY(!journal.contains(TestServers::admin(engine)->password.toUtf8()));
    }
    QVERIFY(journaled);

    // The same name again: refused, the first file untouched.
    const AppRun again = omupgrade(engine, arguments);
    QCOMPARE(again.exitCode, 2);
    QVERIFY2(again.err.contains("already exists"), again.err.constData());
    QCOMPARE(readAll(file), content);
    QVERIFY(again.json().contains(QStringLiteral("error")));
}

void TestCliBackup::verifyExitCodes()
{
    QFETCH(Engine, engine);
    const QString file = backupOf(engine);
    QVERIFY(!file.isEmpty());
    const AppRun good = omupgrade(engine, {QStringLiteral("verify"), QStringLiteral("--input"),
                                           file, QStringLiteral("--json")});
    QVERIFY2(good.exitCode == 0, good.err.constData());
    QVERIFY(good.json().value(QStringLiteral("verified")).toBool());
    QVERIFY(!good.json().value(QStringLiteral("deep")).toBool());

    const AppRun deep =
        omupgrade(engine, QStringList{QStringLiteral("verify"), QStringLiteral("--input"), file,
                                      QStringLiteral("--scratch-database"),
                                      TestServers::uniqueName(QStringLiteral("omu_cli_scratch")),
                                      QStringLiteral("--json")} +
                              connection(engine, database(engine, 0)));
    QVERIFY2(deep.exitCode == 0, deep.err.constData());
    QVERIFY(deep.json().value(QStringLiteral("deep")).toBool());
    noPasswordIn(deep, engine);

    // A copy with one byte changed, and a copy without its manifest.
    QByteArray content = readAll(file);
    const qsizetype at = content.indexOf("INSERT INTO entity_usage") + 50;
    content[at] = content.at(at) == '1' ? '2' : '1';
    const QString damaged =
        m_dir.filePath(QStringLiteral("damaged-%1.sql").arg(engineName(engine)));
    QFile out(damaged);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(content);
    out.close();
    QVERIFY(QFile::copy(file + QStringLiteral(".manifest.json"),
                        damaged + QStringLiteral(".manifest.json")));
    const AppRun bad = omupgrade(engine, {QStringLiteral("verify"), QStringLiteral("--input"),
                                          damaged, QStringLiteral("--json")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(!bad.json().value(QStringLiteral("verified")).toBool());
    QVERIFY(bad.json()
                .value(QStringLiteral("problems"))
                .toArray()
                .first()
                .toString()
                .contains(QStringLiteral("entity_usage")) ||
            bad.out.contains("entity_usage"));
    const AppRun text =
        omupgrade(engine, {QStringLiteral("verify"), QStringLiteral("--input"), damaged});
    QCOMPARE(text.exitCode, 2);
    QVERIFY2(text.out.contains("Verified  NO"), text.out.constData());

    QVERIFY(QFile::remove(damaged + QStringLiteral(".manifest.json")));
    QVERIFY(QFile::remove(damaged));
    QVERIFY(QFile::copy(file, damaged));
    const AppRun bare =
        omupgrade(engine, {QStringLiteral("verify"), QStringLiteral("--input"), damaged});
    QCOMPARE(bare.exitCode, 1);
    QVERIFY2(bare.err.contains("cannot be verified"), bare.err.constData());
}

void TestCliBackup::restoreNeedsYesAndRefusesAnotherVersion()
{
    QFETCH(Engine, engine);
    const QString file = backupOf(engine);
    QVERIFY(!file.isEmpty());
    const QStringList target = connection(engine, database(engine, 1));
    const AppRun restored =
        omupgrade(engine, QStringList{QStringLiteral("restore"), QStringLiteral("--input"), file,
                                      QStringLiteral("--yes"), QStringLiteral("--json")} +
                              target);
    QVERIFY2(restored.exitCode == 0, restored.err.constData());
    noPasswordIn(restored, engine);
    const QJsonObject json = restored.json();
    QVERIFY(json.value(QStringLiteral("verified")).toBool());
    QCOMPARE(json.value(QStringLiteral("failed")).toInt(), 0);
    QCOMPARE(json.value(QStringLiteral("backupVersion")).toString(), QStringLiteral("1.1.5"));
    const AppRun verified = omupgrade(engine, {QStringLiteral("verify"), QStringLiteral("--input"),
                                               file, QStringLiteral("--json")});
    QCOMPARE(qint64(json.value(QStringLiteral("rows")).toDouble()),
             qint64(verified.json().value(QStringLiteral("rows")).toDouble()));

    const QString changeLog = engine == Engine::MySql ? QStringLiteral("SERVER_CHANGE_LOG")
                                                      : QStringLiteral("server_change_log");
    QString error;
    QVERIFY2(
        TestServers::exec(engine, database(engine, 1),
                          QStringLiteral("INSERT INTO %1 (version, migrationFileName, checksum) "
                                         "VALUES ('1.2.0', 'x', 'z')")
                              .arg(changeLog),
                          &error),
        qPrintable(error));
    const AppRun refused =
        omupgrade(engine, QStringList{QStringLiteral("restore"), QStringLiteral("--input"), file,
                                      QStringLiteral("--yes")} +
                              target);
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains("1.2.0") && refused.err.contains("--force"),
             refused.err.constData());
    const AppRun forced =
        omupgrade(engine, QStringList{QStringLiteral("restore"), QStringLiteral("--input"), file,
                                      QStringLiteral("--yes"), QStringLiteral("--force")} +
                              target);
    QCOMPARE(forced.exitCode, 1); // done, with the override noted
    QVERIFY(forced.out.contains("Restored"));
    QVERIFY(
        TestServers::exec(engine, database(engine, 1),
                          QStringLiteral("DELETE FROM %1 WHERE version = '1.2.0'").arg(changeLog)));
}

QTEST_GUILESS_MAIN(TestCliBackup)
#include "TestCliBackup.moc"

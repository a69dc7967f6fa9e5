// The real `omupgrade backup` killed at several points, limited in the size of the files
// it may write, and interrupted with Ctrl-C: never a file that looks complete, and the
// next run cleans up what the killed one left.
#include "AppRunner.h"
#include "BackupTestSupport.h"
#include "EngineRows.h"
#include "TestServers.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace omu;
using namespace omu::test;

namespace {

QStringList backupArguments(const ConnectionProfile& profile, const QString& folder,
                            const QString& name)
{
    return QStringList{QStringLiteral("backup")} + connectionArguments(profile) +
           QStringList{QStringLiteral("--output"), folder, QStringLiteral("--filename"), name,
                       QStringLiteral("--json")};
}

void prepare(QProcess& process, const ConnectionProfile& profile, const QString& dataHome)
{
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("OMU_DB_PASSWORD"), profile.password);
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    process.setProcessEnvironment(environment);
}

// A backup run to its end: its exit code (-1 when it did not end in time) and stderr.
struct BackupRun
{
    int exitCode = -1;
    QByteArray err;
};

BackupRun runBackup(const ConnectionProfile& profile, const QString& dataHome,
                    const QString& folder, const QString& name)
{
    QProcess process;
    prepare(process, profile, dataHome);
    process.start(QStringLiteral(OMU_EXECUTABLE), backupArguments(profile, folder, name));
    if (!process.waitForFinished(120'000))
        return {};
    return {process.exitCode(), process.readAllStandardError()};
}

qint64 sizeOf(const QString& path)
{
    return QFileInfo(path).exists() ? QFileInfo(path).size() : -1;
}

} // namespace

class TestBackupInterruptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killedAtSeveralPointsLeavesNothingComplete_data() { addEngineRows(); }
    void killedAtSeveralPointsLeavesNothingComplete();
    void fullDiskEndsWithAClearError_data() { addEngineRows(); }
    void fullDiskEndsWithAClearError();
    void interruptCancelsWithinASecond_data() { addEngineRows(); }
    void interruptCancelsWithinASecond();
    void crashBetweenManifestAndBackupLeavesNoManifestlessBackup_data() { addEngineRows(); }
    void crashBetweenManifestAndBackupLeavesNoManifestlessBackup();

private:
    const ScratchDatabase& source(Engine engine);

    QTemporaryDir m_home;
    std::unique_ptr<ScratchDatabase> m_mysql;
    std::unique_ptr<ScratchDatabase> m_postgres;
};

void TestBackupInterruptions::initTestCase()
{
    // Big enough that a backup takes a moment, small enough to build in seconds.
    for (const Engine engine : {Engine::MySql, Engine::Postgres}) {
        if (!TestServers::admin(engine))
            QFAIL(qPrintable(TestServers::unavailableMessage(engine)));
        auto database = std::make_unique<ScratchDatabase>(engine, QStringLiteral("omu_bk_kill"));
        QVERIFY2(database->ok(), qPrintable(database->error()));
        QString error;
        QVERIFY2(database->fill(0, 4, 24, &error), qPrintable(error));
        (engine == Engine::MySql ? m_mysql : m_postgres) = std::move(database);
    }
}

const ScratchDatabase& TestBackupInterruptions::source(Engine engine)
{
    return engine == Engine::MySql ? *m_mysql : *m_postgres;
}

void TestBackupInterruptions::killedAtSeveralPointsLeavesNothingComplete()
{
    QFETCH(Engine, engine);
    const ConnectionProfile profile = source(engine).profile();
    QTemporaryDir reference;
    {
        QProcess full;
        prepare(full, profile, m_home.path());
        full.start(QStringLiteral(OMU_EXECUTABLE),
                   backupArguments(profile, reference.path(), QStringLiteral("full.sql")));
        QVERIFY(full.waitForFinished(120'000));
        QVERIFY2(full.exitCode() == 0, full.readAllStandardError().constData());
    }
    const qint64 fullSize = sizeOf(reference.filePath(QStringLiteral("full.sql")));
    QVERIFY(fullSize > 10 * 1024 * 1024);

    QTemporaryDir folder;
    const QString partial = folder.filePath(QStringLiteral("killed.sql.partial"));
    // Kill points: while connecting, early in the dump, half way, near the end.
    const QList<double> points{0.0, 0.05, 0.5, 0.9};
    int killedMidDump = 0;
    for (const double point : points) {
        QProcess process;
        prepare(process, profile, m_home.path());
        process.start(QStringLiteral(OMU_EXECUTABLE),
                      backupArguments(profile, folder.path(), QStringLiteral("killed.sql")));
        QVERIFY(process.waitForStarted());
        QElapsedTimer timer;
        timer.start();
        if (point > 0) {
            while (sizeOf(partial) < qint64(point * fullSize) &&
                   process.state() == QProcess::Running && timer.elapsed() < 60'000)
                QTest::qSleep(1);
        }
        const bool partialSeen = sizeOf(partial) > 0;
        ::kill(pid_t(process.processId()), SIGKILL);
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitStatus(), QProcess::CrashExit);
        killedMidDump += partialSeen ? 1 : 0;
        QVERIFY2(completeLookingFiles(folder.path()).isEmpty(),
                 qPrintable(QStringLiteral("killed at %1: %2")
                                .arg(point)
                                .arg(filesIn(folder.path()).join(QLatin1Char(' ')))));
        for (const QString& name : filesIn(folder.path()))
            QVERIFY2(name.endsWith(QLatin1String(".partial")), qPrintable(name));
    }
    QVERIFY2(killedMidDump >= 2, "the kills must land while the dump is being written");
    QVERIFY(!filesIn(folder.path()).isEmpty()); // what the last kill left

    // The next run cleans the leftovers and finishes.
    const BackupRun next =
        runBackup(profile, m_home.path(), folder.path(), QStringLiteral("next.sql"));
    const QByteArray& err = next.err;
    QVERIFY2(next.exitCode == 0, err.constData());
    QVERIFY2(err.contains("removed the unfinished backup killed.sql.partial"), err.constData());
    QCOMPARE(filesIn(folder.path()),
             (QStringList{QStringLiteral("next.sql"), QStringLiteral("next.sql.history"),
                          QStringLiteral("next.sql.manifest.json"),
                          QStringLiteral("next.sql.schema.json")}));
    QCOMPARE(sizeOf(folder.filePath(QStringLiteral("next.sql"))), fullSize);
}

void TestBackupInterruptions::fullDiskEndsWithAClearError()
{
    QFETCH(Engine, engine);
    const ConnectionProfile profile = source(engine).profile();
    QTemporaryDir folder;
    QProcess process;
    prepare(process, profile, m_home.path());
    // The child may not write files larger than 2 MB, as if the disk filled up there.
    process.setChildProcessModifier([] {
        const rlimit limit{2 * 1024 * 1024, 2 * 1024 * 1024};
        ::setrlimit(RLIMIT_FSIZE, &limit);
    });
    process.start(QStringLiteral(OMU_EXECUTABLE),
                  backupArguments(profile, folder.path(), QStringLiteral("full.sql")));
    QVERIFY(process.waitForFinished(120'000));
    const QByteArray err = process.readAllStandardError();
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 2);
    QVERIFY2(err.contains("backup failed") && err.contains("ulimit"), err.constData());
    const QJsonObject json = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    QVERIFY(json.value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("largest size")));
    QCOMPARE(filesIn(folder.path()), QStringList());
}

void TestBackupInterruptions::interruptCancelsWithinASecond()
{
    QFETCH(Engine, engine);
    const ConnectionProfile profile = source(engine).profile();
    QTemporaryDir folder;
    const QString partial = folder.filePath(QStringLiteral("ctrlc.sql.partial"));
    QProcess process;
    prepare(process, profile, m_home.path());
    process.start(QStringLiteral(OMU_EXECUTABLE),
                  backupArguments(profile, folder.path(), QStringLiteral("ctrlc.sql")));
    QVERIFY(process.waitForStarted());
    QElapsedTimer timer;
    timer.start();
    while (sizeOf(partial) < 1024 * 1024 && process.state() == QProcess::Running &&
           timer.elapsed() < 60'000)
        QTest::qSleep(1);
    QVERIFY2(process.state() == QProcess::Running,
             "the backup finished before it could be interrupted");
    ::kill(pid_t(process.processId()), SIGINT);
    timer.restart();
    QVERIFY(process.waitForFinished(10'000));
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 2);
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(err.contains("backup cancelled"), err.constData());
    QCOMPARE(filesIn(folder.path()), QStringList());
}

// The manifest is named before the backup: a crash between the two (injected through the
// test hook OMU_TEST_CRASH_POINT) leaves the manifest and an unlocked partial, never a
// complete-looking backup without its manifest; the next backup into the folder finishes
// it when the partial is what the manifest describes, and frees the name when not.
void TestBackupInterruptions::crashBetweenManifestAndBackupLeavesNoManifestlessBackup()
{
    QFETCH(Engine, engine);
    const ConnectionProfile profile = source(engine).profile();
    QTemporaryDir folder;
    auto crash = [&](const QString& name) {
        QProcess process;
        prepare(process, profile, m_home.path());
        auto environment = process.processEnvironment();
        environment.insert(QStringLiteral("OMU_TEST_CRASH_POINT"),
                           QStringLiteral("after-manifest"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(OMU_EXECUTABLE),
                      backupArguments(profile, folder.path(), name));
        if (!process.waitForFinished(120'000))
            return -1;
        return process.exitCode();
    };
    auto noManifestlessBackup = [&] {
        for (const QString& name : filesIn(folder.path()))
            if (name.endsWith(QLatin1String(".sql")) &&
                !QFileInfo::exists(folder.filePath(name + QStringLiteral(".manifest.json"))))
                return false;
        return true;
    };
    QCOMPARE(crash(QStringLiteral("crashed.sql")), 86);
    // The rollback's sidecars are named before the manifest.
    QCOMPARE(filesIn(folder.path()), (QStringList{QStringLiteral("crashed.sql.history"),
                                                  QStringLiteral("crashed.sql.manifest.json"),
                                                  QStringLiteral("crashed.sql.partial"),
                                                  QStringLiteral("crashed.sql.schema.json")}));
    QVERIFY(noManifestlessBackup());

    // The next backup finishes it: the partial matches the manifest.
    const BackupRun next =
        runBackup(profile, m_home.path(), folder.path(), QStringLiteral("next.sql"));
    const QByteArray& err = next.err;
    QVERIFY2(next.exitCode == 0, err.constData());
    QVERIFY2(err.contains("finished the interrupted backup crashed.sql (it matches its manifest)"),
             err.constData());
    QCOMPARE(
        filesIn(folder.path()),
        (QStringList{QStringLiteral("crashed.sql"), QStringLiteral("crashed.sql.history"),
                     QStringLiteral("crashed.sql.manifest.json"),
                     QStringLiteral("crashed.sql.schema.json"), QStringLiteral("next.sql"),
                     QStringLiteral("next.sql.history"), QStringLiteral("next.sql.manifest.json"),
                     QStringLiteral("next.sql.schema.json")}));
    QProcess verify;
    prepare(verify, profile, m_home.path());
    verify.start(QStringLiteral(OMU_EXECUTABLE),
                 {QStringLiteral("verify"), QStringLiteral("--input"),
                  folder.filePath(QStringLiteral("crashed.sql"))});
    QVERIFY(verify.waitForFinished(120'000));
    QVERIFY2(verify.exitCode() == 0, verify.readAllStandardError().constData());

    // Run again under the crashed name: it is finished and kept, and the message says so
    // (not only "already exists").
    QCOMPARE(crash(QStringLiteral("again.sql")), 86);
    const BackupRun same =
        runBackup(profile, m_home.path(), folder.path(), QStringLiteral("again.sql"));
    const QByteArray& sameErr = same.err;
    QCOMPARE(same.exitCode, 2);
    QVERIFY2(sameErr.contains("interrupted at its end; it was complete and is now kept under "
                              "this name") &&
                 sameErr.contains("omupgrade verify --input") &&
                 !sameErr.contains("already exists"),
             sameErr.constData());
    QVERIFY(QFileInfo::exists(folder.filePath(QStringLiteral("again.sql"))));
    QVERIFY(noManifestlessBackup());

    // A partial that does not match its manifest is removed with it: the name is free.
    QCOMPARE(crash(QStringLiteral("damaged.sql")), 86);
    QFile partial(folder.filePath(QStringLiteral("damaged.sql.partial")));
    QVERIFY(partial.open(QIODevice::Append));
    partial.write("INSERT INTO bot_entity (json) VALUES ('{}');\n");
    partial.close();
    const BackupRun again =
        runBackup(profile, m_home.path(), folder.path(), QStringLiteral("damaged.sql"));
    const QByteArray& againErr = again.err;
    QVERIFY2(again.exitCode == 0, againErr.constData());
    QVERIFY2(
        againErr.contains("removed the unfinished backup damaged.sql.partial and its manifest"),
        againErr.constData());
    QVERIFY(noManifestlessBackup());
    QVERIFY(QFileInfo::exists(folder.filePath(QStringLiteral("damaged.sql.manifest.json"))));
}

QTEST_GUILESS_MAIN(TestBackupInterruptions)
#include "TestBackupInterruptions.moc"

// The bad-input and privacy cases of the command line, run as a user would: special files
// for --config, --env-file and --password-file (a device, a FIFO nobody writes to, process
// substitution), messages that say what is wrong (an empty password file, a missing CA
// file, an unclosed ${...}, control characters and a 5 MB host from a file, an empty scratch
// name, a file name with a line break, a release whose SQL is random bytes), a hostile
// restore refused, folders private under umask 000, and the password never in a diff.
#include "AppRunner.h"
#include "FakeDistribution.h"
#include "OpenMetadataFixture.h"
#include "TestData.h"
#include "TestServers.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace omu;
using namespace omu::test;

namespace {

int modeOf(const QString& path)
{
    struct stat info
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}

bool copyFolder(const QString& from, const QString& to)
{
    QDir().mkpath(to);
    for (const QFileInfo& entry :
         QDir(from).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString target = QDir(to).filePath(entry.fileName());
        if (entry.isDir() ? !copyFolder(entry.filePath(), target)
                          : !QFile::copy(entry.filePath(), target))
            return false;
    }
    return true;
}

// Runs the app with umask 000, the way a careless service account would.
AppRun runWithOpenUmask(const QStringList& arguments, const QString& password,
                        const QString& dataHome)
{
    QProcess process;
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("OMU_DB_PASSWORD"), password);
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    process.setProcessEnvironment(environment);
    process.setChildProcessModifier([] { ::umask(0); });
    process.start(QStringLiteral(OMU_EXECUTABLE), arguments);
    AppRun run;
    if (process.waitForFinished(180'000))
        run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace

class TestCliHardening : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void devicesEndInAnError_data();
    void devicesEndInAnError();
    void fifoWithoutWriterTimesOut();
    void processSubstitutionWorks();
    void messagesSayWhatIsWrong_data();
    void messagesSayWhatIsWrong();
    void controlCharactersAndHugeValuesAreShownSafely();
    void hostileRestoreIsRefusedNamingTheLine();
    void foldersArePrivateWhateverTheUmask();
    void passwordNeverInTheReviewsDiffs();
    void planRefusesASqlFileOfRandomBytes();

private:
    QStringList connection() const { return connectionArguments(m_admin); }

    QTemporaryDir m_dir;
    AppRunner m_app{QStringLiteral(OMU_EXECUTABLE), std::chrono::seconds(180)};
    QString m_database;
    ConnectionProfile m_admin;
};

void TestCliHardening::initTestCase()
{
    if (!TestServers::admin(Engine::Postgres))
        QFAIL(qPrintable(TestServers::unavailableMessage(Engine::Postgres)));
    m_app.setEnvironment(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    m_database = TestServers::uniqueName(QStringLiteral("omu_cli_hard"));
    QString error;
    QVERIFY2(TestServers::createDatabase(Engine::Postgres, m_database, &error), qPrintable(error));
    m_admin = *TestServers::admin(Engine::Postgres, m_database);
    fixture::FixtureOptions options;
    options.rowsPerEntityTable = 4;
    const auto built = fixture::OpenMetadataFixture::build(m_admin, options);
    QVERIFY2(built.ok(), built.ok() ? "" : qPrintable(built.error().toString()));
}

void TestCliHardening::cleanupTestCase()
{
    TestServers::dropDatabase(Engine::Postgres, m_database);
}

void TestCliHardening::devicesEndInAnError_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("config") << QStringList{"inspect", "--config", "/dev/zero"}
                            << "configuration /dev/zero is larger than 16,777,216 bytes";
    QTest::newRow("env file") << QStringList{"inspect", "--env-file", "/dev/zero"}
                              << "env file /dev/zero is larger than";
    QTest::newRow("password file") << QStringList{"inspect", "--password-file", "/dev/zero"}
                                   << "password file /dev/zero is larger than 65,536 bytes";
}

void TestCliHardening::devicesEndInAnError()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QElapsedTimer timer;
    timer.start();
    const AppRun run = m_app.run(arguments);
    QVERIFY2(run.exitCode == 2 || run.exitCode == 64, run.err.constData());
    QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
    QVERIFY(timer.elapsed() < 60'000);
}

void TestCliHardening::fifoWithoutWriterTimesOut()
{
    const QString fifo = m_dir.filePath(QStringLiteral("openmetadata.yaml"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const AppRun run = m_app.run({QStringLiteral("inspect"), QStringLiteral("--config"), fifo});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("nothing could be read from the OpenMetadata configuration") &&
                 run.err.contains("named pipe"),
             run.err.constData());
}

void TestCliHardening::processSubstitutionWorks()
{
    // `--config <(...)` and `--password-file <(...)` through bash, as admins write them.
    const QString config = m_dir.filePath(QStringLiteral("substituted.yaml"));
    QVERIFY(writeFile(config, QStringLiteral("database:\n  driverClass: org.postgresql.Driver\n"
                                             "  user: %1\n  url: jdbc:postgresql://%2:%3/%4\n")
                                  .arg(m_admin.user, m_admin.host)
                                  .arg(m_admin.port)
                                  .arg(m_database)
                                  .toUtf8()));
    const QString passwordFile = m_dir.filePath(QStringLiteral("pw"));
    QVERIFY(writeFile(passwordFile, m_admin.password.toUtf8() + "\n"));
    QProcess bash;
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("OMU_DB_PASSWORD"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("OMU"), QStringLiteral(OMU_EXECUTABLE));
    environment.insert(QStringLiteral("CONFIG"), config);
    environment.insert(QStringLiteral("PWFILE"), passwordFile);
    bash.setProcessEnvironment(environment);
    bash.start(
        QStringLiteral("bash"),
        {QStringLiteral("-c"), QStringLiteral("\"$OMU\" inspect --json --config <(cat \"$CONFIG\") "
                                              "--password-file <(cat \"$PWFILE\")")});
    QVERIFY(bash.waitForFinished(120'000));
    const QByteArray out = bash.readAllStandardOutput();
    const QByteArray err = bash.readAllStandardError();
    QVERIFY2(bash.exitCode() == 0 || bash.exitCode() == 1, err.constData());
    const QJsonObject json = QJsonDocument::fromJson(out).object();
    QCOMPARE(json.value(QStringLiteral("connection"))
                 .toObject()
                 .value(QStringLiteral("database"))
                 .toString(),
             m_database);
    QVERIFY(!out.contains(m_admin.password.toUtf8()) && !err.contains(m_admin.password.toUtf8()));
}

void TestCliHardening::messagesSayWhatIsWrong_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("notMessage");
    QTest::newRow("empty password file") << "empty-password"
                                         << "password file"
                                         << "Could not connect";
    QTest::newRow("missing CA file") << "missing-ca"
                                     << "CA certificate file"
                                     << "The secure (TLS) connection";
    QTest::newRow("unclosed variable") << "unclosed"
                                       << "that is never closed"
                                       << "IPv6";
    QTest::newRow("unclosed variable in an env file") << "unclosed-env"
                                                      << "DB_HOST is \"${OTHER:-x\""
                                                      << "IPv6";
    QTest::newRow("advice for an unset password") << "unset-password"
                                                  << "(${DB_USER_PASSWORD:-value})"
                                                  << "DB_USER_PASSWORD:***";
    QTest::newRow("the current folder is no secret") << "current-folder"
                                                     << "/no-such.yaml does not exist"
                                                     << "***";
    QTest::newRow("empty scratch name") << "empty-scratch"
                                        << "--scratch-database needs a name"
                                        << "NOT verified";
    QTest::newRow("file name with a line break") << "newline-name"
                                                 << "is not a usable file name"
                                                 << "Backup    ";
}

void TestCliHardening::messagesSayWhatIsWrong()
{
    QFETCH(QString, setup);
    QFETCH(QString, message);
    QFETCH(QString, notMessage);
    QStringList arguments;
    QString password = m_admin.password;
    if (setup == QLatin1String("empty-password")) {
        const QString empty = m_dir.filePath(QStringLiteral("empty-pw"));
        QVERIFY(writeFile(empty, {}));
        arguments = QStringList{QStringLiteral("inspect")} + connection() +
                    QStringList{QStringLiteral("--password-file"), empty};
        password = QString();
    } else if (setup == QLatin1String("missing-ca")) {
        arguments = QStringList{QStringLiteral("inspect")} + connection() +
                    QStringList{QStringLiteral("--tls"), QStringLiteral("verify-ca"),
                                QStringLiteral("--tls-ca"), QStringLiteral("/nonexistent/ca.pem")};
    } else if (setup == QLatin1String("unclosed")) {
        const QString config = m_dir.filePath(QStringLiteral("unclosed.yaml"));
        QVERIFY(writeFile(config, "database:\n  user: u\n  url: jdbc:mysql://${DB_HOST:-localhost"
                                  ":3306/openmetadata_db\n"));
        arguments = QStringList{QStringLiteral("inspect"), QStringLiteral("--config"), config};
    } else if (setup == QLatin1String("unclosed-env")) {
        const QString env = m_dir.filePath(QStringLiteral("unclosed.env"));
        QVERIFY(writeFile(env, "DB_HOST=${OTHER:-x\n"));
        arguments = QStringList{QStringLiteral("inspect"), QStringLiteral("--env-file"), env};
    } else if (setup == QLatin1String("unset-password")) {
        const QString config = m_dir.filePath(QStringLiteral("unset-password.yaml"));
        QVERIFY(writeFile(config, "database:\n  user: u\n  password: ${DB_USER_PASSWORD}\n"
                                  "  url: jdbc:mysql://localhost:3306/openmetadata_db\n"));
        arguments = QStringList{QStringLiteral("inspect"), QStringLiteral("--config"), config};
        password = QString();
    } else if (setup == QLatin1String("current-folder")) {
        // Run from the folder the file is missing from: PWD must not be taken for a secret.
        m_app.setEnvironment(QStringLiteral("PWD"), m_dir.path());
        m_app.setEnvironment(QStringLiteral("OLDPWD"), m_dir.path());
        arguments = QStringList{QStringLiteral("inspect"), QStringLiteral("--config"),
                                m_dir.filePath(QStringLiteral("no-such.yaml"))};
    } else if (setup == QLatin1String("empty-scratch")) {
        arguments = QStringList{QStringLiteral("verify"), QStringLiteral("--input"),
                                m_dir.filePath(QStringLiteral("x.sql")),
                                QStringLiteral("--scratch-database"), QString()} +
                    connection();
    } else if (setup == QLatin1String("newline-name")) {
        arguments = QStringList{QStringLiteral("backup")} + connection() +
                    QStringList{QStringLiteral("--output"), m_dir.path(),
                                QStringLiteral("--filename"), QStringLiteral("a\nb.sql")};
    }
    const AppRun run = m_app.run(arguments, password);
    QVERIFY2(run.exitCode == 2 || run.exitCode == 64, run.err.constData());
    QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
    QVERIFY2(!run.err.contains(notMessage.toUtf8()) && !run.out.contains(notMessage.toUtf8()),
             run.err.constData());
    if (setup == QLatin1String("newline-name"))
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("a*")}, QDir::Files), QStringList());
}

void TestCliHardening::controlCharactersAndHugeValuesAreShownSafely()
{
    // ESC and BEL in a file's value: escaped in the message, never sent to the terminal.
    const QString config = m_dir.filePath(QStringLiteral("control.yaml"));
    QVERIFY(writeFile(config, "database:\n  user: u\n  url: \"jdbc:mysql://h\\e]0;pwned\\a"
                              ":3306/db\"\n"));
    const AppRun control =
        m_app.run({QStringLiteral("inspect"), QStringLiteral("--config"), config});
    QVERIFY(control.exitCode != 0);
    QVERIFY2(!control.err.contains('\x1b') && !control.err.contains('\x07'),
             control.err.toPercentEncoding().constData());
    QVERIFY2(control.err.contains("\\e]0;pwned\\a"), control.err.constData());

    // The same for a user name the server refuses, and a huge one.
    const QString userFile = m_dir.filePath(QStringLiteral("user.env"));
    const QByteArray server = QStringLiteral("DB_HOST=%1\nDB_PORT=%2\nOM_DATABASE=%3\n")
                                  .arg(m_admin.host)
                                  .arg(m_admin.port)
                                  .arg(m_database)
                                  .toUtf8();
    QVERIFY(writeFile(userFile, server + "DB_USER=u\x1b[2Jx\x07\n"));
    const AppRun user =
        m_app.run({QStringLiteral("inspect"), QStringLiteral("--env-file"), userFile,
                   QStringLiteral("--engine"), QStringLiteral("postgres")},
                  QStringLiteral("wrong"));
    QVERIFY(user.exitCode != 0);
    QVERIFY2(!user.err.contains('\x1b') && !user.err.contains('\x07'),
             user.err.toPercentEncoding().constData());
    QVERIFY2(user.err.contains("u\\e[2Jx\\a"), user.err.constData());
    QVERIFY(writeFile(userFile, server + "DB_USER=" + QByteArray(300'000, 'u') + "\n"));
    const AppRun longUser =
        m_app.run({QStringLiteral("inspect"), QStringLiteral("--env-file"), userFile,
                   QStringLiteral("--engine"), QStringLiteral("postgres")},
                  QStringLiteral("wrong"));
    QVERIFY(longUser.exitCode != 0);
    QVERIFY2(longUser.err.size() + longUser.out.size() < 4000, longUser.err.left(400).constData());

    // A password may hold "${" as it is: the server takes it so, and so does omupgrade.
    QVERIFY(writeFile(userFile, server + "DB_USER=u\nDB_USER_PASSWORD=Ab${9x\n"));
    const AppRun brace =
        m_app.run({QStringLiteral("inspect"), QStringLiteral("--env-file"), userFile,
                   QStringLiteral("--engine"), QStringLiteral("postgres")});
    QVERIFY(brace.exitCode != 0); // the server refuses user u
    QVERIFY2(!brace.err.contains("never closed") && brace.err.contains("refused user u"),
             brace.err.constData());

    // A 5 MB host name (a file pasted into the field): cut, not echoed whole.
    const QString hostFile = m_dir.filePath(QStringLiteral("host.env"));
    QVERIFY(writeFile(hostFile, "DB_HOST=" + QByteArray(5 * 1024 * 1024, 'h') + "\n"));
    const AppRun huge = m_app.run({QStringLiteral("inspect"), QStringLiteral("--env-file"),
                                   hostFile, QStringLiteral("--engine"), QStringLiteral("mysql")},
                                  QStringLiteral("pw"));
    QVERIFY(huge.exitCode != 0);
    QVERIFY2(huge.err.size() + huge.out.size() < 4000, huge.err.left(400).constData());
    QVERIFY2(huge.err.contains("at most 253 characters") && huge.err.contains("host.env:1"),
             huge.err.left(2000).constData());
}

void TestCliHardening::hostileRestoreIsRefusedNamingTheLine()
{
    const QString file = m_dir.filePath(QStringLiteral("hostile.sql"));
    QVERIFY(writeFile(file, "TRUNCATE TABLE bot_entity;\nDROP DATABASE postgres;\n"));
    const AppRun run =
        m_app.run(QStringList{QStringLiteral("restore"), QStringLiteral("--input"), file,
                              QStringLiteral("--yes"), QStringLiteral("--json")} +
                      connection(),
                  m_admin.password);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("line 2 is not a backup statement") &&
                 run.err.contains("DROP DATABASE postgres;") && run.err.contains("--allow-any-sql"),
             run.err.constData());
    QCOMPARE(run.json().value(QStringLiteral("statements")).toInt(), 0);
    // The option is there, and documented.
    const AppRun help = m_app.run({QStringLiteral("restore"), QStringLiteral("--help")});
    for (const char* option :
         {"--allow-any-sql", "--backup-version", "--lock-timeout", "--stall-timeout"})
        QVERIFY2(help.out.contains(option), option);
}

void TestCliHardening::foldersArePrivateWhateverTheUmask()
{
    const QString dataHome = m_dir.filePath(QStringLiteral("open-umask"));
    const QString folder = m_dir.filePath(QStringLiteral("backups"));
    QDir().mkpath(folder);
    const AppRun backup =
        runWithOpenUmask(QStringList{QStringLiteral("backup")} + connection() +
                             QStringList{QStringLiteral("--output"), folder,
                                         QStringLiteral("--filename"), QStringLiteral("umask.sql")},
                         m_admin.password, dataHome);
    QVERIFY2(backup.exitCode == 0, backup.err.constData());
    // Every folder from the data folder down to the journal, and the journal itself.
    QString journal;
    QDirIterator files(dataHome, {QStringLiteral("journal.jsonl")}, QDir::Files,
                       QDirIterator::Subdirectories);
    if (files.hasNext())
        journal = files.next();
    QVERIFY2(!journal.isEmpty(), "no journal written");
    QCOMPARE(modeOf(journal), 0600);
    for (QString at = QFileInfo(journal).absolutePath(); at.startsWith(dataHome + QLatin1Char('/'));
         at = QFileInfo(at).absolutePath())
        QVERIFY2(modeOf(at) == 0700,
                 qPrintable(QStringLiteral("%1 is %2").arg(at).arg(modeOf(at), 0, 8)));
    QCOMPARE(modeOf(folder + QStringLiteral("/umask.sql")), 0600);
    QCOMPARE(modeOf(folder + QStringLiteral("/umask.sql.manifest.json")), 0600);

    // A report folder the command creates.
    const QString reports = m_dir.filePath(QStringLiteral("reports/new"));
    const AppRun report = runWithOpenUmask(QStringList{QStringLiteral("report")} + connection() +
                                               QStringList{QStringLiteral("--output"), reports},
                                           m_admin.password, dataHome);
    QVERIFY2(report.exitCode == 0, report.err.constData());
    QCOMPARE(modeOf(reports), 0700);
    QCOMPARE(modeOf(reports + QStringLiteral("/upgrade-report.json")), 0600);
    QCOMPARE(modeOf(reports + QStringLiteral("/upgrade-report.html")), 0600);
}

void TestCliHardening::passwordNeverInTheReviewsDiffs()
{
    // A deployment whose fixed lines sit next to passwords: an env file and the config.
    const QString deployment = m_dir.filePath(QStringLiteral("deployment"));
    QVERIFY(copyFolder(dataPath(QStringLiteral("review/deployment")), deployment));
    const QString env = deployment + QStringLiteral("/docker.env");
    QByteArray envText;
    {
        QFile file(env);
        QVERIFY(file.open(QIODevice::ReadOnly));
        envText = file.readAll();
    }
    envText.replace("DB_USE_SSL=\"true\"\n",
                    "DB_USE_SSL=\"true\"\nDB_USER_PASSWORD=\"Env-Diff-Secret-7\"\n"
                    "ELASTICSEARCH_PASSWORD=Es-Diff-Secret-8\n");
    QVERIFY(envText.contains("Env-Diff-Secret-7"));
    QVERIFY(writeFile(env, envText));
    const QString config = deployment + QStringLiteral("/openmetadata.yaml");
    QByteArray yaml;
    {
        QFile file(config);
        QVERIFY(file.open(QIODevice::ReadOnly));
        yaml = file.readAll();
    }
    yaml.replace("  password: ${ELASTICSEARCH_PASSWORD:-\"\"}",
                 "  password: ${ELASTICSEARCH_PASSWORD:-Yaml-Diff-Secret-9}");
    QVERIFY(yaml.contains("Yaml-Diff-Secret-9"));
    QVERIFY(writeFile(config, yaml));
    const QStringList base{QStringLiteral("review"),
                           QStringLiteral("--from"),
                           QStringLiteral("1.1.0"),
                           QStringLiteral("--to"),
                           QStringLiteral("1.3.0"),
                           QStringLiteral("--config"),
                           config,
                           QStringLiteral("--env-file"),
                           env,
                           QStringLiteral("--search-url"),
                           QStringLiteral("http://127.0.0.1:1"),
                           QStringLiteral("--search-timeout"),
                           QStringLiteral("2")};
    for (const bool json : {true, false}) {
        // The first run previews and applies; the second has nothing left, so it runs on a
        // fresh copy each time.
        QVERIFY(writeFile(env, envText) && writeFile(config, yaml));
        QStringList arguments = base + QStringList{QStringLiteral("--apply-fixes")};
        if (json)
            arguments << QStringLiteral("--json");
        const AppRun run = m_app.run(arguments);
        const QByteArray all = run.out + run.err;
        QVERIFY2(all.contains(json ? "\"diff\"" : "+++ "), all.left(2000).constData());
        QVERIFY2(all.contains("DB_PARAMS"), all.left(3000).constData()); // a fix next to them
        for (const char* secret : {"Env-Diff-Secret-7", "Es-Diff-Secret-8", "Yaml-Diff-Secret-9"})
            QVERIFY2(!all.contains(secret), secret);
        QVERIFY(all.contains("DB_USER_PASSWORD=***"));
    }
}

void TestCliHardening::planRefusesASqlFileOfRandomBytes()
{
    const QString release = m_dir.filePath(QStringLiteral("openmetadata-1.2.0"));
    QString error;
    QVERIFY2(FakeDistribution::assemble(QStringLiteral("1.2.0"), release, &error),
             qPrintable(error));
    QString target;
    QDirIterator files(release + QStringLiteral("/bootstrap/sql/migrations/native"),
                       {QStringLiteral("schemaChanges.sql")}, QDir::Files,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        if (path.contains(QLatin1String("/1.2.0/postgres/")))
            target = path;
    }
    QVERIFY(!target.isEmpty());
    QByteArray noise;
    quint32 state = 12345;
    for (int i = 0; i < 4096; ++i) {
        state = state * 1103515245u + 12345u;
        noise.append(char(state >> 24));
    }
    noise[7] = '\0';
    QVERIFY(writeFile(target, noise));
    const AppRun run =
        m_app.run(QStringList{QStringLiteral("plan"), QStringLiteral("--distribution"), release} +
                      connection(),
                  m_admin.password);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("schemaChanges.sql") &&
                 (run.err.contains("binary file") || run.err.contains("not UTF-8")),
             run.err.constData());
}

QTEST_GUILESS_MAIN(TestCliHardening)
#include "TestCliHardening.moc"

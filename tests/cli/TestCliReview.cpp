// `omupgrade review` end to end on a copy of the sample deployment whose env file points
// at a fixture database on the PostgreSQL test server: text and JSON output, exit codes
// 0/1/2/64, --apply-fixes with its second run, unreadable inputs, the search engine
// through the fake server, and the password never printed.
#include "AppRunner.h"
#include "FakeSearchServerProcess.h"
#include "OpenMetadataFixture.h"
#include "TestData.h"
#include "TestServers.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace omu;
using namespace omu::test;

namespace {

// The executable under test (omu_add_test ... RUNS_APP passes its path); a run that takes longer
// than two minutes fails the test.
const AppRunner omupgrade(QStringLiteral(OMU_EXECUTABLE), std::chrono::seconds(120));

bool copyFolder(const QString& from, const QString& to)
{
    QDir().mkpath(to);
    for (const QFileInfo& entry :
         QDir(from).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString target = QDir(to).filePath(entry.fileName());
        if (entry.isDir() ? !copyFolder(entry.filePath(), target)
                          : !QFile::copy(entry.filePath(), target))
            return false;
        QFile::setPermissions(target, QFile::permissions(target) | QFile::WriteOwner);
    }
    return true;
}

} // namespace

class TestCliReview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void badUsageExits64_data();
    void badUsageExits64();
    void textReportOfTheWholeDeployment();
    void jsonReportHasTheDesignShape();
    void currentReleaseIsReadFromTheDatabase();
    void warningsOnlyExit1AndNothingExits0();
    void applyFixesThenNothingLeftToFix();
    void unreadableInputExits2WithItsPlace();
    void searchEngineThroughTheFake();
    void scriptsFolderThroughTo2010();

private:
    QStringList deploymentOptions() const;

    QString m_database;
    ConnectionProfile m_admin;
    qint64 m_brokenQueries = 0;
    qint64 m_alerts = 0;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_deployment;
};

void TestCliReview::initTestCase()
{
    if (!TestServers::admin(Engine::Postgres))
        QFAIL(qPrintable(TestServers::unavailableMessage(Engine::Postgres)));
    m_database = TestServers::uniqueName(QStringLiteral("omu_cli_review"));
    QString error;
    QVERIFY2(TestServers::createDatabase(Engine::Postgres, m_database, &error), qPrintable(error));
    m_admin = *TestServers::admin(Engine::Postgres, m_database);
    fixture::FixtureOptions options;
    options.rowsPerEntityTable = 60;
    auto summary = fixture::OpenMetadataFixture::build(m_admin, options);
    QVERIFY2(summary.ok(), summary.ok() ? "" : qPrintable(summary.error().toString()));
    m_brokenQueries = summary.value().brokenChainQueries;
    m_alerts = summary.value().eventSubscriptions;
}

void TestCliReview::cleanupTestCase()
{
    TestServers::dropDatabase(Engine::Postgres, m_database);
}

void TestCliReview::init()
{
    // A fresh copy per test; the env file points at the fixture database.
    m_dir = std::make_unique<QTemporaryDir>();
    m_deployment = m_dir->filePath(QStringLiteral("deployment"));
    QVERIFY(copyFolder(omu::test::dataPath(QStringLiteral("review/deployment")), m_deployment));
    QFile env(m_deployment + QStringLiteral("/docker.env"));
    QVERIFY(env.open(QIODevice::Append));
    env.write(QStringLiteral("DB_DRIVER_CLASS=\"org.postgresql.Driver\"\nDB_SCHEME=\"postgresql\"\n"
                             "DB_HOST=\"%1\"\nDB_PORT=\"%2\"\nOM_DATABASE=\"%3\"\nDB_USER=\"%4\"\n")
                  .arg(m_admin.host)
                  .arg(m_admin.port)
                  .arg(m_database, m_admin.user)
                  .toUtf8());
}

QStringList TestCliReview::deploymentOptions() const
{
    const QDir dir(m_deployment);
    return {QStringLiteral("--config"),         dir.filePath(QStringLiteral("openmetadata.yaml")),
            QStringLiteral("--env-file"),       dir.filePath(QStringLiteral("docker.env")),
            QStringLiteral("--workflows"),      dir.filePath(QStringLiteral("workflows")),
            QStringLiteral("--code"),           dir.filePath(QStringLiteral("code")),
            QStringLiteral("--search-url"),     QStringLiteral("http://127.0.0.1:1"),
            QStringLiteral("--search-timeout"), QStringLiteral("2")};
}

void TestCliReview::badUsageExits64_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no target") << QStringList{"review", "--from", "1.1.5"} << "review needs --to";
    QTest::newRow("bad version") << QStringList{"review", "--from", "one", "--to", "1.3.0"}
                                 << "not a version";
    QTest::newRow("backwards") << QStringList{"review", "--from", "1.3.0", "--to", "1.2.0"}
                               << "older than";
    QTest::newRow("no current release") << QStringList{"review", "--to", "1.3.0"} << "give --from";
    QTest::newRow("extra argument")
        << QStringList{"review", "now", "--to", "1.3.0"} << "unexpected argument";
    QTest::newRow("bad timeout") << QStringList{"review", "--from",           "1.1.5", "--to",
                                                "1.3.0",  "--search-timeout", "0"}
                                 << "--search-timeout";
}

void TestCliReview::badUsageExits64()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    verifyBadUsage(omupgrade, arguments, message);
}

void TestCliReview::textReportOfTheWholeDeployment()
{
    const AppRun run = omupgrade.run(QStringList{"review", "--from", "1.1.0", "--to", "1.3.0"} +
                                         deploymentOptions(),
                                     m_admin.password);
    QCOMPARE(run.exitCode, 2); // blockers
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(out.startsWith(QLatin1String("Upgrade review: OpenMetadata 1.1.0 -> 1.3.0")),
             run.out.constData());
    for (const char* expected :
         {"\nBlockers (", "\nWarnings (", "\nNotices (", "\nManual checks, to confirm by hand (",
          "  om-1.3.0-secrets-manager-noop  [1.3.0]", "openmetadata.yaml:45:19", "docker.env:5:1",
          "automatic fix: change the default of SECRET_MANAGER", "om-1.2.0-jdk17",
          "\nNot checked (", "om-1.2.0-search-version",
          "Blockers: ", "Fix or acknowledge the blockers"})
        QVERIFY2(out.contains(QLatin1String(expected)), expected);
    // The database was checked: the fixture's own counts.
    QVERIFY2(out.contains(QStringLiteral("%1 queries in ").arg(m_brokenQueries)),
             qPrintable(out.mid(out.indexOf(QLatin1String("Not checked")))));
    QVERIFY(out.contains(QStringLiteral("%1 alerts in ").arg(m_alerts)));
    // Manual checks come after every detected finding.
    QVERIFY(out.indexOf(QLatin1String("Manual checks")) >
            out.indexOf(QLatin1String("\nNotices (")));
    if (!m_admin.password.isEmpty()) {
        QVERIFY(!run.out.contains(m_admin.password.toUtf8()));
        QVERIFY(!run.err.contains(m_admin.password.toUtf8()));
    }
    // Progress goes to stderr, never into the report.
    QVERIFY(run.err.contains("Checking"));
    QVERIFY(!run.out.contains("Checking 38"));
}

void TestCliReview::jsonReportHasTheDesignShape()
{
    // With the Helm values too: they are scanned, and they name the database (host mysql,
    // which does not resolve here), so the database checks say why they did not run.
    const AppRun run =
        omupgrade.run(QStringList{"review", "--from", "1.1.0", "--to", "1.3.0", "--json",
                                  "--helm-values", m_deployment + QStringLiteral("/values.yaml")} +
                          deploymentOptions(),
                      m_admin.password);
    QCOMPARE(run.exitCode, 2);
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, run.out.left(300).constData());
    const QJsonObject json = document.object();
    QCOMPARE(json.value("from").toString(), QStringLiteral("1.1.0"));
    QCOMPARE(json.value("to").toString(), QStringLiteral("1.3.0"));
    const QJsonArray findings = json.value("findings").toArray();
    QVERIFY(findings.size() > 20);
    QMap<QString, int> counted;
    int manual = 0;
    for (const auto& value : findings) {
        const QJsonObject finding = value.toObject();
        for (const char* field :
             {"id", "severity", "since", "title", "file", "line", "message", "fix", "autofix"})
            QVERIFY2(finding.contains(QLatin1String(field)), field);
        QVERIFY(QStringList({"blocker", "warning", "notice"})
                    .contains(finding.value("severity").toString()));
        if (finding.value("manual").toBool())
            ++manual;
        else
            ++counted[finding.value("severity").toString()];
    }
    const QJsonObject counts = json.value("counts").toObject();
    QCOMPARE(counts.value("blocker").toInt(), counted.value("blocker"));
    QCOMPARE(counts.value("warning").toInt(), counted.value("warning"));
    QCOMPARE(counts.value("notice").toInt(), counted.value("notice"));
    QCOMPARE(counts.value("manual").toInt(), manual);
    QVERIFY(counted.value("blocker") >= 3);
    bool helmFinding = false;
    for (const auto& value : findings)
        helmFinding =
            helmFinding ||
            (value.toObject().value("file").toString().endsWith(QLatin1String("values.yaml")) &&
             value.toObject().value("line").toInt() == 17);
    QVERIFY(helmFinding);
    bool databaseReason = false;
    for (const auto& value : json.value("notChecked").toArray())
        databaseReason =
            databaseReason ||
            (value.toObject().value("id").toString() == QLatin1String("om-1.2.0-query-service") &&
             value.toObject().value("reason").toString().contains(QLatin1String("mysql")));
    QVERIFY(databaseReason);
    QVERIFY(!run.out.contains("Checking")); // exactly one JSON document on stdout
    if (!m_admin.password.isEmpty())
        QVERIFY(!run.out.contains(m_admin.password.toUtf8()));
}

void TestCliReview::currentReleaseIsReadFromTheDatabase()
{
    const AppRun run = omupgrade.run(
        QStringList{"review", "--to", "1.2.0", "--json"} + deploymentOptions(), m_admin.password);
    QVERIFY2(run.exitCode == 1 || run.exitCode == 2, run.err.constData());
    QCOMPARE(run.json().value("from").toString(), QStringLiteral("1.1.5")); // the fixture's release
    QVERIFY(run.err.contains("Reading the current release"));
}

void TestCliReview::warningsOnlyExit1AndNothingExits0()
{
    const QString code = m_deployment + QStringLiteral("/code");
    const AppRun warnings =
        omupgrade.run({"review", "--from", "1.2.5", "--to", "1.3.0", "--code", code});
    QCOMPARE(warnings.exitCode, 1);
    QVERIFY(warnings.out.contains("om-1.3.0-stack-trace-error"));
    QVERIFY(warnings.out.contains("no connection was given"));

    const AppRun nothing =
        omupgrade.run({"review", "--from", "1.3.0", "--to", "1.3.0", "--code", code});
    QCOMPARE(nothing.exitCode, 0);
    QVERIFY(nothing.out.contains("Nothing in the files"));
}

void TestCliReview::applyFixesThenNothingLeftToFix()
{
    const QString config = m_deployment + QStringLiteral("/openmetadata.yaml");
    const QStringList arguments =
        QStringList{"review", "--from", "1.1.0", "--to", "1.3.0", "--apply-fixes"} +
        deploymentOptions();
    const AppRun first = omupgrade.run(arguments, m_admin.password);
    QVERIFY2(first.out.contains("--- " + config.toUtf8()), first.out.left(500).constData());
    QVERIFY(first.out.contains("+  searchType: ${SEARCH_TYPE:- \"elasticsearch\"}"));
    QVERIFY(first.out.contains("Fixed " + config.toUtf8() + " (original kept as " +
                               config.toUtf8() + ".bak-"));
    QCOMPARE(first.exitCode, 1); // blockers fixed; warnings (code, database) remain
    QVERIFY(!first.out.contains("\nBlockers ("));
    QCOMPARE(QDir(m_deployment).entryList({QStringLiteral("openmetadata.yaml.bak-*")}).size(), 1);

    const AppRun second = omupgrade.run(arguments, m_admin.password);
    QVERIFY(second.out.contains("No automatic fix to apply."));
    QCOMPARE(second.exitCode, 1);
    QCOMPARE(QDir(m_deployment).entryList({QStringLiteral("openmetadata.yaml.bak-*")}).size(), 1);
}

void TestCliReview::unreadableInputExits2WithItsPlace()
{
    const QString workflows = m_deployment + QStringLiteral("/workflows");
    QFile broken(workflows + QStringLiteral("/broken.yaml"));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("source:\n  type: mysql\n   serviceName: x\n");
    broken.close();
    const AppRun run = omupgrade.run(
        {"review", "--from", "1.2.5", "--to", "1.3.0", "--workflows", workflows, "--json"});
    QCOMPARE(run.exitCode, 2);
    const QJsonArray problems = run.json().value("problems").toArray();
    QCOMPARE(problems.size(), 1);
    const QJsonObject problem = problems.first().toObject();
    QVERIFY(problem.value("file").toString().endsWith(QLatin1String("broken.yaml")));
    QCOMPARE(problem.value("line").toInt(), 3);
    QVERIFY(problem.value("column").toInt() > 0);
    // The other workflows were still checked.
    QVERIFY(run.out.contains("om-1.3.0-sdk-auth-jwt"));
}

void TestCliReview::searchEngineThroughTheFake()
{
    omu::test::FakeSearchServerProcess fake(QStringLiteral("es7"));
    QVERIFY(fake.isRunning());
    const AppRun run = omupgrade.run(
        {"review", "--from", "1.1.5", "--to", "1.2.0", "--search-url", fake.url(), "--json"});
    QCOMPARE(run.exitCode, 2);
    const QJsonObject json = run.json();
    QCOMPARE(json.value("search").toObject().value("version").toString(), QStringLiteral("7.16.3"));
    bool blocker = false;
    for (const auto& value : json.value("findings").toArray())
        if (value.toObject().value("id").toString() == QLatin1String("om-1.2.0-search-version"))
            blocker = value.toObject().value("severity").toString() == QLatin1String("blocker");
    QVERIFY(blocker);
}

void TestCliReview::scriptsFolderThroughTo2010()
{
    // The 1.12/1.13-era sample deployment, scripts folder included, from 1.3.0 to 2.0.10:
    // exit 2 for its blockers, the items at their file:line in the text report.
    const QDir sample(omu::test::dataPath(QStringLiteral("review/deployment-1.13")));
    const QStringList options{"--config",         sample.filePath("openmetadata.yaml"),
                              "--env-file",       sample.filePath("docker.env"),
                              "--helm-values",    sample.filePath("values.yaml"),
                              "--workflows",      sample.filePath("workflows"),
                              "--code",           sample.filePath("code"),
                              "--scripts",        sample.filePath("scripts"),
                              "--search-url",     "http://127.0.0.1:1",
                              "--search-timeout", "2"};
    const AppRun run =
        omupgrade.run(QStringList{"review", "--from", "1.3.0", "--to", "2.0.10"} + options);
    QCOMPARE(run.exitCode, 2);
    const QString out = QString::fromUtf8(run.out);
    for (const char* expected :
         {"Upgrade review: OpenMetadata 1.3.0 -> 2.0.10", "om-2.0.0-llm-configuration  [2.0.0]",
          "openmetadata.yaml:67:5", "scripts/crontab:4:", "runs `metadata backup`",
          "scripts/systemd/openmetadata.service:8:", "scripts/ingestion/requirements.txt:2:",
          "is not on the target's 2.0 line", "workflows/tableau.yaml:16:7",
          "automatic fix: move source.sourceConfig.config.dbServiceNames to "
          "source.sourceConfig.config.lineageInformation.dbServiceNames",
          "Manual checks, to confirm by hand", "prerequisite-backup-native"})
        QVERIFY2(out.contains(QLatin1String(expected)), expected);

    // The same files on 2.0.10 already: nothing applies, exit 0.
    const AppRun same =
        omupgrade.run(QStringList{"review", "--from", "2.0.10", "--to", "2.0.10"} + options);
    QCOMPARE(same.exitCode, 0);
    QVERIFY(same.out.contains("Nothing in the files"));

    // A scripts folder that does not exist is a problem of the input: exit 2, named.
    const AppRun missing = omupgrade.run({"review", "--from", "1.3.0", "--to", "1.4.0", "--scripts",
                                          sample.filePath("nope"), "--json"});
    QCOMPARE(missing.exitCode, 2);
    const QJsonArray problems = missing.json().value("problems").toArray();
    QCOMPARE(problems.size(), 1);
    QVERIFY(problems.first().toObject().value("file").toString().endsWith(QLatin1String("nope")));
}

QTEST_GUILESS_MAIN(TestCliReview)
#include "TestCliReview.moc"

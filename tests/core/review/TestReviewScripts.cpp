// The scripts and deployment files folder (--scripts): which files are read and as what,
// and the script-text detector on them: matches at their line and column, comments and
// other kinds of file left out, a version captured from a pin compared with the target,
// and what happens with a missing folder, a binary file and a compose file that is not
// YAML. Catalogs here are written inline, so each rule is tested on its own.
#include "review/ScriptSource.h"
#include "ReviewTestUtil.h"

#include <QTemporaryDir>
#include <QTest>

using namespace omu;
using namespace omu::test;

namespace {

ReviewReport reviewScripts(const Catalog& catalog, const QString& folder,
                           const QString& from = "1.3.0", const QString& to = "1.4.0")
{
    ReviewRequest request;
    request.from = from;
    request.to = to;
    request.scriptsFolder = folder;
    return runReview(catalog, request);
}

} // namespace

class TestReviewScripts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kindsAreToldByName_data();
    void kindsAreToldByName();
    void matchesAreReportedAtTheirPlace();
    void commentsDoNotCount();
    void oneFindingPerLine();
    void kindsLimitTheFilesLookedAt();
    void pinnedVersionsAreComparedWithTheTarget();
    void requiresInFileKeepsOtherFilesOut();
    void composeFilesAreReadAsYamlToo();
    void foldersOfToolsAreSkippedButCiFoldersRead();
    void badInputsAreProblemsOrNotChecked();
    void badSpecsAreRejected_data();
    void badSpecsAreRejected();
};

void TestReviewScripts::kindsAreToldByName_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("firstLine");
    QTest::addColumn<QString>("kind");
    QTest::newRow("shell") << "bin/backup.sh"
                           << ""
                           << "shell";
    QTest::newRow("shebang") << "bin/backup"
                             << "#!/usr/bin/env bash"
                             << "shell";
    QTest::newRow("no shebang") << "bin/notes"
                                << "just text"
                                << "";
    QTest::newRow("crontab") << "crontab"
                             << ""
                             << "cron";
    QTest::newRow("cron.d") << "etc/cron.d/openmetadata"
                            << ""
                            << "cron";
    QTest::newRow("unit") << "systemd/openmetadata.service"
                          << ""
                          << "systemd";
    QTest::newRow("timer") << "systemd/reindex.timer"
                           << ""
                           << "systemd";
    QTest::newRow("Dockerfile") << "ingestion/Dockerfile"
                                << ""
                                << "dockerfile";
    QTest::newRow("Dockerfile.dev") << "Dockerfile.dev"
                                    << ""
                                    << "dockerfile";
    QTest::newRow("compose") << "docker-compose-postgres.yml"
                             << ""
                             << "compose";
    QTest::newRow("compose v2") << "compose.yaml"
                                << ""
                                << "compose";
    QTest::newRow("gitlab") << ".gitlab-ci.yml"
                            << ""
                            << "ci";
    QTest::newRow("github") << ".github/workflows/upgrade.yml"
                            << ""
                            << "ci";
    QTest::newRow("jenkins") << "Jenkinsfile"
                             << ""
                             << "ci";
    QTest::newRow("kubernetes") << "k8s/cronjob.yaml"
                                << ""
                                << "yaml";
    QTest::newRow("requirements") << "requirements-ingestion.txt"
                                  << ""
                                  << "requirements";
    QTest::newRow("pyproject") << "pyproject.toml"
                               << ""
                               << "requirements";
    QTest::newRow("dag") << "dags/ingest.py"
                         << ""
                         << "python";
    QTest::newRow("make") << "Makefile"
                          << ""
                          << "make";
    QTest::newRow("image") << "docs/diagram.png"
                           << ""
                           << "";
    QTest::newRow("log") << "logs/openmetadata.log"
                         << ""
                         << "";
}

void TestReviewScripts::kindsAreToldByName()
{
    QFETCH(QString, path);
    QFETCH(QString, firstLine);
    QFETCH(QString, kind);
    const auto found = ScriptSource::kindOf(path, firstLine);
    QCOMPARE(found ? ScriptSource::kindName(*found) : QString(), kind);
}

void TestReviewScripts::matchesAreReportedAtTheirPlace()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath("ops/backup.sh"),
                      "#!/bin/sh\nset -e\n  exec metadata backup -u om --output /b\n"));
    QVERIFY(writeFile(dir.filePath("crontab"), "0 2 * * * metadata   restore -i /b/x.sql\n"));
    const Catalog catalog = catalogWith("  - type: script-text\n"
                                        "    pattern: '\\bmetadata\\s+(backup|restore)\\b'\n"
                                        "    message: 'runs `{match}`'\n");
    const ReviewReport report = reviewScripts(catalog, dir.path());
    QCOMPARE(report.findings.size(), 2);
    const Finding* shell =
        findingOf(report, QStringLiteral("test-entry"), QStringLiteral("backup.sh"));
    QVERIFY(shell);
    QCOMPARE(shell->line, 3);
    QCOMPARE(shell->column, 8);
    QCOMPARE(shell->message, QStringLiteral("runs `metadata backup`"));
    const Finding* cron =
        findingOf(report, QStringLiteral("test-entry"), QStringLiteral("crontab"));
    QVERIFY(cron);
    QCOMPARE(cron->line, 1);
    QCOMPARE(cron->message, QStringLiteral("runs `metadata   restore`"));
    QVERIFY(report.notChecked.isEmpty());
}

void TestReviewScripts::commentsDoNotCount()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath("backup.sh"),
                      "# we used to run: metadata backup\necho done # metadata backup retired\n"
                      "curl 'http://x/#metadata backup'\n"));
    QVERIFY(writeFile(dir.filePath("om.service"),
                      "[Service]\n; ExecStart=metadata backup\nExecStart=/bin/true\n"));
    const Catalog catalog = catalogWith("  - type: script-text\n"
                                        "    pattern: 'metadata backup'\n");
    const ReviewReport report = reviewScripts(catalog, dir.path());
    // Only the '#' inside the URL is not a comment.
    QCOMPARE(report.findings.size(), 1);
    QCOMPARE(report.findings.first().line, 3);
}

void TestReviewScripts::oneFindingPerLine()
{
    QTemporaryDir dir;
    QVERIFY(
        writeFile(dir.filePath("requirements.txt"),
                  "acme @ https://x/acme-1.0-cp310-cp310-linux_x86_64.whl\nother-1.0-cp310.whl\n"));
    const Catalog catalog = catalogWith("  - type: script-text\n    pattern: '\\bcp310\\b'\n");
    const ReviewReport report = reviewScripts(catalog, dir.path());
    QCOMPARE(report.findings.size(), 2);
    QCOMPARE(report.findings.at(0).line, 1);
    QCOMPARE(report.findings.at(1).line, 2);
}

void TestReviewScripts::kindsLimitTheFilesLookedAt()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath("Dockerfile"), "FROM python:3.8-slim\n"));
    QVERIFY(writeFile(dir.filePath("notes.sh"), "echo 'python:3.8 is gone'\n"));
    const Catalog catalog = catalogWith("  - type: script-text\n"
                                        "    pattern: 'python:3\\.8'\n"
                                        "    kinds: [dockerfile]\n");
    const ReviewReport report = reviewScripts(catalog, dir.path());
    QCOMPARE(report.findings.size(), 1);
    QVERIFY(report.findings.first().file.endsWith(QLatin1String("Dockerfile")));
}

void TestReviewScripts::pinnedVersionsAreComparedWithTheTarget()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath("requirements.txt"), "openmetadata-ingestion[mysql]==1.13.4.0\n"
                                                        "openmetadata-managed-apis==2.0.3.0\n"
                                                        "openmetadata-ingestion==2.0.10\n"));
    const QByteArray pattern =
        "    pattern: 'openmetadata-(?:ingestion|managed-apis)(?:\\[[^\\]]*\\])?==(?<v>[0-9.]+)'\n";
    // The target's line: only the 1.13 pin is off it.
    Catalog catalog = catalogWith("  - type: script-text\n" + pattern +
                                  "    version: {group: v, differsFrom: target-minor}\n");
    ReviewReport report = reviewScripts(catalog, dir.path(), "1.3.0", "2.0.10");
    QCOMPARE(report.findings.size(), 1);
    QCOMPARE(report.findings.first().line, 1);
    QVERIFY2(
        report.findings.first().message.contains(QLatin1String("not on the target's 2.0 line")),
        qPrintable(report.findings.first().message));
    // The exact target: 2.0.10 and 2.0.10.0 are the same release, 2.0.3.0 is not.
    catalog = catalogWith("  - type: script-text\n" + pattern +
                          "    version: {group: v, differsFrom: target}\n");
    report = reviewScripts(catalog, dir.path(), "1.3.0", "2.0.10");
    QCOMPARE(report.findings.size(), 2);
    // Below a given release.
    catalog = catalogWith("  - type: script-text\n" + pattern +
                          "    version: {group: v, below: 2.0.0}\n");
    report = reviewScripts(catalog, dir.path(), "1.3.0", "2.0.10");
    QCOMPARE(report.findings.size(), 1);
    QVERIFY(report.findings.first().message.contains(QLatin1String("older than 2.0.0")));
}

void TestReviewScripts::requiresInFileKeepsOtherFilesOut()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath("a/Dockerfile"),
                      "FROM python:3.10-slim\nRUN pip install openmetadata-ingestion\n"));
    QVERIFY(
        writeFile(dir.filePath("b/Dockerfile"), "FROM python:3.10-slim\nRUN pip install flask\n"));
    const Catalog catalog = catalogWith("  - type: script-text\n"
                                        "    pattern: 'python:3\\.10'\n"
                                        "    requiresInFile: 'openmetadata'\n");
    const ReviewReport report = reviewScripts(catalog, dir.path());
    QCOMPARE(report.findings.size(), 1);
    QVERIFY(report.findings.first().file.contains(QLatin1String("/a/")));
}

void TestReviewScripts::composeFilesAreReadAsYamlToo()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(
        dir.filePath("docker-compose.yml"),
        "services:\n  openmetadata-server:\n    image: openmetadata/server:1.12.1\n"
        "    deploy:\n      replicas: 2\n  ingestion:\n    deploy:\n      replicas: 4\n"));
    QVERIFY(writeFile(dir.filePath("other/docker-compose.yml"),
                      "services:\n  web:\n    image: nginx\n    deploy:\n      replicas: 3\n"));
    const Catalog catalog =
        catalogWith("  - type: yaml-value\n"
                    "    files: [compose]\n"
                    "    path: services.*.deploy.replicas\n"
                    "    matches: '^[2-9]$'\n"
                    "    when: {key: image, matches: 'openmetadata/server', up: 1}\n");
    const ReviewReport report = reviewScripts(catalog, dir.path(), "1.3.0", "1.13.0");
    // The server's service only: not the ingestion next to it, not the unrelated file.
    QCOMPARE(report.findings.size(), 1);
    QCOMPARE(report.findings.first().line, 5);
    for (const Finding& finding : report.findings)
        QVERIFY(!finding.file.contains(QLatin1String("other")));
}

void TestReviewScripts::foldersOfToolsAreSkippedButCiFoldersRead()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(".github/workflows/upgrade.yml"),
                      "jobs:\n  migrate:\n    steps:\n      - run: "
                      "./bootstrap/bootstrap_storage.sh migrate-all\n"));
    QVERIFY(writeFile(dir.filePath(".git/hooks/pre-commit.sh"), "bootstrap_storage.sh\n"));
    QVERIFY(writeFile(dir.filePath("venv/bin/activate.sh"), "bootstrap_storage.sh\n"));
    QVERIFY(writeFile(dir.filePath("node_modules/x/run.sh"), "bootstrap_storage.sh\n"));
    const Catalog catalog = catalogWith("  - type: script-text\n"
                                        "    pattern: 'bootstrap_storage\\.sh'\n");
    const ReviewReport report = reviewScripts(catalog, dir.path());
    QCOMPARE(report.findings.size(), 1);
    QVERIFY(report.findings.first().file.endsWith(QLatin1String(".github/workflows/upgrade.yml")));
    QCOMPARE(report.findings.first().line, 4);
}

void TestReviewScripts::badInputsAreProblemsOrNotChecked()
{
    const Catalog catalog = catalogWith("  - type: script-text\n"
                                        "    pattern: 'metadata backup'\n"
                                        "  - type: yaml-key-present\n"
                                        "    files: [compose]\n"
                                        "    path: services\n");
    // Not given: both checks say why they did not run; nothing is a problem.
    ReviewReport report = reviewScripts(catalog, {});
    QCOMPARE(report.notChecked.size(), 2);
    QVERIFY(report.notChecked.first().reason.contains(QLatin1String("no scripts")));
    QVERIFY(report.problems.isEmpty());

    // Missing folder: a problem naming it.
    QTemporaryDir dir;
    report = reviewScripts(catalog, dir.filePath("missing"));
    QCOMPARE(report.problems.size(), 1);
    QVERIFY(report.problems.first().message.contains(QLatin1String("does not exist")));

    // A binary "script" and a compose file that is not YAML are problems; the rest is read.
    QVERIFY(writeFile(dir.filePath("tool.sh"), QByteArray("\x7f"
                                                          "ELF\0\0\x01",
                                                          7)));
    QVERIFY(writeFile(dir.filePath("docker-compose.yml"), "services: [unclosed\n"));
    QVERIFY(writeFile(dir.filePath("backup.sh"), "metadata backup\n"));
    report = reviewScripts(catalog, dir.path());
    QCOMPARE(report.problems.size(), 2);
    QCOMPARE(report.findings.size(), 1);
    // The compose check could not look at anything: it says so.
    bool composeNotChecked = false;
    for (const NotChecked& skipped : report.notChecked)
        composeNotChecked =
            composeNotChecked || skipped.detector == QLatin1String("yaml-key-present");
    QVERIFY(composeNotChecked);

    // A folder with nothing of interest is "not checked", not silently clean.
    QTemporaryDir empty;
    QVERIFY(writeFile(empty.filePath("README.md"), "nothing here\n"));
    report = reviewScripts(catalog, empty.path());
    QVERIFY(report.findings.isEmpty());
    QCOMPARE(report.notChecked.size(), 2);
}

void TestReviewScripts::badSpecsAreRejected_data()
{
    QTest::addColumn<QByteArray>("detector");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown kind")
        << QByteArray("  - {type: script-text, pattern: x, kinds: [powershell]}\n")
        << QStringLiteral("known kinds are");
    QTest::newRow("bad pattern") << QByteArray("  - {type: script-text, pattern: '(x'}\n")
                                 << QStringLiteral("not a valid regular expression");
    QTest::newRow("no group")
        << QByteArray("  - {type: script-text, pattern: 'x', version: {group: v, below: 1.0.0}}\n")
        << QStringLiteral("no group named \"v\"");
    QTest::newRow("two rules") << QByteArray("  - {type: script-text, pattern: '(?<v>x)', version: "
                                             "{group: v, below: 1.0.0, differsFrom: target}}\n")
                               << QStringLiteral("either \"below\" or \"differsFrom\"");
}

void TestReviewScripts::badSpecsAreRejected()
{
    QFETCH(QByteArray, detector);
    QFETCH(QString, expected);
    const QByteArray yaml = "id: test-entry\nsince: 1.4.0\nseverity: warning\ntitle: T\nwhy: W\n"
                            "fix: F\nsource: {file: openmetadata-releases.md, section: S}\n"
                            "detectors:\n" +
                            detector;
    const auto catalog = Catalog::parse({{QStringLiteral("test-entry.yaml"), yaml}});
    QVERIFY(!catalog.ok());
    QVERIFY2(catalog.error().message.contains(expected), qPrintable(catalog.error().message));
}

QTEST_GUILESS_MAIN(TestReviewScripts)
#include "TestReviewScripts.moc"

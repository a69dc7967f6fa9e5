// The review's file detectors and the release arithmetic: which entries apply to a step,
// where a finding is (line and column), how ${VAR:-default} and env files interact, and
// what happens with inputs that are not what they should be (malformed YAML, binary,
// empty folders, a 50 MB file, missing paths).
#include "releases/ReleaseRegistry.h"
#include "review/PythonImports.h"
#include "review/VariableReference.h"
#include "ReviewTestUtil.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace omu;
using namespace omu::test;

class TestReviewDetectors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void applicableEntriesFollowTheReleaseStep();
    void reviewShowsOnlyTheStepsItems();
    void sameReleaseShowsNothing();
    void findingsHaveLineAndColumn();
    void variableDefaultCountsUnlessAnEnvFileOverrides();
    void envFileValueIsReportedWhereItIsSet();
    void quotedDefaultsAndReferences();
    void pythonImportsAcrossLinesAndComments();
    void malformedYamlIsAProblemAndTheRestIsChecked();
    void binaryAndNonUtf8FilesAreProblems();
    void emptyFoldersAreNotCheckedNotProblems();
    void fiftyMegabyteYamlIsRefusedNotParsed();
    void missingInputsAreProblems();
    void badVersionsAreRejected();
    void databaseAndSearchAreListedAsNotChecked();

private:
    QTemporaryDir m_dir;
    QString m_deployment;
};

void TestReviewDetectors::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_deployment = m_dir.filePath(QStringLiteral("deployment"));
    QVERIFY(copyData(QStringLiteral("review/deployment"), m_deployment));
}

void TestReviewDetectors::applicableEntriesFollowTheReleaseStep()
{
    const Catalog& catalog = builtInCatalog();
    const Version v115 = *Version::parse(QStringLiteral("1.1.5"));
    const Version v120 = *Version::parse(QStringLiteral("1.2.0"));
    const Version v121 = *Version::parse(QStringLiteral("1.2.1"));
    const Version v130 = *Version::parse(QStringLiteral("1.3.0"));

    // 1.1.5 -> 1.2.0: every 1.2.0 entry, no 1.2.1 or 1.3.0 one.
    QSet<QString> applies;
    for (const CatalogEntry* entry : catalog.applicable(v115, v120))
        applies.insert(entry->id);
    for (const auto& entry : catalog.entries()) {
        if (entry.since == v120)
            QVERIFY2(applies.contains(entry.id), qPrintable(entry.id));
        if (entry.since == v121 || entry.since == v130)
            QVERIFY2(!applies.contains(entry.id), qPrintable(entry.id));
    }
    QVERIFY(applies.contains(QStringLiteral("om-1.2.0-query-service")));
    QVERIFY(!applies.contains(QStringLiteral("om-1.3.0-secrets-manager-noop")));
    QVERIFY(!applies.contains(QStringLiteral("om-1.1.2-migration-paths"))); // 1.1.5 is past 1.1.2

    // 1.2.1 -> 1.3.0: only 1.3.0 entries, plus the prerequisites every upgrade has.
    int since130 = 0;
    for (const CatalogEntry* entry : catalog.applicable(v121, v130)) {
        QVERIFY2(entry->since == v130 || entry->everyUpgrade, qPrintable(entry->id));
        since130 += entry->since == v130;
    }
    int total130 = 0;
    for (const auto& entry : catalog.entries())
        total130 += entry.since == v130;
    QCOMPARE(since130, total130);
    QVERIFY(total130 >= 8);
}

void TestReviewDetectors::reviewShowsOnlyTheStepsItems()
{
    auto early =
        ReviewEngine::run(builtInCatalog(), deploymentRequest(m_deployment, "1.1.5", "1.2.0"));
    QVERIFY(early.ok());
    const QStringList earlyIds = idsOf(early.value());
    QVERIFY(earlyIds.contains(QStringLiteral("om-1.2.0-domo-instance-domain")));
    QVERIFY(earlyIds.contains(QStringLiteral("om-1.2.0-db-use-ssl")));
    QVERIFY(earlyIds.contains(QStringLiteral("om-1.2.0-workflow-imports")));
    QVERIFY(!earlyIds.contains(QStringLiteral("om-1.3.0-secrets-manager-noop")));
    QVERIFY(!earlyIds.contains(QStringLiteral("om-1.3.0-stack-trace-error")));
    QVERIFY(!earlyIds.contains(QStringLiteral("om-1.2.1-logo-login-config")));
    for (const Finding& finding : early.value().findings)
        QVERIFY2(*Version::parse(finding.since) <= *Version::parse(QStringLiteral("1.2.0")),
                 qPrintable(finding.id));

    auto late =
        ReviewEngine::run(builtInCatalog(), deploymentRequest(m_deployment, "1.2.1", "1.3.0"));
    QVERIFY(late.ok());
    const QStringList lateIds = idsOf(late.value());
    QVERIFY(lateIds.contains(QStringLiteral("om-1.3.0-secrets-manager-noop")));
    QVERIFY(lateIds.contains(QStringLiteral("om-1.3.0-stack-trace-error")));
    QVERIFY(!lateIds.contains(QStringLiteral("om-1.2.0-domo-instance-domain")));
    QVERIFY(!lateIds.contains(QStringLiteral("om-1.2.1-logo-login-config")));
    for (const Finding& finding : late.value().findings) {
        const CatalogEntry* entry = builtInCatalog().find(finding.id);
        QVERIFY2(finding.since == QLatin1String("1.3.0") || entry->everyUpgrade,
                 qPrintable(finding.id));
    }
}

void TestReviewDetectors::sameReleaseShowsNothing()
{
    for (const QString& release : ReleaseRegistry::builtIn().versions()) {
        auto report =
            ReviewEngine::run(builtInCatalog(), deploymentRequest(m_deployment, release, release));
        QVERIFY(report.ok());
        QVERIFY2(report.value().findings.isEmpty(), qPrintable(release));
        QVERIFY(report.value().notChecked.isEmpty());
        QCOMPARE(report.value().applicableEntries, 0);
    }
}

void TestReviewDetectors::findingsHaveLineAndColumn()
{
    auto report =
        ReviewEngine::run(builtInCatalog(), deploymentRequest(m_deployment, "1.1.0", "1.3.0"));
    QVERIFY(report.ok());
    struct Expected
    {
        const char* id;
        const char* file;
        int line;
        int column;
    };
    // Positions as an editor shows them (1-based), checked against the sample files.
    for (const Expected& expected : {
             Expected{"om-1.1.2-migration-paths", "openmetadata.yaml", 24, 3},
             Expected{"om-1.3.0-secrets-manager-noop", "openmetadata.yaml", 45, 19},
             Expected{"om-1.3.0-secrets-manager-noop", "values.yaml", 17, 17},
             Expected{"om-1.2.0-db-use-ssl", "docker.env", 5, 1},
             Expected{"om-1.2.0-domo-instance-domain", "domo.yaml", 10, 7},
             Expected{"om-1.2.0-mark-all-deleted-tables", "mysql.yaml", 13, 7},
             Expected{"om-1.3.0-sdk-auth-jwt", "mysql.yaml", 22, 19},
             Expected{"om-1.2.0-workflow-imports", "run_workflow.py", 4, 45},
             Expected{"om-1.1.2-search-type", "openmetadata.yaml", 26, 1},
         }) {
        const Finding* finding = findingOf(report.value(), QString::fromLatin1(expected.id),
                                           QString::fromLatin1(expected.file));
        QVERIFY2(finding, expected.id);
        QCOMPARE(finding->line, expected.line);
        QCOMPARE(finding->column, expected.column);
        QVERIFY(QFileInfo(finding->file).isAbsolute() || QFileInfo::exists(finding->file));
    }
    // The text at that position is the key or value the finding names.
    const QStringList lines =
        QString::fromUtf8(readFile(QDir(m_deployment).filePath("openmetadata.yaml")))
            .split(QLatin1Char('\n'));
    QVERIFY(lines.at(23).mid(2).startsWith(QLatin1String("path:")));
    QVERIFY(lines.at(44).mid(18).startsWith(QLatin1String("${SECRET_MANAGER:-noop}")));
}

void TestReviewDetectors::variableDefaultCountsUnlessAnEnvFileOverrides()
{
    const QString folder = m_dir.filePath(QStringLiteral("defaults"));
    const QString config = folder + QStringLiteral("/openmetadata.yaml");
    QVERIFY(writeFile(config,
                      "secretsManagerConfiguration:\n  secretsManager: ${SECRET_MANAGER:-noop}\n"));
    ReviewRequest request;
    request.from = QStringLiteral("1.2.5");
    request.to = QStringLiteral("1.3.0");
    request.configFile = config;
    request.checkSearch = false;
    auto report = ReviewEngine::run(builtInCatalog(), request);
    QVERIFY(report.ok());
    const Finding* finding =
        findingOf(report.value(), QStringLiteral("om-1.3.0-secrets-manager-noop"));
    QVERIFY(finding);
    QCOMPARE(finding->file, config);
    QCOMPARE(finding->line, 2);
    QCOMPARE(finding->column, 19);
    QCOMPARE(finding->severity, Severity::Blocker);
    QVERIFY(finding->message.contains(QLatin1String("SECRET_MANAGER")));
    QVERIFY(finding->autofix);

    // An env file that sets the variable wins over the default.
    const QString env = folder + QStringLiteral("/server.env");
    QVERIFY(writeFile(env, "# secrets live in the database\nSECRET_MANAGER=db\n"));
    request.envFiles = {env};
    report = ReviewEngine::run(builtInCatalog(), request);
    QVERIFY(report.ok());
    QVERIFY(!findingOf(report.value(), QStringLiteral("om-1.3.0-secrets-manager-noop")));

    // Later env files win over earlier ones.
    const QString later = folder + QStringLiteral("/override.env");
    QVERIFY(writeFile(later, "SECRET_MANAGER=noop\n"));
    request.envFiles = {env, later};
    report = ReviewEngine::run(builtInCatalog(), request);
    QVERIFY(report.ok());
    finding = findingOf(report.value(), QStringLiteral("om-1.3.0-secrets-manager-noop"));
    QVERIFY(finding);
    QCOMPARE(finding->file, later);
}

void TestReviewDetectors::envFileValueIsReportedWhereItIsSet()
{
    const QString folder = m_dir.filePath(QStringLiteral("envwins"));
    QVERIFY(writeFile(folder + "/openmetadata.yaml",
                      "secretsManagerConfiguration:\n  secretsManager: ${SECRET_MANAGER:-db}\n"));
    QVERIFY(writeFile(folder + "/docker.env",
                      "DB_HOST=mysql\n\nexport SECRET_MANAGER=\"noop\"  # old\n"));
    ReviewRequest request;
    request.from = QStringLiteral("1.2.5");
    request.to = QStringLiteral("1.3.0");
    request.configFile = folder + "/openmetadata.yaml";
    request.envFiles = {folder + "/docker.env"};
    request.checkSearch = false;
    auto report = ReviewEngine::run(builtInCatalog(), request);
    QVERIFY(report.ok());
    int found = 0;
    for (const Finding& finding : report.value().findings)
        if (finding.id == QLatin1String("om-1.3.0-secrets-manager-noop")) {
            ++found;
            // Both detectors (the YAML value and the env variable) point at the env line,
            // which is one finding.
            QCOMPARE(finding.file, folder + "/docker.env");
            QCOMPARE(finding.line, 3);
            QVERIFY(finding.autofix);
        }
    QCOMPARE(found, 1);
}

void TestReviewDetectors::quotedDefaultsAndReferences()
{
    auto reference = VariableReference::parse(QStringLiteral("${SEARCH_TYPE:- \"elasticsearch\"}"));
    QVERIFY(reference);
    QCOMPARE(reference->name, QStringLiteral("SEARCH_TYPE"));
    QCOMPARE(QStringLiteral("${SEARCH_TYPE:- \"elasticsearch\"}")
                 .mid(reference->defaultStart, reference->defaultLength),
             QStringLiteral("elasticsearch"));
    reference = VariableReference::parse(QStringLiteral("${X}"));
    QVERIFY(reference && !reference->hasDefault);
    QVERIFY(!VariableReference::parse(QStringLiteral("jdbc:${A:-b}/x")));
    QVERIFY(!VariableReference::parse(QStringLiteral("noop")));
}

void TestReviewDetectors::pythonImportsAcrossLinesAndComments()
{
    const QStringList lines =
        QString::fromUtf8("import os\n"
                          "# from metadata.ingestion.api.workflow import Workflow\n"
                          "from metadata.ingestion.api.source import (\n"
                          "    InvalidSourceException,\n"
                          "    Source as Base,  # comment\n"
                          "    SourceStatus,\n"
                          ")\n"
                          "    import metadata.ingestion.api.workflow as wf, sys\n"
                          "from metadata.ingestion.api.models import \\\n"
                          "    StackTraceError\n")
            .split(QLatin1Char('\n'));
    const auto imports = PythonImports::read(lines);
    QStringList seen;
    for (const auto& import : imports)
        seen << QStringLiteral("%1:%2:%3@%4:%5")
                    .arg(import.module, import.name)
                    .arg(import.line)
                    .arg(import.column)
                    .arg(0);
    auto has = [&](const QString& module, const QString& name, int line, int column) {
        for (const auto& import : imports)
            if (import.module == module && import.name == name && import.line == line &&
                import.column == column)
                return true;
        return false;
    };
    QVERIFY2(has("metadata.ingestion.api.source", "Source", 5, 5), qPrintable(seen.join(' ')));
    QVERIFY2(has("metadata.ingestion.api.source", "SourceStatus", 6, 5),
             qPrintable(seen.join(' ')));
    QVERIFY2(has("metadata.ingestion.api.workflow", "", 8, 12), qPrintable(seen.join(' ')));
    QVERIFY2(has("sys", "", 8, 51), qPrintable(seen.join(' ')));
    QVERIFY2(has("metadata.ingestion.api.models", "StackTraceError", 10, 5),
             qPrintable(seen.join(' ')));
    for (const auto& import : imports) {
        QVERIFY(import.line != 2); // the commented-out import
        QVERIFY(import.name != QLatin1String("Base") && import.name != QLatin1String("as"));
    }
}

void TestReviewDetectors::malformedYamlIsAProblemAndTheRestIsChecked()
{
    const QString folder = m_dir.filePath(QStringLiteral("malformed"));
    QVERIFY(writeFile(folder + "/broken.yaml",
                      "source:\n  type: mysql\n  config: [unclosed\n    a: b\n"));
    QVERIFY(writeFile(folder + "/tabs.yml", "source:\n\ttype: mysql\n"));
    QVERIFY(writeFile(folder + "/good.yaml",
                      "source:\n  sourceConfig:\n    config:\n      markAllDeletedTables: true\n"));
    ReviewRequest request;
    request.from = QStringLiteral("1.1.5");
    request.to = QStringLiteral("1.2.0");
    request.workflowsFolder = folder;
    request.checkSearch = false;
    auto report = ReviewEngine::run(builtInCatalog(), request);
    QVERIFY(report.ok());
    QCOMPARE(report.value().problems.size(), 2);
    for (const ReviewProblem& problem : report.value().problems) {
        QVERIFY(problem.file.endsWith(QLatin1String("broken.yaml")) ||
                problem.file.endsWith(QLatin1String("tabs.yml")));
        QVERIFY2(problem.line > 0 && problem.column > 0, qPrintable(problem.toString()));
        QVERIFY2(problem.message.contains(QLatin1String("not valid YAML")),
                 qPrintable(problem.message));
    }
    const Finding* finding =
        findingOf(report.value(), QStringLiteral("om-1.2.0-mark-all-deleted-tables"));
    QVERIFY(finding);
    QVERIFY(finding->file.endsWith(QLatin1String("good.yaml")));
}

void TestReviewDetectors::binaryAndNonUtf8FilesAreProblems()
{
    const QString folder = m_dir.filePath(QStringLiteral("binary"));
    QByteArray binary("\x7f"
                      "ELF\x02\x01\x01",
                      7);
    binary.append(QByteArray(64, '\0'));
    QVERIFY(writeFile(folder + "/workflows/image.yaml", binary));
    QVERIFY(writeFile(folder + "/code/latin1.py", "name = '\xe9t\xe9'\n"));
    QVERIFY(writeFile(folder + "/openmetadata.yaml", binary));
    ReviewRequest request;
    request.from = QStringLiteral("1.1.5");
    request.to = QStringLiteral("1.3.0");
    request.configFile = folder + "/openmetadata.yaml";
    request.workflowsFolder = folder + "/workflows";
    request.codeFolder = folder + "/code";
    request.checkSearch = false;
    auto report = ReviewEngine::run(builtInCatalog(), request);
    QVERIFY(report.ok());
    QCOMPARE(report.value().problems.size(), 3);
    int binaries = 0;
    int notUtf8 = 0;
    for (const ReviewProblem& problem : report.value().problems) {
        binaries += problem.message.contains(QLatin1String("binary"));
        notUtf8 += problem.message.contains(QLatin1String("not UTF-8"));
    }
    QCOMPARE(binaries, 2);
    QCOMPARE(notUtf8, 1);
}

void TestReviewDetectors::emptyFoldersAreNotCheckedNotProblems()
{
    const QString workflows = m_dir.filePath(QStringLiteral("empty/workflows"));
    const QString code = m_dir.filePath(QStringLiteral("empty/code"));
    QVERIFY(QDir().mkpath(workflows) && QDir().mkpath(code));
    QVERIFY(writeFile(code + "/README.txt", "not python\n"));
    ReviewRequest request;
    request.from = QStringLiteral("1.1.5");
    request.to = QStringLiteral("1.3.0");
    request.workflowsFolder = workflows;
    request.codeFolder = code;
    request.checkSearch = false;
    auto report = ReviewEngine::run(builtInCatalog(), request);
    QVERIFY(report.ok());
    QVERIFY(report.value().problems.isEmpty());
    bool workflowReason = false;
    bool codeReason = false;
    for (const NotChecked& skipped : report.value().notChecked) {
        workflowReason =
            workflowReason || skipped.reason.contains(QLatin1String("holds no .yaml or .yml file"));
        codeReason = codeReason || skipped.reason.contains(QLatin1String("holds no .py file"));
    }
    QVERIFY(workflowReason);
    QVERIFY(codeReason);
    // Only manual checks remain.
    for (const Finding& finding : report.value().findings)
        QVERIFY2(finding.manual, qPrintable(finding.id));
}

void TestReviewDetectors::fiftyMegabyteYamlIsRefusedNotParsed()
{
    const QString path = m_dir.filePath(QStringLiteral("large/openmetadata.yaml"));
    QDir().mkpath(QFileInfo(path).absolutePath());
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray line =
            "  key_with_some_length: ${SOME_VARIABLE:-some default value here}\n";
        file.write("big:\n");
        QByteArray chunk;
        while (chunk.size() < 1024 * 1024)
            chunk += line;
        for (int i = 0; i < 50; ++i)
            file.write(chunk);
    }
    QVERIFY(QFileInfo(path).size() >= 50LL * 1024 * 1024);
    ReviewRequest request;
    request.from = QStringLiteral("1.1.5");
    request.to = QStringLiteral("1.3.0");
    request.configFile = path;
    request.workflowsFolder = QFileInfo(path).absolutePath();
    request.checkSearch = false;
    auto report = ReviewEngine::run(builtInCatalog(), request);
    QVERIFY(report.ok());
    QCOMPARE(report.value().problems.size(), 2); // as the configuration and as a workflow
    for (const ReviewProblem& problem : report.value().problems) {
        QCOMPARE(problem.file, path);
        QVERIFY2(problem.message.contains(QLatin1String("too large")), qPrintable(problem.message));
        QVERIFY2(problem.message.contains(QLatin1String("MB")), qPrintable(problem.message));
    }
    QFile::remove(path);
}

void TestReviewDetectors::missingInputsAreProblems()
{
    ReviewRequest request;
    request.from = QStringLiteral("1.1.5");
    request.to = QStringLiteral("1.3.0");
    request.configFile = m_dir.filePath(QStringLiteral("nope/openmetadata.yaml"));
    request.envFiles = {m_dir.filePath(QStringLiteral("nope/docker.env"))};
    request.workflowsFolder = m_dir.filePath(QStringLiteral("nope/workflows"));
    request.checkSearch = false;
    auto report = ReviewEngine::run(builtInCatalog(), request);
    QVERIFY(report.ok());
    QCOMPARE(report.value().problems.size(), 3);
    for (const ReviewProblem& problem : report.value().problems)
        QVERIFY2(problem.message.contains(QLatin1String("does not exist")),
                 qPrintable(problem.toString()));
}

void TestReviewDetectors::badVersionsAreRejected()
{
    ReviewRequest request;
    request.from = QStringLiteral("one");
    request.to = QStringLiteral("1.3.0");
    auto report = ReviewEngine::run(builtInCatalog(), request);
    QVERIFY(!report.ok());
    QVERIFY(report.error().message.contains(QLatin1String("\"one\" is not a version")));
    request.from = QStringLiteral("1.3.0");
    request.to = QStringLiteral("1.2.0");
    report = ReviewEngine::run(builtInCatalog(), request);
    QVERIFY(!report.ok());
    QVERIFY(report.error().message.contains(QLatin1String("older than")));
}

void TestReviewDetectors::databaseAndSearchAreListedAsNotChecked()
{
    ReviewRequest request = deploymentRequest(m_deployment, "1.1.5", "1.3.0");
    request.databaseUnavailableReason = QStringLiteral("no connection was given");
    auto report = ReviewEngine::run(builtInCatalog(), request);
    QVERIFY(report.ok());
    QSet<QString> notChecked;
    for (const NotChecked& skipped : report.value().notChecked)
        notChecked.insert(skipped.id + QLatin1Char(':') + skipped.reason);
    QVERIFY(notChecked.contains(QStringLiteral("om-1.2.0-query-service:no connection was given")));
    QVERIFY(notChecked.contains(QStringLiteral("om-1.3.0-alerts-dropped:no connection was given")));
    QVERIFY(notChecked.contains(QStringLiteral("om-flyway-repair:no connection was given")));
    QVERIFY(notChecked.contains(
        QStringLiteral("om-1.2.0-search-version:the search engine check was turned off")));
    // The JSON carries them too, with the design's fields on every finding.
    const QJsonObject json = report.value().toJson();
    QCOMPARE(json.value("notChecked").toArray().size(), report.value().notChecked.size());
    for (const auto& value : json.value("findings").toArray())
        for (const char* field :
             {"id", "severity", "since", "title", "file", "line", "message", "fix", "autofix"})
            QVERIFY2(value.toObject().contains(QLatin1String(field)), field);
}

QTEST_GUILESS_MAIN(TestReviewDetectors)
#include "TestReviewDetectors.moc"

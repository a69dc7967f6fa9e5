// Keys that moved (yaml-key-moved and its move-key fix), and the other detector features
// the releases after 1.3 needed: alternatives in a path, a condition on a value elsewhere
// in the document, a def whose parameters lack one (python-signature), a detector that
// only looks when another one finds something (onlyWhen), and entries that stop applying
// from a later target (before).
#include "review/FixEditor.h"
#include "ReviewTestUtil.h"

#include <QTemporaryDir>
#include <QTest>

using namespace omu;
using namespace omu::test;

namespace {

// The content after the fix of the first finding, or the reason it cannot be fixed.
QString fixed(const ReviewReport& report, const QByteArray& content)
{
    if (report.findings.isEmpty())
        return QStringLiteral("(no finding)");
    const Finding& finding = report.findings.first();
    if (!finding.autofixSpec || !finding.target)
        return QStringLiteral("(no fix)");
    auto outcome = FixEditor::apply(*finding.autofixSpec, *finding.target, content);
    if (!outcome)
        return QStringLiteral("(manual) ") + outcome.error().message;
    return QString::fromUtf8(outcome.value().content);
}

const QByteArray movedDetector = "  - type: yaml-key-moved\n"
                                 "    files: [workflows]\n"
                                 "    path: source.sourceConfig.config.dbServiceNames\n"
                                 "    when: {key: type, matches: '^DashboardMetadata$'}\n"
                                 "    to: lineageInformation.dbServiceNames\n";

} // namespace

class TestReviewMoves : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void movedKeyIsFoundAndMovedDown_data();
    void movedKeyIsFoundAndMovedDown();
    void movedKeyIntoAnExistingMapping();
    void movedKeyAlreadySetAtItsNewPlaceIsLeftToTheUser();
    void placeholderKeepsEachKeysName();
    void notMechanicalMovesAreReportedWithoutFix();
    void pathAlternativesAndValueConditions();
    void signatureWithoutTheParameter();
    void onlyWhenGatesADetector();
    void beforeEndsAnEntry();

private:
    QTemporaryDir m_dir;
};

void TestReviewMoves::movedKeyIsFoundAndMovedDown_data()
{
    QTest::addColumn<QByteArray>("list");
    QTest::addColumn<QByteArray>("moved");
    // A block list indented under the key, one at the key's own indent, a flow list.
    QTest::newRow("indented list")
        << QByteArray("      dbServiceNames:\n        - redshift\n        - snowflake\n")
        << QByteArray("      lineageInformation:\n        dbServiceNames:\n          - redshift\n"
                      "          - snowflake\n");
    QTest::newRow("list at the key's indent")
        << QByteArray("      dbServiceNames:\n      - redshift\n      - snowflake\n")
        << QByteArray("      lineageInformation:\n        dbServiceNames:\n        - redshift\n"
                      "        - snowflake\n");
    QTest::newRow("flow list") << QByteArray("      dbServiceNames: [redshift] # prod only\n")
                               << QByteArray("      lineageInformation:\n        dbServiceNames: "
                                             "[redshift] # prod only\n");
}

void TestReviewMoves::movedKeyIsFoundAndMovedDown()
{
    QFETCH(QByteArray, list);
    QFETCH(QByteArray, moved);
    const QByteArray head = "source:\n  type: tableau\n  sourceConfig:\n    config:\n"
                            "      type: DashboardMetadata\n";
    const QByteArray tail = "      includeOwners: true\nsink:\n  type: metadata-rest\n";
    const QString folder = m_dir.filePath(QStringLiteral("moved-%1").arg(QTest::currentDataTag()));
    QVERIFY(writeFile(folder + "/tableau.yaml", head + list + tail));
    ReviewRequest request;
    request.workflowsFolder = folder;
    const ReviewReport report = runReview(catalogWith(movedDetector), request);
    QCOMPARE(report.findings.size(), 1);
    const Finding& finding = report.findings.first();
    QCOMPARE(finding.line, 6);
    QVERIFY2(finding.message.contains(QLatin1String(
                 "now belongs under source.sourceConfig.config.lineageInformation.dbServiceNames")),
             qPrintable(finding.message));
    QVERIFY(finding.autofix);
    QCOMPARE(fixed(report, head + list + tail), QString::fromUtf8(head + moved + tail));
}

void TestReviewMoves::movedKeyIntoAnExistingMapping()
{
    const QByteArray content =
        "source:\n  sourceConfig:\n    config:\n      type: DashboardMetadata\n"
        "      dbServiceNames:\n        - redshift\n"
        "      lineageInformation:\n        overrideViewLineage: false\n"
        "      includeTags: true\n";
    const QString folder = m_dir.filePath(QStringLiteral("existing"));
    QVERIFY(writeFile(folder + "/w.yaml", content));
    ReviewRequest request;
    request.workflowsFolder = folder;
    const ReviewReport report = runReview(catalogWith(movedDetector), request);
    QCOMPARE(fixed(report, content),
             QStringLiteral("source:\n  sourceConfig:\n    config:\n      type: DashboardMetadata\n"
                            "      lineageInformation:\n        overrideViewLineage: false\n"
                            "        dbServiceNames:\n          - redshift\n"
                            "      includeTags: true\n"));
}

void TestReviewMoves::movedKeyAlreadySetAtItsNewPlaceIsLeftToTheUser()
{
    const QByteArray content =
        "source:\n  sourceConfig:\n    config:\n      type: DashboardMetadata\n"
        "      dbServiceNames: [a]\n"
        "      lineageInformation:\n        dbServiceNames: [b]\n";
    const QString folder = m_dir.filePath(QStringLiteral("both"));
    QVERIFY(writeFile(folder + "/w.yaml", content));
    ReviewRequest request;
    request.workflowsFolder = folder;
    const ReviewReport report = runReview(catalogWith(movedDetector), request);
    QCOMPARE(report.findings.size(), 1);
    QVERIFY(report.findings.first().message.contains(QLatin1String("too; keep one")));
    QVERIFY(!report.findings.first().autofix);
    QVERIFY2(report.findings.first().autofixUnavailable.contains(QLatin1String("already set")),
             qPrintable(report.findings.first().autofixUnavailable));
}

void TestReviewMoves::placeholderKeepsEachKeysName()
{
    const QByteArray content = "openmetadata:\n  config:\n    pipelineServiceClientConfig:\n"
                               "      enabled: true\n      apiEndpoint: http://airflow:8080\n"
                               "      metadataApiEndpoint: http://openmetadata:8585/api\n"
                               "      auth:\n        username: admin\n";
    const QString values = m_dir.filePath(QStringLiteral("values.yaml"));
    QVERIFY(writeFile(values, content));
    const Catalog catalog =
        catalogWith("  - type: yaml-key-moved\n    files: [helm]\n"
                    "    path: openmetadata.config.pipelineServiceClientConfig.(apiEndpoint|auth)\n"
                    "    to: 'airflow.{key}'\n");
    ReviewRequest request;
    request.helmValuesFile = values;
    const ReviewReport report = runReview(catalog, request);
    QCOMPARE(report.findings.size(), 2);
    // Both fixes, one after the other, as the fix plan applies them.
    QByteArray text = content;
    for (const Finding& finding : report.findings) {
        auto outcome = FixEditor::apply(*finding.autofixSpec, *finding.target, text);
        QVERIFY2(outcome.ok(), outcome.ok() ? "" : qPrintable(outcome.error().message));
        text = outcome.value().content;
    }
    QCOMPARE(QString::fromUtf8(text),
             QStringLiteral("openmetadata:\n  config:\n    pipelineServiceClientConfig:\n"
                            "      enabled: true\n"
                            "      airflow:\n        apiEndpoint: http://airflow:8080\n"
                            "        auth:\n          username: admin\n"
                            "      metadataApiEndpoint: http://openmetadata:8585/api\n"));
}

void TestReviewMoves::notMechanicalMovesAreReportedWithoutFix()
{
    const QString folder = m_dir.filePath(QStringLiteral("openlineage"));
    QVERIFY(writeFile(folder + "/ol.yaml",
                      "source:\n  serviceConnection:\n    config:\n      type: OpenLineage\n"
                      "      brokersUrl: kafka:9092\n      topicName: events\n"));
    const Catalog catalog =
        catalogWith("  - type: yaml-key-moved\n    files: [workflows]\n"
                    "    path: source.serviceConnection.config.(brokersUrl|topicName)\n"
                    "    when: {key: type, matches: '^OpenLineage$'}\n"
                    "    to: 'brokerConfig.{key}'\n    mechanical: false\n");
    ReviewRequest request;
    request.workflowsFolder = folder;
    const ReviewReport report = runReview(catalog, request);
    QCOMPARE(report.findings.size(), 2);
    QVERIFY(report.findings.at(1).message.contains(QLatin1String("config.brokerConfig.topicName")));
    for (const Finding& finding : report.findings)
        QVERIFY(!finding.autofix && !finding.autofixSpec);
}

void TestReviewMoves::pathAlternativesAndValueConditions()
{
    const QString folder = m_dir.filePath(QStringLiteral("fivetran"));
    QVERIFY(writeFile(folder + "/fivetran.yaml",
                      "source:\n  serviceConnection:\n    config:\n      type: Fivetran\n"
                      "  sourceConfig:\n    config:\n      type: PipelineMetadata\n"
                      "      pipelineFilterPattern: {includes: [x]}\n"));
    QVERIFY(writeFile(folder + "/airbyte.yaml",
                      "source:\n  serviceConnection:\n    config:\n      type: Airbyte\n"
                      "  sourceConfig:\n    config:\n      type: PipelineMetadata\n"
                      "      pipelineFilterPattern: {includes: [x]}\n"));
    Catalog catalog = catalogWith(
        "  - type: yaml-key-present\n    files: [workflows]\n"
        "    path: source.sourceConfig.config.(pipelineFilterPattern|chartFilterPattern)\n"
        "    onlyIf: {path: source.serviceConnection.config.type, matches: '^Fivetran$'}\n");
    ReviewRequest request;
    request.workflowsFolder = folder;
    ReviewReport report = runReview(catalog, request);
    QCOMPARE(report.findings.size(), 1);
    QVERIFY(report.findings.first().file.endsWith(QLatin1String("fivetran.yaml")));
    QCOMPARE(report.findings.first().line, 8);
}

void TestReviewMoves::signatureWithoutTheParameter()
{
    const QString folder = m_dir.filePath(QStringLiteral("signature"));
    QVERIFY(writeFile(folder + "/old.py",
                      "class A(Source):\n    @classmethod\n    def create(\n        cls,\n"
                      "        config_dict: Dict[str, Any],  # the workflow's source\n"
                      "        metadata_config,\n    ):\n        pass\n"));
    QVERIFY(writeFile(folder + "/new.py",
                      "class B(Source):\n    @classmethod\n    def create(cls, config_dict, "
                      "metadata_config, pipeline_name: Optional[str] = None):\n        pass\n"));
    QVERIFY(writeFile(folder + "/kwargs.py",
                      "class C(Source):\n    def create(cls, config_dict, metadata_config, **kw):\n"
                      "        pass\n"));
    QVERIFY(writeFile(folder + "/other.py",
                      "def create(name):  # not a source's classmethod\n    pass\n"));
    const Catalog catalog = catalogWith("  - type: python-signature\n    function: create\n"
                                        "    parameter: pipeline_name\n    firstParameter: cls\n"
                                        "    requiresInFile: Source\n");
    ReviewRequest request;
    request.codeFolder = folder;
    const ReviewReport report = runReview(catalog, request);
    QCOMPARE(report.findings.size(), 1);
    const Finding& finding = report.findings.first();
    QVERIFY(finding.file.endsWith(QLatin1String("old.py")));
    QCOMPARE(finding.line, 3);
    QCOMPARE(finding.column, 5);
    QCOMPARE(finding.message,
             QStringLiteral(
                 "def create(cls, config_dict, metadata_config) does not take pipeline_name"));
}

void TestReviewMoves::onlyWhenGatesADetector()
{
    const QString folder = m_dir.filePath(QStringLiteral("gated"));
    const QString config = folder + "/openmetadata.yaml";
    const QString env = folder + "/server.env";
    QVERIFY(writeFile(config,
                      "secretsManagerConfiguration:\n  secretsManager: ${SECRET_MANAGER:-db}\n"));
    QVERIFY(writeFile(env, "BOT_NOTE=x\n"));
    const Catalog catalog =
        catalogWith("  - type: env-variable\n    names: [BOT_NOTE]\n"
                    "    onlyWhen:\n      type: yaml-value\n      files: [config]\n"
                    "      path: secretsManagerConfiguration.secretsManager\n"
                    "      matches: '^aws$'\n");
    ReviewRequest request;
    request.configFile = config;
    request.envFiles = {env};
    // The condition looked and found nothing: the gated detector stays silent.
    QVERIFY(runReview(catalog, request).findings.isEmpty());
    // The condition holds (an env file sets the variable): it looks.
    QVERIFY(writeFile(env, "BOT_NOTE=x\nSECRET_MANAGER=aws\n"));
    QCOMPARE(runReview(catalog, request).findings.size(), 1);
    // The condition cannot be checked (no openmetadata.yaml): it looks anyway.
    request.configFile.clear();
    QCOMPARE(runReview(catalog, request).findings.size(), 1);
    // And the condition's needs count: a gate on the database opens it.
    const Catalog databaseGate =
        catalogWith("  - type: manual\n    check: C\n    onlyWhen: {type: db-alerts}\n");
    QVERIFY(databaseGate.entries().front().detectors.front()->uses(Detector::Needs::Database));
}

void TestReviewMoves::beforeEndsAnEntry()
{
    const Catalog catalog = catalogWith("  - type: manual\n    check: C\n", "before: 1.6.0\n");
    const CatalogEntry& entry = catalog.entries().front();
    auto v = [](const char* text) { return *Version::parse(QString::fromLatin1(text)); };
    QVERIFY(entry.appliesTo(v("1.3.0"), v("1.4.0")));
    QVERIFY(entry.appliesTo(v("1.3.0"), v("1.5.15")));
    QVERIFY(!entry.appliesTo(v("1.3.0"), v("1.6.0")));
    QVERIFY(!entry.appliesTo(v("1.3.0"), v("2.0.10")));
    // before must come after since.
    const auto bad = Catalog::parse(
        {{QStringLiteral("e.yaml"),
          "id: e\nsince: 1.4.0\nbefore: 1.4.0\nseverity: notice\ntitle: T\nwhy: W\nfix: F\n"
          "source: {file: a, section: S}\ndetectors: [{type: manual, check: C}]\n"}});
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.contains(QLatin1String("later than \"since\"")));
}

QTEST_GUILESS_MAIN(TestReviewMoves)
#include "TestReviewMoves.moc"

// The search engine probe against the fake server (tests/fakes) answering as
// Elasticsearch 7.x, 8.x and OpenSearch 2.x, and as a server that never answers: the
// version is read, compared with the target's minimum, and the silent one times out; the
// cluster settings (OpenSearch's max_clause_count, 1.7) are read and compared.
#include "FakeSearchServerProcess.h"
#include "review/SearchEngineProbe.h"
#include "ReviewTestUtil.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace omu;
using namespace omu::test;

class TestReviewSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void probeReadsFlavourAndVersion_data();
    void probeReadsFlavourAndVersion();
    void reviewComparesWithTheMinimum_data();
    void reviewComparesWithTheMinimum();
    void silentServerTimesOut();
    void urlComesFromOpenMetadataYaml();
    void notASearchEngine();
    void clusterSettingIsCompared_data();
    void clusterSettingIsCompared();
};

void TestReviewSearch::probeReadsFlavourAndVersion_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("flavour");
    QTest::addColumn<QString>("version");
    QTest::newRow("elasticsearch 7") << "es7"
                                     << "elasticsearch"
                                     << "7.16.3";
    QTest::newRow("elasticsearch 8") << "es8"
                                     << "elasticsearch"
                                     << "8.10.2";
    QTest::newRow("opensearch 2") << "opensearch2"
                                  << "opensearch"
                                  << "2.7.0";
}

void TestReviewSearch::probeReadsFlavourAndVersion()
{
    QFETCH(QString, mode);
    QFETCH(QString, flavour);
    QFETCH(QString, version);
    FakeSearchServerProcess fake(mode);
    QVERIFY(fake.isRunning());
    auto info = SearchEngineProbe::probe(QUrl(fake.url()), 5000);
    QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().toString()));
    QCOMPARE(info.value().flavour, flavour);
    QCOMPARE(info.value().version, version);
    QCOMPARE(info.value().url, fake.url());
}

void TestReviewSearch::reviewComparesWithTheMinimum_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<bool>("blocked");
    QTest::newRow("elasticsearch 7 is too old") << "es7" << true;
    QTest::newRow("elasticsearch 8.10.2 is enough") << "es8" << false;
    QTest::newRow("opensearch 2.7 is enough") << "opensearch2" << false;
}

void TestReviewSearch::reviewComparesWithTheMinimum()
{
    QFETCH(QString, mode);
    QFETCH(bool, blocked);
    FakeSearchServerProcess fake(mode);
    QVERIFY(fake.isRunning());
    ReviewRequest request;
    request.from = QStringLiteral("1.1.5");
    request.to = QStringLiteral("1.2.0");
    request.searchUrl = fake.url();
    auto report = ReviewEngine::run(builtInCatalog(), request);
    QVERIFY(report.ok());
    QVERIFY(report.value().search);
    const Finding* finding = findingOf(report.value(), QStringLiteral("om-1.2.0-search-version"));
    QCOMPARE(finding != nullptr, blocked);
    if (finding) {
        QCOMPARE(finding->severity, Severity::Blocker);
        QVERIFY(finding->message.contains(QLatin1String("7.16.3")));
        QVERIFY(finding->message.contains(QLatin1String("8.10.2")));
        QVERIFY(finding->message.contains(QLatin1String("rebuilt")));
    }
    // The reindex is always listed for this step.
    QVERIFY(findingOf(report.value(), QStringLiteral("om-1.2.0-search-reindex")));
    for (const NotChecked& skipped : report.value().notChecked)
        QVERIFY(skipped.id != QLatin1String("om-1.2.0-search-version"));
}

void TestReviewSearch::silentServerTimesOut()
{
    FakeSearchServerProcess fake(QStringLiteral("silent"));
    QVERIFY(fake.isRunning());
    ReviewRequest request;
    request.from = QStringLiteral("1.1.5");
    request.to = QStringLiteral("1.2.0");
    request.searchUrl = fake.url();
    request.searchTimeoutMs = 1500;
    QElapsedTimer timer;
    timer.start();
    auto report = ReviewEngine::run(builtInCatalog(), request);
    QVERIFY(report.ok());
    // Bounded: the probe gives up at its timeout instead of hanging (generous margin).
    QVERIFY2(timer.elapsed() < 15'000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!report.value().search);
    QVERIFY(!findingOf(report.value(), QStringLiteral("om-1.2.0-search-version")));
    bool listed = false;
    for (const NotChecked& skipped : report.value().notChecked)
        if (skipped.id == QLatin1String("om-1.2.0-search-version")) {
            listed = true;
            QVERIFY2(skipped.reason.contains(QLatin1String("no answer from")),
                     qPrintable(skipped.reason));
            QVERIFY(skipped.reason.contains(QLatin1String("1.5 seconds")));
        }
    QVERIFY(listed);
}

void TestReviewSearch::urlComesFromOpenMetadataYaml()
{
    FakeSearchServerProcess fake(QStringLiteral("es7"));
    QVERIFY(fake.isRunning());
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("openmetadata.yaml"));
    const QString env = dir.filePath(QStringLiteral("docker.env"));
    QVERIFY(writeFile(
        config,
        "elasticsearch:\n  host: ${ELASTICSEARCH_HOST:-localhost}\n"
        "  port: ${ELASTICSEARCH_PORT:-9200}\n  scheme: ${ELASTICSEARCH_SCHEME:-http}\n"
        "  username: ${ELASTICSEARCH_USER:-\"\"}\n  password: ${ELASTICSEARCH_PASSWORD:-\"\"}\n"));
    QVERIFY(writeFile(
        env, QStringLiteral("ELASTICSEARCH_HOST=127.0.0.1\nELASTICSEARCH_PORT=%1\n"
                            "ELASTICSEARCH_USER=elastic\nELASTICSEARCH_PASSWORD=s3cr3t-search\n")
                 .arg(fake.port())
                 .toUtf8()));
    ReviewRequest request;
    request.from = QStringLiteral("1.1.5");
    request.to = QStringLiteral("1.2.0");
    request.configFile = config;
    request.envFiles = {env};
    auto report = ReviewEngine::run(builtInCatalog(), request);
    QVERIFY(report.ok());
    QVERIFY(report.value().search);
    QCOMPARE(report.value().search->version, QStringLiteral("7.16.3"));
    const Finding* finding = findingOf(report.value(), QStringLiteral("om-1.2.0-search-version"));
    QVERIFY(finding);
    // The credentials are sent, never shown.
    const QByteArray json = QJsonDocument(report.value().toJson()).toJson();
    QVERIFY(!json.contains("s3cr3t-search"));
}

void TestReviewSearch::notASearchEngine()
{
    QVERIFY(!SearchEngineProbe::parse("<html>hello</html>", QStringLiteral("http://x")).ok());
    QVERIFY(!SearchEngineProbe::parse(R"({"version": {}})", QStringLiteral("http://x")).ok());
    auto bad = SearchEngineProbe::probe(QUrl(QStringLiteral("ftp://example.com")), 1000);
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.contains(QLatin1String("not an http(s) URL")));
}

void TestReviewSearch::clusterSettingIsCompared_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("expected"); // "" for no finding
    QTest::newRow("opensearch default 1024") << "opensearch2"
                                             << "= 1024 (defaults)";
    QTest::newRow("opensearch tuned") << "opensearch2-tuned"
                                      << "";
    QTest::newRow("elasticsearch: not its setting") << "es8"
                                                    << "";
}

void TestReviewSearch::clusterSettingIsCompared()
{
    QFETCH(QString, mode);
    QFETCH(QString, expected);
    const Catalog& catalog = builtInCatalog();
    FakeSearchServerProcess fake(mode);
    QVERIFY(fake.isRunning());
    ReviewRequest request;
    request.from = QStringLiteral("1.6.11");
    request.to = QStringLiteral("1.7.0");
    request.searchUrl = fake.url();
    auto report = ReviewEngine::run(catalog, request);
    QVERIFY(report.ok());
    const Finding* finding =
        findingOf(report.value(), QStringLiteral("om-1.7.0-opensearch-max-clause-count"));
    for (const NotChecked& skipped : report.value().notChecked)
        QVERIFY2(skipped.detector != QLatin1String("search-setting"), qPrintable(skipped.reason));
    if (expected.isEmpty()) {
        QVERIFY(!finding);
        return;
    }
    QVERIFY(finding);
    QVERIFY2(finding->message.contains(expected), qPrintable(finding->message));
    QVERIFY(finding->message.contains(QLatin1String("indices.query.bool.max_clause_count")));
    QVERIFY(finding->message.contains(QLatin1String("at least 4096")));
}

QTEST_GUILESS_MAIN(TestReviewSearch)
#include "TestReviewSearch.moc"

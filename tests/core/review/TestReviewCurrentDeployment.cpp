// The sample deployment of the 1.12/1.13 era (tests/data/review/deployment-1.13: an
// openmetadata.yaml, chart values of 1.13, workflows of the connectors the releases
// touched, a scripts folder with a crontab, a Dockerfile, compose and systemd files, and
// custom connector code) reviewed for 1.3.0 -> 2.0.10: every item shows at its file and
// line, blockers among them; and 2.0.10 -> 2.0.10 shows nothing at all.
#include "ReviewTestUtil.h"

#include <QTest>

using namespace omu;
using namespace omu::test;

namespace {

ReviewRequest currentDeployment(const QString& from, const QString& to)
{
    ReviewRequest request =
        deploymentRequest(dataPath(QStringLiteral("review/deployment-1.13")), from, to);
    request.databaseUnavailableReason = QStringLiteral("this test has no database");
    return request;
}

} // namespace

class TestReviewCurrentDeployment : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyItemAtItsLine_data();
    void everyItemAtItsLine();
    void blockersAndNothingUnread();
    void sameReleaseShowsNothing();

private:
    ReviewReport m_report;
};

void TestReviewCurrentDeployment::everyItemAtItsLine_data()
{
    auto report = ReviewEngine::run(builtInCatalog(), currentDeployment("1.3.0", "2.0.10"));
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().toString()));
    m_report = report.value();

    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("line");
    auto row = [](const char* id, const char* file, int line) {
        QTest::addRow("%s %s:%d", id, file, line)
            << QString::fromLatin1(id) << QString::fromLatin1(file) << line;
    };
    row("om-2.0.0-llm-configuration", "openmetadata.yaml", 67);
    row("om-2.0.0-llm-configuration", "openmetadata.yaml", 68);
    row("om-2.0.0-llm-configuration", "openmetadata.yaml", 69);
    row("om-2.0.0-airflow-orchestrator-deprecated", "openmetadata.yaml", 80);
    row("om-2.0.0-airflow-orchestrator-deprecated", "values.yaml", 31);
    row("om-2.0.0-llm-env-renames", "docker.env", 12);
    row("om-2.0.0-llm-env-renames", "docker.env", 13);
    row("om-1.13.0-stop-all-instances", "values.yaml", 2);
    row("om-1.13.0-stop-all-instances", "scripts/docker-compose.yml", 11);
    row("om-1.4.0-lineage-db-service-names", "workflows/tableau.yaml", 16);
    row("om-1.11.12-redshift-auth-type", "workflows/redshift.yaml", 9);
    row("om-1.6.0-override-view-lineage", "workflows/redshift.yaml", 15);
    row("om-1.6.0-profiler-auto-classification", "workflows/redshift_profiler.yaml", 15);
    row("om-1.13.0-profiler-sample-config", "workflows/redshift_profiler.yaml", 16);
    row("om-1.13.0-profiler-sample-config", "workflows/redshift_profiler.yaml", 17);
    row("om-1.13.0-databricks-scheme", "workflows/databricks.yaml", 7);
    row("om-2.0.0-databricks-pipeline-auth", "workflows/databricks_pipelines.yaml", 8);
    row("om-1.6.0-dbt-cloud-job-ids", "workflows/dbtcloud.yaml", 10);
    row("om-1.4.0-metadata-backup-cli", "scripts/crontab", 4);
    row("om-1.5.0-metadata-insight-cli", "scripts/crontab", 5);
    row("om-1.11.0-python-39-images", "scripts/ingestion/Dockerfile", 2);
    row("om-1.13.4-python-312-images", "scripts/ingestion/requirements.txt", 3);
    row("prerequisite-ingestion-pin-minor", "scripts/ingestion/requirements.txt", 1);
    row("prerequisite-ingestion-pin-minor", "scripts/ingestion/requirements.txt", 2);
    row("om-1.5.0-ingestion-image-tags", "scripts/docker-compose.yml", 14);
    row("om-1.5.1-bootstrap-storage-removed", "scripts/systemd/openmetadata.service", 8);
    row("om-2.0.0-api-clients", "scripts/pipeline_health.py", 9);
    row("om-2.0.0-api-clients", "scripts/pipeline_health.py", 11);
    row("om-1.4.0-source-create-signature", "code/acme_connector/metadata.py", 11);
    row("om-1.6.0-service-spec", "code/acme_connector/metadata.py", 9);
    row("om-1.5.1-pydantic-v2", "code/acme_connector/metadata.py", 12);
    row("om-1.10.0-print-status", "code/run_workflow.py", 11);
    row("om-2.0.0-great-expectations", "code/quality_checkpoint.py", 1);
}

void TestReviewCurrentDeployment::everyItemAtItsLine()
{
    QFETCH(QString, id);
    QFETCH(QString, file);
    QFETCH(int, line);
    bool found = false;
    QStringList seen;
    for (const Finding& finding : std::as_const(m_report.findings)) {
        if (finding.id != id)
            continue;
        seen << QStringLiteral("%1:%2").arg(finding.file).arg(finding.line);
        found = found || (finding.file.endsWith(QLatin1Char('/') + file) && finding.line == line);
    }
    QVERIFY2(found, qPrintable(QStringLiteral("%1 not at %2:%3; found at: %4")
                                   .arg(id, file)
                                   .arg(line)
                                   .arg(seen.join(QStringLiteral(", ")))));
}

void TestReviewCurrentDeployment::blockersAndNothingUnread()
{
    auto report = ReviewEngine::run(builtInCatalog(), currentDeployment("1.3.0", "2.0.10"));
    QVERIFY(report.ok());
    QVERIFY(report.value().hasBlockers());
    QVERIFY(report.value().problems.isEmpty());
    // The catalog covers every release on the way: no coverage blocker, nothing not covered.
    QVERIFY(!findingOf(report.value(), QStringLiteral("omupgrade-coverage")));
    QVERIFY(report.value().notCovered.isEmpty());
    QCOMPARE(report.value().coverage, QStringLiteral("2.0.10"));
    // Entries that apply but were not looked at are listed with the reason: here only the
    // database and search engine, which this test does not give.
    for (const NotChecked& skipped : report.value().notChecked)
        QVERIFY2(skipped.reason.contains(QLatin1String("database")) ||
                     skipped.reason.contains(QLatin1String("search")) ||
                     skipped.detector == QLatin1String("yaml-key-present") ||
                     skipped.detector == QLatin1String("yaml-key-moved"),
                 qPrintable(skipped.id + QStringLiteral(": ") + skipped.reason));
    // Every entry released between 1.3.0 and 2.0.10 was considered.
    int crossing = 0;
    for (const auto& entry : builtInCatalog().entries())
        crossing += entry.appliesTo(*Version::parse(QStringLiteral("1.3.0")),
                                    *Version::parse(QStringLiteral("2.0.10")));
    QCOMPARE(report.value().applicableEntries, crossing);
    QVERIFY(crossing >= 70);
}

void TestReviewCurrentDeployment::sameReleaseShowsNothing()
{
    auto report = ReviewEngine::run(builtInCatalog(), currentDeployment("2.0.10", "2.0.10"));
    QVERIFY(report.ok());
    QVERIFY(report.value().findings.isEmpty());
    QVERIFY(report.value().notChecked.isEmpty());
    QVERIFY(report.value().problems.isEmpty());
    QCOMPARE(report.value().applicableEntries, 0);
    QVERIFY(report.value().summary().startsWith(QLatin1String("Nothing in the files")));
}

QTEST_GUILESS_MAIN(TestReviewCurrentDeployment)
#include "TestReviewCurrentDeployment.moc"

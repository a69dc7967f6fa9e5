#include "connection/ManagedServiceDetector.h"

#include <QTest>

using namespace omu;

class TestManagedService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detects_data();
    void detects();
};

void TestManagedService::detects_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("baseDir");
    QTest::addColumn<QStringList>("variables");
    QTest::addColumn<QStringList>("roles");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain mysql") << "db.internal"
                                 << "8.0.35"
                                 << "/usr/" << QStringList() << QStringList() << "";
    QTest::newRow("plain postgres") << "10.0.0.5"
                                    << "PostgreSQL 15.4 on x86_64"
                                    << "" << QStringList() << QStringList() << "";
    QTest::newRow("rds mysql basedir")
        << "10.1.2.3"
        << "8.0.35"
        << "/rdsdbbin/mysql-8.0.35.R2/" << QStringList() << QStringList() << "aws-rds";
    QTest::newRow("rds host") << "om.abc123.eu-west-1.rds.amazonaws.com"
                              << "8.0.35"
                              << "/usr/" << QStringList() << QStringList() << "aws-rds";
    QTest::newRow("rds postgres role")
        << "10.1.2.3"
        << "PostgreSQL 15.4"
        << "" << QStringList() << QStringList{"rds_superuser"} << "aws-rds";
    QTest::newRow("rds postgres setting")
        << "10.1.2.3"
        << "PostgreSQL 15.4"
        << "" << QStringList{"rds.force_ssl"} << QStringList() << "aws-rds";
    QTest::newRow("aurora mysql variable")
        << "10.1.2.3"
        << "8.0.28"
        << "/rdsdbbin/oscar/" << QStringList{"aurora_version"} << QStringList() << "aws-aurora";
    QTest::newRow("aurora cluster host") << "om.cluster-abc.eu-west-1.rds.amazonaws.com"
                                         << "8.0.28"
                                         << "" << QStringList() << QStringList() << "aws-aurora";
    QTest::newRow("aurora postgres function")
        << "10.1.2.3"
        << "PostgreSQL 15.4"
        << "" << QStringList{"aurora_version()"} << QStringList{"rds_superuser"} << "aws-aurora";
    QTest::newRow("cloud sql role")
        << "10.1.2.3"
        << "PostgreSQL 15.4"
        << "" << QStringList() << QStringList{"cloudsqlsuperuser"} << "gcp-cloud-sql";
    QTest::newRow("cloud sql flag")
        << "10.1.2.3"
        << "PostgreSQL 15.4"
        << "" << QStringList{"cloudsql.iam_authentication"} << QStringList() << "gcp-cloud-sql";
    QTest::newRow("cloud sql socket") << "/cloudsql/project:region:om"
                                      << "8.0.35"
                                      << "" << QStringList() << QStringList() << "gcp-cloud-sql";
    QTest::newRow("azure role") << "10.1.2.3"
                                << "PostgreSQL 15.4"
                                << "" << QStringList() << QStringList{"azure_pg_admin"} << "azure";
    QTest::newRow("azure mysql host") << "om.mysql.database.azure.com"
                                      << "8.0.35"
                                      << "" << QStringList() << QStringList() << "azure";
}

void TestManagedService::detects()
{
    QFETCH(QString, host);
    QFETCH(QString, version);
    QFETCH(QString, baseDir);
    QFETCH(QStringList, variables);
    QFETCH(QStringList, roles);
    QFETCH(QString, expected);
    ServerEvidence evidence;
    evidence.host = host;
    evidence.version = version;
    evidence.baseDir = baseDir;
    evidence.variableNames = variables;
    evidence.roleNames = roles;
    const auto service = ManagedServiceDetector::detect(evidence);
    QCOMPARE(service.id, expected);
    QCOMPARE(service.isManaged(), !expected.isEmpty());
    if (service.isManaged()) {
        QVERIFY(!service.name.isEmpty());
        QVERIFY(!service.evidence.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestManagedService)
#include "TestManagedService.moc"

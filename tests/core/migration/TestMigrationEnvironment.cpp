// What the migration tool inherits: exactly what it needs (the system's basics, Java's and
// OpenMetadata's settings, the variables its configuration names, the connection), read
// back from the fake release's log of its environment; never OMU_DB_PASSWORD, nor the
// database clients' password variables, nor anything else of omupgrade's environment.
#include "migration/ChildEnvironment.h"
#include "migration/MigrationRunner.h"
#include "MigrationTestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>

using namespace omu;
using namespace omu::test;

class TestMigrationEnvironment : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toolGetsExactlyWhatItNeeds_data();
    void toolGetsExactlyWhatItNeeds();
    void containerToolsKeepTheirOwnSettings();
    void configurationNamesTheVariables();

private:
    QTemporaryDir m_dir;
};

void TestMigrationEnvironment::toolGetsExactlyWhatItNeeds_data()
{
    QTest::addColumn<Engine>("engine");
    QTest::newRow("mariadb") << Engine::MySql;
    QTest::newRow("postgres") << Engine::Postgres;
}

void TestMigrationEnvironment::toolGetsExactlyWhatItNeeds()
{
    QFETCH(Engine, engine);
    FixtureDatabase database;
    QString error;
    QVERIFY2(database.create(engine, &error), qPrintable(error));
    const auto distribution =
        OpenMetadataDistribution::read(assembled(m_dir, QStringLiteral("1.2.0")));
    QVERIFY2(distribution.ok(),
             qPrintable(distribution.ok() ? QString() : distribution.error().toString()));
    const QString argsFile = m_dir.filePath(
        QStringLiteral("args-%1.jsonl").arg(QString::fromLatin1(QTest::currentDataTag())));
    MigrationSettings settings;
    auto& environment = settings.baseEnvironment;
    environment.insert(QStringLiteral("OMU_FAKE_OM_ARGS_FILE"), argsFile);
    environment.insert(QStringLiteral("OMU_DB_PASSWORD"), QStringLiteral("Leaked-Pw-1"));
    environment.insert(QStringLiteral("PGPASSWORD"), QStringLiteral("Leaked-Pw-2"));
    environment.insert(QStringLiteral("MYSQL_PWD"), QStringLiteral("Leaked-Pw-3"));
    environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("Leaked-Pw-4"));
    environment.insert(QStringLiteral("SOME_UNRELATED_SETTING"), QStringLiteral("x"));
    environment.insert(QStringLiteral("SERVER_PORT"), QStringLiteral("8586")); // the config's
    environment.insert(QStringLiteral("OPENMETADATA_HEAP_OPTS"), QStringLiteral("-Xmx1G"));
    environment.insert(QStringLiteral("JAVA_HOME"), QStringLiteral("/usr/lib/jvm/default"));
    const auto command = ToolCommandLineBuilder::build(distribution.value(), database.profile(),
                                                       settings, MigrationAction::Info);
    QVERIFY2(command.ok(), qPrintable(command.ok() ? QString() : command.error().toString()));

    MigrationRunner runner;
    MigrationRunner::Options options;
    options.logFile = m_dir.filePath(QStringLiteral("info.log"));
    QSignalSpy finished(&runner, &MigrationRunner::finished);
    runner.start(command.value(), options);
    QVERIFY(finished.wait(180'000));

    QFile log(argsFile);
    QVERIFY2(log.open(QIODevice::ReadOnly), "the fake release logged no run");
    const QJsonObject call = QJsonDocument::fromJson(log.readLine()).object();
    QStringList keys;
    for (const QJsonValue& key : call.value(QStringLiteral("envKeys")).toArray())
        keys << key.toString();
    for (const char* needed : {"PATH", "HOME", "DB_USER_PASSWORD", "DB_HOST", "DB_PORT", "DB_USER",
                               "OM_DATABASE", "DB_SCHEME", "DB_DRIVER_CLASS", "DB_PARAMS",
                               "SERVER_PORT", "OPENMETADATA_HEAP_OPTS", "JAVA_HOME"})
        QVERIFY2(keys.contains(QLatin1String(needed)),
                 qPrintable(QStringLiteral("%1 missing from %2")
                                .arg(QLatin1String(needed), keys.join(QLatin1Char(' ')))));
    for (const char* kept : {"OMU_DB_PASSWORD", "PGPASSWORD", "MYSQL_PWD", "AWS_SECRET_ACCESS_KEY",
                             "SOME_UNRELATED_SETTING"})
        QVERIFY2(!keys.contains(QLatin1String(kept)),
                 qPrintable(QStringLiteral("%1 reached the tool").arg(QLatin1String(kept))));
    // Nothing beyond the basics, the fake's switches, the config's and the connection's.
    for (const QString& key : std::as_const(keys))
        QVERIFY2(!key.startsWith(QLatin1String("OMU_")) ||
                     key.startsWith(QLatin1String("OMU_FAKE_")),
                 qPrintable(key));
}

void TestMigrationEnvironment::containerToolsKeepTheirOwnSettings()
{
    QProcessEnvironment base;
    base.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin"));
    base.insert(QStringLiteral("KUBECONFIG"), QStringLiteral("/home/a/.kube/config"));
    base.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix:///run/docker.sock"));
    base.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("prod"));
    base.insert(QStringLiteral("OMU_DB_PASSWORD"), QStringLiteral("x"));
    base.insert(QStringLiteral("PGPASSWORD"), QStringLiteral("x"));
    const QProcessEnvironment child = ChildEnvironment::forContainerTool(base);
    for (const char* kept : {"PATH", "KUBECONFIG", "DOCKER_HOST", "AWS_PROFILE"})
        QVERIFY(child.contains(QLatin1String(kept)));
    QVERIFY(!child.contains(QStringLiteral("OMU_DB_PASSWORD")));
    QVERIFY(!child.contains(QStringLiteral("PGPASSWORD")));
}

void TestMigrationEnvironment::configurationNamesTheVariables()
{
    QCOMPARE(ChildEnvironment::referencedVariables(QStringLiteral(
                 "a: ${DB_HOST:-${FALLBACK_HOST:-x}}\nb: ${SEARCH_TYPE:- \"es\"}\nc: $${NOT_ONE}\n"
                 "d: ${DB_HOST}\n")),
             (QStringList{QStringLiteral("DB_HOST"), QStringLiteral("FALLBACK_HOST"),
                          QStringLiteral("SEARCH_TYPE")}));
}

QTEST_GUILESS_MAIN(TestMigrationEnvironment)
#include "TestMigrationEnvironment.moc"

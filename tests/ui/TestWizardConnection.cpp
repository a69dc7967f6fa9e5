// Drives the real wizard offscreen against the real test servers: files in, connection
// resolved, Test connection, success and failure, Next only after a passing test.
// Set OMU_SCREENSHOT_DIR to also save a PNG of every state the test reaches.
#include "connection/ConnectionPage.h"
#include "journal/UpgradeJournal.h"
#include "TestData.h"
#include "TestServers.h"
#include "UpgradeWizard.h"
#include "WizardPageId.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace omu;
using namespace omu::ui;
using omu::test::TestServers;

class TestWizardConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void connectsFromConfigFileAndEnvFile();
    void wrongPasswordShowsAuthFailureAndBlocksNext();
    void typedInConnectionWithoutFiles();
    void missingFileIsRefusedOnWelcome();
    void unreachableServerExplainsWhy();
    void unreadableConfigSaysWhereOnConnection();
    void resumesAnUnfinishedMigration();

private:
    template <typename T> T* find(QWidget* root, const char* name)
    {
        T* widget = root->findChild<T*>(QString::fromLatin1(name));
        if (!widget)
            qFatal("no widget named %s", name);
        return widget;
    }
    void writeDeploymentFiles();
    ConnectionSources deploymentSources() const
    {
        ConnectionSources sources;
        sources.configFile = m_configFile;
        sources.envFiles = {m_envFile};
        return sources;
    }
    void snap(QWidget* widget, const QString& name);
    QString testConnectionAndWait(UpgradeWizard& wizard);

    QTemporaryDir m_dir;
    QTemporaryDir m_dataFolder; // journals, away from the user's own
    QString m_database;
    QString m_configFile;
    QString m_envFile;
};

void TestWizardConnection::initTestCase()
{
    const auto admin = TestServers::admin(Engine::Postgres);
    if (!admin)
        QFAIL(qPrintable(TestServers::unavailableMessage(Engine::Postgres)));
    m_database = TestServers::uniqueName(QStringLiteral("omu_wizard"));
    QString error;
    QVERIFY2(TestServers::createDatabase(Engine::Postgres, m_database, &error), qPrintable(error));
    for (const char* sql :
         {"CREATE TABLE server_change_log (installed_rank SERIAL, version VARCHAR(256) PRIMARY "
          "KEY, "
          "migrationFileName VARCHAR(256), checksum VARCHAR(256), installed_on TIMESTAMP DEFAULT "
          "now())",
          "INSERT INTO server_change_log (version, migrationFileName, checksum) VALUES "
          "('1.1.0','a','x'), ('1.1.5','b','y')",
          "CREATE TABLE \"DATABASE_CHANGE_LOG\" (installed_rank INT PRIMARY KEY, version "
          "VARCHAR(50), success BOOLEAN)",
          "INSERT INTO \"DATABASE_CHANGE_LOG\" VALUES (1, '001', true), (2, '015', true)",
          "CREATE TABLE table_entity (id VARCHAR(36) PRIMARY KEY, json JSONB)"})
        QVERIFY2(TestServers::exec(Engine::Postgres, m_database, QString::fromLatin1(sql), &error),
                 qPrintable(error));
    writeDeploymentFiles();
}

void TestWizardConnection::cleanupTestCase()
{
    TestServers::dropDatabase(Engine::Postgres, m_database);
}

void TestWizardConnection::writeDeploymentFiles()
{
    // The shape OpenMetadata ships: openmetadata.yaml reads everything from variables,
    // the docker env file sets them.
    m_configFile = m_dir.filePath(QStringLiteral("openmetadata.yaml"));
    QFile config(m_configFile);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("server:\n"
                 "  rootPath: './api/*'\n"
                 "database:\n"
                 "  # the name of the JDBC driver, mysql in our case\n"
                 "  driverClass: ${DB_DRIVER_CLASS:-com.mysql.cj.jdbc.Driver}\n"
                 "  user: ${DB_USER:-openmetadata_user}\n"
                 "  password: ${DB_USER_PASSWORD:-openmetadata_password}\n"
                 "  url: jdbc:${DB_SCHEME:-mysql}://${DB_HOST:-localhost}:${DB_PORT:-3306}/"
                 "${OM_DATABASE:-openmetadata_db}?${DB_PARAMS:-allowPublicKeyRetrieval=true&useSSL="
                 "false&serverTimezone=UTC}\n");
    config.close();
    const auto admin = *TestServers::admin(Engine::Postgres);
    m_envFile = m_dir.filePath(QStringLiteral("env-postgres"));
    QFile env(m_envFile);
    QVERIFY(env.open(QIODevice::WriteOnly));
    QString password = admin.password;
    password.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('"'), QStringLiteral("\\\""));
    env.write(QStringLiteral(
                  "# Database configuration for PostgreSQL\n"
                  "DB_DRIVER_CLASS=\"org.postgresql.Driver\"\n"
                  "DB_SCHEME=\"postgresql\"\n"
                  "DB_PARAMS=\"allowPublicKeyRetrieval=true&useSSL=false&serverTimezone=UTC\"\n"
                  "DB_USER=\"%1\"\n"
                  "DB_USER_PASSWORD=\"%2\"\n"
                  "DB_HOST=\"%3\"\n"
                  "DB_PORT=\"%4\"\n"
                  "OM_DATABASE=\"%5\"\n")
                  .arg(admin.user, password, admin.host)
                  .arg(admin.port)
                  .arg(m_database)
                  .toUtf8());
}

void TestWizardConnection::snap(QWidget* widget, const QString& name)
{
    const QString folder = qEnvironmentVariable("OMU_SCREENSHOT_DIR");
    if (folder.isEmpty())
        return;
    QDir().mkpath(folder);
    QVERIFY(widget->grab().save(QDir(folder).filePath(name + QStringLiteral(".png"))));
}

QString TestWizardConnection::testConnectionAndWait(UpgradeWizard& wizard)
{
    auto* button = find<QPushButton>(&wizard, "testConnectionButton");
    auto* frame = find<QFrame>(&wizard, "resultFrame");
    QTest::mouseClick(button, Qt::LeftButton);
    // The click must show the busy state at once; the answer arrives later.
    if (frame->property("state").toString() != QLatin1String("busy") || button->isEnabled())
        return QStringLiteral("no busy state");
    [&] {
        QTRY_VERIFY_WITH_TIMEOUT(frame->property("state").toString() != QLatin1String("busy"),
                                 30'000);
    }();
    return frame->property("state").toString();
}

void TestWizardConnection::connectsFromConfigFileAndEnvFile()
{
    UpgradeWizard wizard(deploymentSources());
    wizard.state().dataFolder = m_dataFolder.path();
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QCOMPARE(wizard.currentId(), int(WelcomePageId));
    QCOMPARE(find<QLineEdit>(&wizard, "configFileEdit")->text(), m_configFile);
    QCOMPARE(find<QListWidget>(&wizard, "envFileList")->count(), 1);
    snap(&wizard, QStringLiteral("01-welcome"));

    wizard.button(QWizard::NextButton)->click();
    QCOMPARE(wizard.currentId(), int(ConnectionPageId));
    const auto admin = *TestServers::admin(Engine::Postgres);
    QCOMPARE(find<QComboBox>(&wizard, "engineCombo")->currentText(), QStringLiteral("PostgreSQL"));
    QCOMPARE(find<QLineEdit>(&wizard, "hostEdit")->text(), admin.host);
    QCOMPARE(find<QSpinBox>(&wizard, "portSpin")->value(), admin.port);
    QCOMPARE(find<QLineEdit>(&wizard, "databaseEdit")->text(), m_database);
    QCOMPARE(find<QLineEdit>(&wizard, "userEdit")->text(), admin.user);
    QCOMPARE(find<QLineEdit>(&wizard, "passwordEdit")->text(), admin.password);
    QVERIFY(find<QLabel>(&wizard, "hostOrigin")->text().contains(QLatin1String("env-postgres")));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    snap(&wizard, QStringLiteral("02-connection-untested"));

    QCOMPARE(testConnectionAndWait(wizard), QStringLiteral("ok"));
    const QString result = find<QLabel>(&wizard, "connectionResult")->text();
    QVERIFY2(result.contains(QLatin1String("OpenMetadata 1.1.5")), qPrintable(result));
    QVERIFY(result.contains(QLatin1String("PostgreSQL")));
    QVERIFY(!result.contains(admin.password));
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    QVERIFY(wizard.state().inspection.has_value());
    snap(&wizard, QStringLiteral("03-connection-ok"));

    wizard.button(QWizard::NextButton)->click();
    QCOMPARE(wizard.currentId(), int(BackupPageId));
    QVERIFY(wizard.page(BackupPageId)->isVisible());
    QVERIFY(find<QLabel>(&wizard, "step2")->font().bold());
    QVERIFY(find<QLabel>(&wizard, "step1")->text().startsWith(QStringLiteral("\u2713")));
    snap(&wizard, QStringLiteral("04-backup-pending"));
}

void TestWizardConnection::wrongPasswordShowsAuthFailureAndBlocksNext()
{
    UpgradeWizard wizard(deploymentSources());
    wizard.state().dataFolder = m_dataFolder.path();
    wizard.show();
    wizard.button(QWizard::NextButton)->click();
    QCOMPARE(testConnectionAndWait(wizard), QStringLiteral("ok"));
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());

    auto* password = find<QLineEdit>(&wizard, "passwordEdit");
    password->setFocus();
    QTest::keyClick(password, Qt::Key_End);
    QTest::keyClicks(password, QStringLiteral("typo"));
    // Editing invalidates the earlier test.
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    QCOMPARE(find<QFrame>(&wizard, "resultFrame")->property("state").toString(),
             QStringLiteral("stale"));

    QCOMPARE(testConnectionAndWait(wizard), QStringLiteral("failed"));
    const QString result = find<QLabel>(&wizard, "connectionResult")->text();
    QVERIFY2(result.contains(QLatin1String("Wrong user or password")), qPrintable(result));
    QVERIFY(!result.contains(password->text()));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    snap(&wizard, QStringLiteral("05-connection-auth-failed"));

    for (int i = 0; i < 4; ++i)
        QTest::keyClick(password, Qt::Key_Backspace);
    QCOMPARE(testConnectionAndWait(wizard), QStringLiteral("ok"));
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
}

void TestWizardConnection::typedInConnectionWithoutFiles()
{
    UpgradeWizard wizard(ConnectionSources{});
    wizard.state().dataFolder = m_dataFolder.path();
    wizard.show();
    wizard.button(QWizard::NextButton)->click();
    QCOMPARE(wizard.currentId(), int(ConnectionPageId));
    const auto admin = *TestServers::admin(Engine::Postgres);
    auto* engine = find<QComboBox>(&wizard, "engineCombo");
    engine->setCurrentIndex(engine->findText(QStringLiteral("PostgreSQL")));
    auto retype = [&](const char* name, const QString& text) {
        auto* edit = find<QLineEdit>(&wizard, name);
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Delete);
        QTest::keyClicks(edit, text);
    };
    retype("hostEdit", admin.host);
    auto* port = find<QSpinBox>(&wizard, "portSpin");
    port->selectAll();
    QTest::keyClicks(port, QString::number(admin.port));
    QCOMPARE(port->value(), admin.port);
    retype("databaseEdit", m_database);
    retype("userEdit", admin.user);
    retype("passwordEdit", admin.password);
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    QCOMPARE(testConnectionAndWait(wizard), QStringLiteral("ok"));
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
}

void TestWizardConnection::missingFileIsRefusedOnWelcome()
{
    UpgradeWizard wizard(ConnectionSources{});
    wizard.state().dataFolder = m_dataFolder.path();
    wizard.show();
    auto* config = find<QLineEdit>(&wizard, "configFileEdit");
    QTest::keyClicks(config, m_dir.filePath(QStringLiteral("no-such-openmetadata.yaml")));
    wizard.button(QWizard::NextButton)->click();
    QCOMPARE(wizard.currentId(), int(WelcomePageId));
    auto* error = find<QLabel>(&wizard, "welcomeError");
    QVERIFY(error->isVisible());
    QVERIFY(error->text().contains(QLatin1String("no-such-openmetadata.yaml")));
    snap(&wizard, QStringLiteral("06-welcome-missing-file"));

    auto* target = find<QComboBox>(&wizard, "targetReleaseCombo");
    config->clear();
    target->setEditText(QStringLiteral("latest"));
    wizard.button(QWizard::NextButton)->click();
    QCOMPARE(wizard.currentId(), int(WelcomePageId));
    QVERIFY(error->text().contains(QLatin1String("not a release number")));
}

void TestWizardConnection::unreachableServerExplainsWhy()
{
    ConnectionSources sources = deploymentSources();
    sources.host = QStringLiteral("no-such-database-host.invalid");
    UpgradeWizard wizard(sources);
    wizard.state().dataFolder = m_dataFolder.path();
    wizard.show();
    wizard.button(QWizard::NextButton)->click();
    QCOMPARE(find<QLineEdit>(&wizard, "hostEdit")->text(),
             QStringLiteral("no-such-database-host.invalid"));
    QCOMPARE(testConnectionAndWait(wizard), QStringLiteral("failed"));
    QVERIFY(find<QLabel>(&wizard, "connectionResult")
                ->text()
                .contains(QLatin1String("Host not found")));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    snap(&wizard, QStringLiteral("07-connection-host-not-found"));
}

void TestWizardConnection::unreadableConfigSaysWhereOnConnection()
{
    // Two database sections: the server (Jackson) takes the last, so guessing is refused.
    const QString twice = m_dir.filePath(QStringLiteral("openmetadata-twice.yaml"));
    QVERIFY(omu::test::writeFile(twice, "database:\n"
                                        "  url: jdbc:mysql://one:3306/openmetadata_db\n"
                                        "server:\n"
                                        "  rootPath: './api/*'\n"
                                        "database:\n"
                                        "  url: jdbc:mysql://two:3306/openmetadata_db\n"));
    ConnectionSources sources;
    sources.configFile = twice;
    UpgradeWizard wizard(sources);
    wizard.state().dataFolder = m_dataFolder.path();
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    wizard.button(QWizard::NextButton)->click();
    QCOMPARE(wizard.currentId(), int(ConnectionPageId));
    auto* frame = find<QFrame>(&wizard, "resolveFrame");
    QVERIFY(frame->isVisible());
    QCOMPARE(frame->property("state").toString(), QStringLiteral("failed"));
    const QString text = find<QLabel>(&wizard, "resolveBanner")->text();
    QVERIFY2(text.contains(QLatin1String("openmetadata-twice.yaml")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("line 1")) && text.contains(QLatin1String("line 5")),
             qPrintable(text));
    // Typing the values in instead stays possible.
    QVERIFY(find<QLineEdit>(&wizard, "hostEdit")->isEnabled());
    snap(&wizard, QStringLiteral("08-connection-config-unreadable"));
}

void TestWizardConnection::resumesAnUnfinishedMigration()
{
    QTemporaryDir dataFolder;
    UpgradeWizard wizard(deploymentSources());
    wizard.state().dataFolder = dataFolder.path();
    wizard.show();
    wizard.button(QWizard::NextButton)->click();
    // A run that died mid-migration, as the journal tells it.
    auto journal = UpgradeJournal::forDeployment(
        find<ConnectionPage>(&wizard, "connectionPage")->currentProfile(), dataFolder.path());
    QVERIFY(journal.append(QStringLiteral("backup"), QStringLiteral("verified")).ok());
    QVERIFY(journal.append(QStringLiteral("tuning"), QStringLiteral("skipped")).ok());
    QVERIFY(journal.append(QStringLiteral("review"), QStringLiteral("completed")).ok());
    QVERIFY(journal.append(QStringLiteral("migration"), QStringLiteral("started")).ok());
    QCOMPARE(testConnectionAndWait(wizard), QStringLiteral("ok"));
    QVERIFY(find<QLabel>(&wizard, "connectionResult")
                ->text()
                .contains(QLatin1String("did not finish")));
    wizard.button(QWizard::NextButton)->click();
    QCOMPARE(wizard.currentId(), int(MigrationPageId));

    // Once it finished and everything was put back, a new run starts in order.
    QVERIFY(journal
                .append(QStringLiteral("migration"), QStringLiteral("finished"),
                        {{QStringLiteral("ending"), QStringLiteral("succeeded")}})
                .ok());
    QVERIFY(journal.append(QStringLiteral("after"), QStringLiteral("verified")).ok());
    UpgradeWizard again(deploymentSources());
    again.state().dataFolder = dataFolder.path();
    again.show();
    again.button(QWizard::NextButton)->click();
    QCOMPARE(testConnectionAndWait(again), QStringLiteral("ok"));
    again.button(QWizard::NextButton)->click();
    QCOMPARE(again.currentId(), int(BackupPageId));
}

QTEST_MAIN(TestWizardConnection)
#include "TestWizardConnection.moc"

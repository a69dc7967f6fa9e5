// The Connection page's fields as a user edits them, offscreen, without a database: origins
// turn "typed" on edit, edits survive Back then Next (and an earlier error goes), the
// subtitle says where the values came from, the port follows the engine until the user
// types one, and a port that answers as a web server or SSH is named as such.
// Set OMU_SCREENSHOT_DIR to save PNGs at 1024x768 (run again with QT_SCALE_FACTOR=2).
#include "FakeServiceListener.h"
#include "GuiTestSupport.h"
#include "UpgradeWizard.h"
#include "WizardPageId.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QFile>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace omu;
using namespace omu::ui;
using omu::test::FakeServiceListener;
using omu::test::findWidget;

class TestWizardConnectionFields : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void editedFieldSaysTyped();
    void editsSurviveBackAndNextAndOldErrorGoes();
    void withoutFilesTheSubtitleSaysDefaults();
    void portFollowsEngineUntilTyped();
    void webServerPortIsNotADatabase_data();
    void webServerPortIsNotADatabase();

private:
    template <typename T> T* find(QWidget* root, const char* name)
    {
        return findWidget<T>(root, name);
    }
    ConnectionSources files() const
    {
        ConnectionSources sources;
        sources.configFile = m_config;
        sources.envFiles = {m_env};
        return sources;
    }
    // A wizard on the Connection page, at the size the issue names.
    void open(UpgradeWizard& wizard)
    {
        wizard.state().dataFolder = m_dir.filePath(QStringLiteral("data"));
        wizard.resize(1024, 768);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        wizard.button(QWizard::NextButton)->click();
        QCOMPARE(wizard.currentId(), int(ConnectionPageId));
    }
    static void retype(QLineEdit* edit, const QString& text)
    {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Delete);
        QTest::keyClicks(edit, text);
    }
    QString testAndWait(UpgradeWizard& wizard)
    {
        auto* frame = find<QFrame>(wizard.currentPage(), "resultFrame");
        QTest::mouseClick(find<QPushButton>(&wizard, "testConnectionButton"), Qt::LeftButton);
        (void)QTest::qWaitFor([&] { return frame->property("state").toString() != "busy"; },
                              60'000);
        return frame->property("state").toString();
    }
    static QString scaleTag()
    {
        return qEnvironmentVariableIsSet("QT_SCALE_FACTOR")
                   ? QStringLiteral("-scale") + qEnvironmentVariable("QT_SCALE_FACTOR")
                   : QStringLiteral("-1024x768");
    }
    void snap(QWidget* widget, const QString& name)
    {
        QVERIFY(omu::test::saveScreenshot(widget, name + scaleTag()));
    }

    QTemporaryDir m_dir;
    QString m_config;
    QString m_env;
};

void TestWizardConnectionFields::initTestCase()
{
    m_config = m_dir.filePath(QStringLiteral("openmetadata.yaml"));
    QFile config(m_config);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("database:\n"
                 "  driverClass: ${DB_DRIVER_CLASS:-com.mysql.cj.jdbc.Driver}\n"
                 "  user: ${DB_USER:-openmetadata_user}\n"
                 "  password: ${DB_USER_PASSWORD:-openmetadata_password}\n"
                 "  url: jdbc:${DB_SCHEME:-mysql}://${DB_HOST:-localhost}:${DB_PORT:-3306}/"
                 "${OM_DATABASE:-openmetadata_db}?useSSL=false\n");
    config.close();
    m_env = m_dir.filePath(QStringLiteral("env-postgres"));
    QFile env(m_env);
    QVERIFY(env.open(QIODevice::WriteOnly));
    env.write("DB_DRIVER_CLASS=\"org.postgresql.Driver\"\nDB_SCHEME=\"postgresql\"\n"
              "DB_HOST=\"db.example.invalid\"\nDB_PORT=\"5432\"\nDB_USER=\"om\"\n"
              "DB_USER_PASSWORD=\"pw\"\n");
    env.close();
}

void TestWizardConnectionFields::editedFieldSaysTyped()
{
    UpgradeWizard wizard(files());
    open(wizard);
    auto* hostOrigin = find<QLabel>(&wizard, "hostOrigin");
    auto* userOrigin = find<QLabel>(&wizard, "userOrigin");
    QVERIFY2(hostOrigin->text().contains(QLatin1String("env-postgres")),
             qPrintable(hostOrigin->text()));
    const QString userBefore = userOrigin->text();
    retype(find<QLineEdit>(&wizard, "hostEdit"), QStringLiteral("db2.example.invalid"));
    QCOMPARE(hostOrigin->text(), QStringLiteral("typed"));
    QCOMPARE(hostOrigin->foregroundRole(), QPalette::WindowText); // stands out from the hints
    QCOMPARE(userOrigin->text(), userBefore);                     // the others keep theirs
    QCOMPARE(userOrigin->foregroundRole(), QPalette::PlaceholderText);
    auto* port = find<QSpinBox>(&wizard, "portSpin");
    port->setFocus();
    port->selectAll();
    QTest::keyClicks(port, QStringLiteral("6543"));
    QCOMPARE(find<QLabel>(&wizard, "portOrigin")->text(), QStringLiteral("typed"));
    snap(&wizard, QStringLiteral("connection-edited-origins"));
}

void TestWizardConnectionFields::editsSurviveBackAndNextAndOldErrorGoes()
{
    UpgradeWizard wizard(files());
    open(wizard);
    auto* host = find<QLineEdit>(&wizard, "hostEdit");
    retype(host, QStringLiteral("edited-host.invalid"));
    QCOMPARE(testAndWait(wizard), QStringLiteral("failed"));
    QVERIFY(find<QLabel>(&wizard, "connectionResult")->text().contains("Host not found"));

    wizard.back();
    QCOMPARE(wizard.currentId(), int(WelcomePageId));
    wizard.button(QWizard::NextButton)->click();
    QCOMPARE(wizard.currentId(), int(ConnectionPageId));
    QCOMPARE(host->text(), QStringLiteral("edited-host.invalid"));
    QCOMPARE(find<QLabel>(&wizard, "hostOrigin")->text(), QStringLiteral("typed"));
    QCOMPARE(find<QFrame>(wizard.currentPage(), "resultFrame")->property("state").toString(),
             QStringLiteral("idle"));
    QVERIFY(!find<QLabel>(&wizard, "connectionResult")->text().contains("Host not found"));

    // Other files on Welcome: the fields are read from them again.
    wizard.back();
    find<QLineEdit>(&wizard, "configFileEdit")->clear();
    wizard.button(QWizard::NextButton)->click();
    QCOMPARE(wizard.currentId(), int(ConnectionPageId));
    QCOMPARE(host->text(), QStringLiteral("db.example.invalid"));
}

void TestWizardConnectionFields::withoutFilesTheSubtitleSaysDefaults()
{
    UpgradeWizard wizard(ConnectionSources{});
    open(wizard);
    const QString subtitle = wizard.currentPage()->subTitle();
    QVERIFY2(!subtitle.contains(QLatin1String("from your files")), qPrintable(subtitle));
    QVERIFY2(subtitle.contains(QLatin1String("No files")), qPrintable(subtitle));
    QCOMPARE(find<QLabel>(&wizard, "hostOrigin")->text(), QStringLiteral("OpenMetadata's default"));
    snap(&wizard, QStringLiteral("connection-no-files"));

    UpgradeWizard withFiles(files());
    open(withFiles);
    QVERIFY(withFiles.currentPage()->subTitle().contains(QLatin1String("from your files")));
}

void TestWizardConnectionFields::portFollowsEngineUntilTyped()
{
    UpgradeWizard wizard(ConnectionSources{});
    open(wizard);
    auto* engine = find<QComboBox>(&wizard, "engineCombo");
    auto* port = find<QSpinBox>(&wizard, "portSpin");
    auto* portOrigin = find<QLabel>(&wizard, "portOrigin");
    QCOMPARE(engine->currentText(), QStringLiteral("MySQL"));
    QCOMPARE(port->value(), 3306);
    engine->setCurrentIndex(engine->findText(QStringLiteral("PostgreSQL")));
    QCOMPARE(port->value(), 5432);
    QCOMPARE(portOrigin->text(), QStringLiteral("default for PostgreSQL"));
    snap(&wizard, QStringLiteral("connection-engine-postgres-port"));
    QCOMPARE(find<QLabel>(&wizard, "engineOrigin")->text(), QStringLiteral("typed"));
    engine->setCurrentIndex(engine->findText(QStringLiteral("MySQL")));
    QCOMPARE(port->value(), 3306);

    port->setFocus();
    port->selectAll();
    QTest::keyClicks(port, QStringLiteral("13306"));
    QCOMPARE(port->value(), 13306);
    engine->setCurrentIndex(engine->findText(QStringLiteral("PostgreSQL")));
    QCOMPARE(port->value(), 13306); // typed: the user's choice stays
    QCOMPARE(portOrigin->text(), QStringLiteral("typed"));

    // A port given on the command line is the user's choice as well.
    ConnectionSources explicitPort;
    explicitPort.port = 3306;
    UpgradeWizard other(explicitPort);
    open(other);
    auto* otherEngine = find<QComboBox>(&other, "engineCombo");
    otherEngine->setCurrentIndex(otherEngine->findText(QStringLiteral("PostgreSQL")));
    QCOMPARE(find<QSpinBox>(&other, "portSpin")->value(), 3306);
}

void TestWizardConnectionFields::webServerPortIsNotADatabase_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("http") << int(FakeServiceListener::Kind::Http)
                          << QStringLiteral("web server (HTTP)");
    QTest::newRow("ssh") << int(FakeServiceListener::Kind::Ssh) << QStringLiteral("SSH server");
}

void TestWizardConnectionFields::webServerPortIsNotADatabase()
{
    QFETCH(int, kind);
    QFETCH(QString, expected);
    FakeServiceListener service{FakeServiceListener::Kind(kind)};
    QVERIFY(service.port() > 0);
    UpgradeWizard wizard(files());
    open(wizard);
    retype(find<QLineEdit>(&wizard, "hostEdit"), QStringLiteral("127.0.0.1"));
    auto* port = find<QSpinBox>(&wizard, "portSpin");
    port->setFocus();
    port->selectAll();
    QTest::keyClicks(port, QString::number(service.port()));
    find<QSpinBox>(&wizard, "timeoutSpin")->setValue(2);
    QCOMPARE(testAndWait(wizard), QStringLiteral("failed"));
    const QString result = find<QLabel>(&wizard, "connectionResult")->text();
    QVERIFY2(result.contains(QLatin1String("Not a database on this port")), qPrintable(result));
    QVERIFY2(result.contains(expected), qPrintable(result));
    QVERIFY2(!result.contains(QLatin1String("TLS problem")), qPrintable(result));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    snap(&wizard, QStringLiteral("connection-not-a-database-") + QTest::currentDataTag());
}

QTEST_MAIN(TestWizardConnectionFields)
#include "TestWizardConnectionFields.moc"

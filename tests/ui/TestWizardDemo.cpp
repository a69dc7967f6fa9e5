// The demo as a newcomer walks it (what scripts/demo opens): PostgreSQL seeded like
// OpenMetadata 1.1.5, the files it writes, and the stand-in release folder it lays out and
// passes with --distribution. Start -> Connection -> Backup -> Tuning -> Review ->
// Migration -> After, with the stand-in labelled as such in the window title, on Start and
// on the Migration page. Set OMU_SCREENSHOT_DIR for PNGs (again with QT_SCALE_FACTOR=2).
#include "FakeDistribution.h"
#include "FixtureDatabases.h"
#include "GuiTestSupport.h"
#include "MigrationPageDriver.h"
#include "SortBufferLock.h"
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
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace omu;
using namespace omu::ui;
using omu::test::FakeDistribution;
using omu::test::findWidget;
using omu::test::TestServers;

class TestWizardDemo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void startToAfterWithTheStandIn();

private:
    template <typename T> T* find(QWidget* root, const char* name)
    {
        return findWidget<T>(root, name);
    }
    void next(UpgradeWizard& wizard, int expectedId)
    {
        auto* button = wizard.button(QWizard::NextButton);
        QVERIFY2(
            button->isVisible() && button->isEnabled(),
            qPrintable(QStringLiteral("Next is not available on page %1").arg(wizard.currentId())));
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(wizard.currentId(), expectedId);
    }
    static QString waitWhileBusy(QFrame* frame, int timeoutMs)
    {
        (void)QTest::qWaitFor([&] { return frame->property("state").toString() != "busy"; },
                              timeoutMs);
        return frame->property("state").toString();
    }
    void snap(QWidget* widget, const QString& name)
    {
        const QString scale =
            qEnvironmentVariableIsSet("QT_SCALE_FACTOR")
                ? QStringLiteral("-scale") + qEnvironmentVariable("QT_SCALE_FACTOR")
                : QStringLiteral("-1024x768");
        QVERIFY(omu::test::saveScreenshot(widget, name + scale));
    }

    QTemporaryDir m_dir;
    QString m_release;
    omu::test::FixtureDatabases m_databases;
};

void TestWizardDemo::initTestCase()
{
    if (!TestServers::admin(Engine::Postgres))
        QFAIL(qPrintable(TestServers::unavailableMessage(Engine::Postgres)));
    // What scripts/demo lays out.
    m_release = m_dir.filePath(QStringLiteral("openmetadata-1.3.0-demo-stand-in"));
    QString error;
    QVERIFY2(FakeDistribution::assemble(QStringLiteral("1.3.0"), m_release, &error),
             qPrintable(error));
}

void TestWizardDemo::startToAfterWithTheStandIn()
{
    const auto lock = omu::test::sortBufferLockFor(Engine::Postgres);
    QVERIFY2(!lock || lock->locked(), qPrintable(lock ? lock->error() : QString()));
    const QString database = m_databases.create(Engine::Postgres, QStringLiteral("omu_demo"));
    const auto admin = *TestServers::admin(Engine::Postgres, database);

    // The demo's openmetadata.yaml (as shipped) and docker env file.
    const QString config = m_dir.filePath(QStringLiteral("openmetadata.yaml"));
    QFile yaml(config);
    QVERIFY(yaml.open(QIODevice::WriteOnly));
    yaml.write("database:\n"
               "  driverClass: ${DB_DRIVER_CLASS:-com.mysql.cj.jdbc.Driver}\n"
               "  user: ${DB_USER:-openmetadata_user}\n"
               "  password: ${DB_USER_PASSWORD:-openmetadata_password}\n"
               "  url: jdbc:${DB_SCHEME:-mysql}://${DB_HOST:-localhost}:${DB_PORT:-3306}/"
               "${OM_DATABASE:-openmetadata_db}?allowPublicKeyRetrieval=true&useSSL=${DB_USE_SSL:-"
               "false}&serverTimezone=UTC\n");
    yaml.close();
    // The test server's password holds quotes: escaped as a docker env file wants them.
    QString password = admin.password;
    password.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('"'), QStringLiteral("\\\""));
    const QString envFile = m_dir.filePath(QStringLiteral("env-postgres"));
    QFile env(envFile);
    QVERIFY(env.open(QIODevice::WriteOnly));
    env.write(QStringLiteral("DB_DRIVER_CLASS=\"org.postgresql.Driver\"\nDB_SCHEME=\"postgresql\"\n"
                             "DB_HOST=\"%1\"\nDB_PORT=\"%2\"\nOM_DATABASE=\"%3\"\nDB_USER=\"%4\"\n"
                             "DB_USER_PASSWORD=\"%5\"\n")
                  .arg(admin.host)
                  .arg(admin.port)
                  .arg(database, admin.user, password)
                  .toUtf8());
    env.close();
    ConnectionSources sources;
    sources.configFile = config;
    sources.envFiles = {envFile};

    UpgradeWizard wizard(sources);
    wizard.setReleaseFolder(m_release); // omupgrade ... --distribution <stand-in>
    wizard.state().dataFolder = m_dir.filePath(QStringLiteral("data"));
    wizard.resize(1024, 768);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QVERIFY2(wizard.windowTitle().contains(QLatin1String("stand-in")),
             qPrintable(wizard.windowTitle()));
    QVERIFY(wizard.windowTitle().contains(QLatin1String("not OpenMetadata")));

    // Start: the target is the stand-in's version, and the folder says what it is.
    QCOMPARE(find<QComboBox>(&wizard, "targetReleaseCombo")->currentText(),
             QStringLiteral("1.3.0"));
    const QString folderLabel = find<QLabel>(&wizard, "releaseFolderLabel")->text();
    QVERIFY2(folderLabel.contains(QLatin1String("demo stand-in")), qPrintable(folderLabel));
    QVERIFY(folderLabel.contains(QLatin1String("not OpenMetadata")));
    snap(&wizard, QStringLiteral("demo-01-start"));
    next(wizard, ConnectionPageId);

    // Connection, from the files.
    QCOMPARE(waitWhileBusy(find<QFrame>(wizard.currentPage(), "resultFrame"), 1),
             QStringLiteral("idle"));
    QTest::mouseClick(find<QPushButton>(&wizard, "testConnectionButton"), Qt::LeftButton);
    const QString connected =
        waitWhileBusy(find<QFrame>(wizard.currentPage(), "resultFrame"), 30'000);
    QVERIFY2(connected == QLatin1String("ok"),
             qPrintable(find<QLabel>(&wizard, "connectionResult")->text()));
    next(wizard, BackupPageId);

    // Backup.
    QWidget* page = wizard.currentPage();
    const QString backups = m_dir.filePath(QStringLiteral("backups"));
    QVERIFY(QDir().mkpath(backups));
    find<QLineEdit>(page, "folderEdit")->setText(backups);
    QTest::mouseClick(find<QPushButton>(page, "backupButton"), Qt::LeftButton);
    QCOMPARE(waitWhileBusy(find<QFrame>(page, "resultFrame"), 120'000), QStringLiteral("ok"));
    next(wizard, TuningPageId);

    // Tuning: the recommendation.
    auto* tuning = find<QFrame>(&wizard, "tuningResultFrame");
    waitWhileBusy(tuning, 60'000);
    QTest::mouseClick(find<QPushButton>(&wizard, "applyButton"), Qt::LeftButton);
    QCOMPARE(waitWhileBusy(tuning, 60'000), QStringLiteral("ok"));
    next(wizard, ReviewPageId);

    // Review: the demo database warns, nothing blocks.
    auto* progress = find<QWidget>(&wizard, "reviewProgress");
    auto* tree = find<QTreeWidget>(&wizard, "findingsTree");
    QVERIFY(QTest::qWaitFor([&] { return !progress->isVisible() && tree->topLevelItemCount() > 0; },
                            60'000));
    next(wizard, MigrationPageId);

    // Migration: the stand-in prefilled and labelled, then a real run of its fake tool.
    QCOMPARE(find<QLineEdit>(&wizard, "distributionEdit")->text(), m_release);
    auto* plan = find<QLabel>(&wizard, "migrationPlanLabel");
    QTRY_VERIFY_WITH_TIMEOUT(
        plan->text().contains(QLatin1String("Demo stand-in, not OpenMetadata")), 30'000);
    omu::test::readyMigrationRun(&wizard, m_release);
    QVERIFY2(plan->text().contains(QLatin1String("Demo stand-in, not OpenMetadata")),
             qPrintable(plan->text()));
    snap(&wizard, QStringLiteral("demo-06-migration-stand-in"));
    omu::test::runAndConfirm(&wizard); // the commit point asks first
    auto* status = find<QFrame>(&wizard, "migrationStatusFrame");
    QTRY_COMPARE_WITH_TIMEOUT(status->property("state").toString(), QStringLiteral("ok"), 120'000);
    snap(&wizard, QStringLiteral("demo-07-migrated"));
    auto* commit = wizard.button(QWizard::CommitButton);
    QVERIFY(commit->isEnabled());
    QTest::mouseClick(commit, Qt::LeftButton);
    QCOMPARE(wizard.currentId(), int(AfterPageId));

    // After: the database is at the stand-in's release, the tuning put back.
    auto* verify = find<QLabel>(&wizard, "verifyLabel");
    QTRY_COMPARE_WITH_TIMEOUT(verify->property("state").toString(), QStringLiteral("ok"), 30'000);
    auto* revert = find<QLabel>(&wizard, "tuningRevertLabel");
    QTRY_COMPARE_WITH_TIMEOUT(revert->property("state").toString(), QStringLiteral("ok"), 30'000);
    snap(&wizard, QStringLiteral("demo-08-after"));
    QVERIFY(wizard.button(QWizard::FinishButton)->isEnabled());
}

QTEST_MAIN(TestWizardDemo)
#include "TestWizardDemo.moc"

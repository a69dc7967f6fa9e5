// The Tuning page, driven offscreen against the real servers: it shows the value in
// force, its source, query_entity's size and the recommendation; Apply sets the value
// and shows what a new connection reads back; Revert puts the original back; a user who
// may not change it gets the explanation and the snippets to copy; a managed service
// gets its parameter-group route. Set OMU_SCREENSHOT_DIR to save a PNG of each state.
#include "connection/ServerInspector.h"
#include "migration/MigrationGate.h"
#include "OpenMetadataFixture.h"
#include "SortBufferLock.h"
#include "TestServers.h"
#include "UpgradeWizard.h"
#include "WizardPageId.h"

#include <QAbstractButton>
#include <QClipboard>
#include <QDir>
#include <QFrame>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSqlError>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace omu;
using namespace omu::ui;
using omu::test::SortBufferLock;
using omu::test::TestServers;

class TestWizardTuning : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void showApplyVerifyRevertOnPostgres();
    void badSizeIsRefusedOnThePage();
    void userWithoutPrivilegeGetsExplanationAndSnippets();
    void managedServiceShowsParameterGroupRoute();
    void skipWithAReasonPassesTheMigrationGate();
    void withoutTestedConnectionSaysSo();

private:
    template <typename T> T* find(QWidget* root, const char* name)
    {
        T* widget = root->findChild<T*>(QString::fromLatin1(name));
        if (!widget)
            qFatal("no widget named %s", name);
        return widget;
    }
    void snap(QWidget* widget, const QString& name);
    // Starts the wizard on the Tuning page with the state the Connection page leaves.
    void openOnTuningPage(UpgradeWizard& wizard, const ConnectionProfile& profile,
                          const std::optional<ManagedService>& managed = std::nullopt);
    QString waitForResult(UpgradeWizard& wizard);

    QTemporaryDir m_dir;
    QString m_pgDatabase;
    QString m_mysqlDatabase;
    QString m_mysqlUser;
    const QString m_userPassword = QStringLiteral("Wizard-pw'2");
};

void TestWizardTuning::initTestCase()
{
    for (const Engine engine : {Engine::MySql, Engine::Postgres})
        if (!TestServers::admin(engine))
            QFAIL(qPrintable(TestServers::unavailableMessage(engine)));
    m_pgDatabase = TestServers::uniqueName(QStringLiteral("omu_wiztune"));
    m_mysqlDatabase = TestServers::uniqueName(QStringLiteral("omu_wiztune"));
    QString error;
    QVERIFY2(TestServers::createDatabase(Engine::Postgres, m_pgDatabase, &error),
             qPrintable(error));
    QVERIFY2(TestServers::createDatabase(Engine::MySql, m_mysqlDatabase, &error),
             qPrintable(error));
    // An OpenMetadata-shaped database, so the page measures a real query_entity.
    fixture::FixtureOptions options;
    options.rowsPerEntityTable = 40;
    const auto built = fixture::OpenMetadataFixture::build(
        *TestServers::admin(Engine::Postgres, m_pgDatabase), options);
    QVERIFY2(built.ok(), qPrintable(built.ok() ? QString() : built.error().toString()));
    const auto builtMysql = fixture::OpenMetadataFixture::build(
        *TestServers::admin(Engine::MySql, m_mysqlDatabase), options);
    QVERIFY2(builtMysql.ok(),
             qPrintable(builtMysql.ok() ? QString() : builtMysql.error().toString()));

    m_mysqlUser = TestServers::uniqueName(QStringLiteral("omu_wiztune_user"));
    QVERIFY2(TestServers::createMySqlUser(m_mysqlUser, m_userPassword, m_mysqlDatabase, &error),
             qPrintable(error));
}

void TestWizardTuning::cleanupTestCase()
{
    TestServers::dropDatabase(Engine::Postgres, m_pgDatabase);
    TestServers::dropDatabase(Engine::MySql, m_mysqlDatabase);
    TestServers::dropMySqlUser(m_mysqlUser);
}

void TestWizardTuning::snap(QWidget* widget, const QString& name)
{
    const QString folder = qEnvironmentVariable("OMU_SCREENSHOT_DIR");
    if (folder.isEmpty())
        return;
    QDir().mkpath(folder);
    QCoreApplication::processEvents(); // let pending layout requests settle first
    QVERIFY(widget->grab().save(QDir(folder).filePath(name + QStringLiteral(".png"))));
}

void TestWizardTuning::openOnTuningPage(UpgradeWizard& wizard, const ConnectionProfile& profile,
                                        const std::optional<ManagedService>& managed)
{
    const auto inspection = ServerInspector::inspect(profile);
    QVERIFY2(inspection.ok(), qPrintable(inspection.ok() ? QString() : inspection.error().summary));
    wizard.state().testedProfile = profile;
    wizard.state().inspection = inspection.value();
    if (managed)
        wizard.state().inspection->server.managed = *managed;
    wizard.state().dataFolder = m_dir.path();
    wizard.setStartId(TuningPageId);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QCOMPARE(wizard.currentId(), int(TuningPageId));
}

QString TestWizardTuning::waitForResult(UpgradeWizard& wizard)
{
    auto* frame = find<QFrame>(&wizard, "tuningResultFrame");
    [&] {
        QTRY_VERIFY_WITH_TIMEOUT(frame->property("state").toString() != QLatin1String("busy"),
                                 60'000);
    }();
    return frame->property("state").toString();
}

void TestWizardTuning::showApplyVerifyRevertOnPostgres()
{
    const auto admin = *TestServers::admin(Engine::Postgres, m_pgDatabase);
    UpgradeWizard wizard(ConnectionSources{});
    openOnTuningPage(wizard, admin);
    auto* frame = find<QFrame>(&wizard, "tuningResultFrame");
    auto* apply = find<QPushButton>(&wizard, "applyButton");
    auto* revert = find<QPushButton>(&wizard, "revertButton");
    // Reading starts by itself when the page opens.
    QCOMPARE(frame->property("state").toString(), QStringLiteral("busy"));
    QVERIFY(find<QProgressBar>(&wizard, "tuningProgress")->isVisible());
    QCOMPARE(waitForResult(wizard), QStringLiteral("idle"));

    QVERIFY2(find<QLabel>(&wizard, "currentValueLabel")
                 ->text()
                 .contains(QLatin1String("work_mem = 4MB")),
             qPrintable(find<QLabel>(&wizard, "currentValueLabel")->text()));
    QCOMPARE(find<QLabel>(&wizard, "currentSourceLabel")->text(),
             QStringLiteral("the server's built-in default"));
    QVERIFY2(find<QLabel>(&wizard, "queryEntityLabel")
                 ->text()
                 .contains(QLatin1String("rows, largest JSON document")),
             qPrintable(find<QLabel>(&wizard, "queryEntityLabel")->text()));
    QVERIFY(find<QLabel>(&wizard, "recommendationLabel")->text().contains(QLatin1String("20MB")));
    QVERIFY(find<QLabel>(&wizard, "recommendationReasonLabel")
                ->text()
                .contains(QLatin1String("documented")));
    QCOMPARE(find<QLineEdit>(&wizard, "valueEdit")->text(), QStringLiteral("20MB"));
    QVERIFY(apply->isEnabled());
    QVERIFY(!revert->isEnabled()); // nothing to revert yet
    QVERIFY(
        find<QLabel>(&wizard, "privilegeExplanation")->text().contains(QLatin1String("superuser")));
    QCOMPARE(find<QPlainTextEdit>(&wizard, "configSnippetText")->toPlainText(),
             QStringLiteral("work_mem = 20MB\n"));
    snap(&wizard, QStringLiteral("tuning-01-show"));

    auto* value = find<QLineEdit>(&wizard, "valueEdit");
    value->selectAll();
    QTest::keyClicks(value, QStringLiteral("24MB"));
    QTest::mouseClick(apply, Qt::LeftButton);
    // Busy at once: the work runs off the UI thread.
    QCOMPARE(frame->property("state").toString(), QStringLiteral("busy"));
    QVERIFY(!apply->isEnabled());
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    snap(&wizard, QStringLiteral("tuning-02-applying"));
    QCOMPARE(waitForResult(wizard), QStringLiteral("ok"));
    const QString result = find<QLabel>(&wizard, "tuningResult")->text();
    QVERIFY2(result.contains(QLatin1String("Applied and verified: a new connection reads 24MB")),
             qPrintable(result));
    QCOMPARE(frame->property("verifiedBytes").toLongLong(), 24 * 1024 * 1024LL);
    QVERIFY(!result.contains(admin.password.toHtmlEscaped()));
    // Our own new connection agrees.
    QCOMPARE(TestServers::freshValue(admin, QStringLiteral("SHOW work_mem")),
             QStringLiteral("24MB"));
    QVERIFY(find<QLabel>(&wizard, "currentValueLabel")
                ->text()
                .contains(QLatin1String("work_mem = 24MB")));
    QVERIFY(find<QLabel>(&wizard, "currentSourceLabel")
                ->text()
                .contains(QLatin1String("has not reverted")));
    QVERIFY(revert->isEnabled());
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    snap(&wizard, QStringLiteral("tuning-03-applied"));

    QTest::mouseClick(revert, Qt::LeftButton);
    QCOMPARE(frame->property("state").toString(), QStringLiteral("busy"));
    QCOMPARE(waitForResult(wizard), QStringLiteral("ok"));
    QVERIFY2(find<QLabel>(&wizard, "tuningResult")
                 ->text()
                 .contains(QLatin1String("Reverted and verified")),
             qPrintable(find<QLabel>(&wizard, "tuningResult")->text()));
    QCOMPARE(TestServers::freshValue(admin, QStringLiteral("SHOW work_mem")),
             QStringLiteral("4MB"));
    QCOMPARE(
        TestServers::freshValue(
            admin, QStringLiteral("SELECT count(*) FROM pg_db_role_setting s JOIN pg_database d "
                                  "ON d.oid = s.setdatabase WHERE d.datname = current_database()")),
        QStringLiteral("0"));
    QVERIFY(!revert->isEnabled());
    snap(&wizard, QStringLiteral("tuning-04-reverted"));
}

void TestWizardTuning::badSizeIsRefusedOnThePage()
{
    UpgradeWizard wizard(ConnectionSources{});
    openOnTuningPage(wizard, *TestServers::admin(Engine::Postgres, m_pgDatabase));
    QCOMPARE(waitForResult(wizard), QStringLiteral("idle"));
    auto* value = find<QLineEdit>(&wizard, "valueEdit");
    for (const char* bad : {"abc", "-1", "1TB"}) {
        value->selectAll();
        QTest::keyClicks(value, QString::fromLatin1(bad));
        QTest::mouseClick(find<QPushButton>(&wizard, "applyButton"), Qt::LeftButton);
        // Refused on the spot: nothing started, nothing changed.
        QCOMPARE(find<QFrame>(&wizard, "tuningResultFrame")->property("state").toString(),
                 QStringLiteral("failed"));
        QVERIFY(find<QLabel>(&wizard, "tuningResult")->text().contains(QString::fromLatin1(bad)));
    }
    QVERIFY(find<QLabel>(&wizard, "tuningResult")
                ->text()
                .contains(QLatin1String("more than the 1 GB")));
    snap(&wizard, QStringLiteral("tuning-05-bad-size"));
    QCOMPARE(TestServers::freshValue(*TestServers::admin(Engine::Postgres, m_pgDatabase),
                                     QStringLiteral("SHOW work_mem")),
             QStringLiteral("4MB"));
}

void TestWizardTuning::userWithoutPrivilegeGetsExplanationAndSnippets()
{
    SortBufferLock lock; // nothing may change the global while we check it does not change
    QVERIFY2(lock.locked(), qPrintable(lock.error()));
    const auto admin = *TestServers::admin(Engine::MySql, m_mysqlDatabase);
    const QString before =
        TestServers::freshValue(admin, QStringLiteral("SELECT @@GLOBAL.sort_buffer_size"));
    ConnectionProfile user = admin;
    user.user = m_mysqlUser;
    user.password = m_userPassword;
    UpgradeWizard wizard(ConnectionSources{});
    openOnTuningPage(wizard, user);
    QCOMPARE(waitForResult(wizard), QStringLiteral("idle"));

    QVERIFY(!find<QPushButton>(&wizard, "applyButton")->isEnabled());
    const QString rights = find<QLabel>(&wizard, "privilegeExplanation")->text();
    QVERIFY2(rights.contains(QLatin1String("You may not change it from here")), qPrintable(rights));
    QVERIFY(rights.contains(QLatin1String("SUPER")));
    QVERIFY(find<QPlainTextEdit>(&wizard, "dbaSqlText")
                ->toPlainText()
                .contains(QLatin1String("SET GLOBAL sort_buffer_size = ")));
    const QString snippet = find<QPlainTextEdit>(&wizard, "configSnippetText")->toPlainText();
    QVERIFY2(snippet.startsWith(QLatin1String("[mysqld]\nsort_buffer_size = ")),
             qPrintable(snippet));
    auto* tabs = find<QTabWidget>(&wizard, "snippetTabs");
    QVERIFY(!tabs->isTabVisible(
        tabs->indexOf(find<QPlainTextEdit>(&wizard, "managedRouteText")->parentWidget())));
    snap(&wizard, QStringLiteral("tuning-06-no-privilege"));

    tabs->setCurrentIndex(1);
    QTest::mouseClick(find<QPushButton>(&wizard, "copyConfigButton"), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), snippet);
    QCOMPARE(find<QPushButton>(&wizard, "copyConfigButton")->text(), QStringLiteral("Copied"));
    snap(&wizard, QStringLiteral("tuning-07-copied"));
    QCOMPARE(TestServers::freshValue(admin, QStringLiteral("SELECT @@GLOBAL.sort_buffer_size")),
             before);
}

void TestWizardTuning::managedServiceShowsParameterGroupRoute()
{
    UpgradeWizard wizard(ConnectionSources{});
    openOnTuningPage(wizard, *TestServers::admin(Engine::MySql, m_mysqlDatabase),
                     ManagedService{QStringLiteral("aws-aurora"), QStringLiteral("Amazon Aurora"),
                                    QStringLiteral("server setting aurora_version")});
    QCOMPARE(waitForResult(wizard), QStringLiteral("idle"));
    QVERIFY(!find<QPushButton>(&wizard, "applyButton")->isEnabled());
    auto* tabs = find<QTabWidget>(&wizard, "snippetTabs");
    auto* managedTab = find<QPlainTextEdit>(&wizard, "managedRouteText")->parentWidget();
    QVERIFY(tabs->isTabVisible(tabs->indexOf(managedTab)));
    QCOMPARE(tabs->currentWidget(), managedTab);
    // SET GLOBAL and my.cnf would not work there: not offered.
    QVERIFY(!tabs->isTabVisible(
        tabs->indexOf(find<QPlainTextEdit>(&wizard, "dbaSqlText")->parentWidget())));
    QVERIFY(!tabs->isTabVisible(
        tabs->indexOf(find<QPlainTextEdit>(&wizard, "configSnippetText")->parentWidget())));
    QCOMPARE(tabs->tabText(tabs->indexOf(managedTab)), QStringLiteral("Amazon Aurora"));
    QVERIFY(find<QPlainTextEdit>(&wizard, "managedRouteText")
                ->toPlainText()
                .contains(QLatin1String("parameter group")));
    QVERIFY(find<QLabel>(&wizard, "privilegeExplanation")
                ->text()
                .contains(QLatin1String("Amazon Aurora refuses SET GLOBAL")));
    snap(&wizard, QStringLiteral("tuning-08-managed"));
}

void TestWizardTuning::skipWithAReasonPassesTheMigrationGate()
{
    QTemporaryDir dataFolder; // a journal of its own
    UpgradeWizard wizard(ConnectionSources{});
    openOnTuningPage(wizard, *TestServers::admin(Engine::MySql, m_mysqlDatabase),
                     ManagedService{QStringLiteral("aws-rds"), QStringLiteral("Amazon RDS"),
                                    QStringLiteral("host name")});
    wizard.state().dataFolder = dataFolder.path();
    QCOMPARE(waitForResult(wizard), QStringLiteral("idle"));
    auto gate = [&] {
        MigrationGate::Inputs inputs;
        inputs.progress = wizard.state().journalProgress().value();
        for (const GateCondition& condition : MigrationGate::evaluate(inputs).conditions)
            if (condition.id == QLatin1String("tuning"))
                return condition;
        return GateCondition{};
    };
    const GateCondition before = gate();
    QVERIFY(!before.passed);
    // The advice names what the page offers.
    QVERIFY2(before.advice.contains(QLatin1String("skip it and say why")),
             qPrintable(before.advice));

    auto* skip = find<QPushButton>(&wizard, "skipTuningButton");
    auto* reason = find<QLineEdit>(&wizard, "skipReasonEdit");
    QVERIFY(skip->isVisible());
    QVERIFY(!skip->isEnabled()); // not without a reason
    QTest::keyClicks(reason, QStringLiteral("   "));
    QVERIFY(!skip->isEnabled());
    reason->clear();
    QTest::keyClicks(reason, QStringLiteral("64MB in the parameter group <omu-rds>"));
    QVERIFY(skip->isEnabled());
    QTest::mouseClick(skip, Qt::LeftButton);

    auto* frame = find<QFrame>(&wizard, "tuningResultFrame");
    QCOMPARE(frame->property("state").toString(), QStringLiteral("ok"));
    const QString shown = find<QLabel>(&wizard, "tuningResult")->text();
    QVERIFY2(shown.contains(QLatin1String("&lt;omu-rds&gt;")), qPrintable(shown)); // escaped
    const auto progress = wizard.state().journalProgress();
    QVERIFY(progress.ok());
    QVERIFY(progress.value().tuningSkipped());
    const GateCondition after = gate();
    QVERIFY2(after.passed, qPrintable(after.detail));
    QVERIFY2(after.detail.contains(QLatin1String("64MB in the parameter group")),
             qPrintable(after.detail));
    snap(&wizard, QStringLiteral("tuning-09-skipped"));
}

void TestWizardTuning::withoutTestedConnectionSaysSo()
{
    UpgradeWizard wizard(ConnectionSources{});
    wizard.state().dataFolder = m_dir.path();
    wizard.setStartId(TuningPageId);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    auto* banner = find<QLabel>(&wizard, "tuningBanner");
    QVERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(QLatin1String("Test connection")));
    QVERIFY(!find<QPushButton>(&wizard, "applyButton")->isEnabled());
    QVERIFY(!find<QPushButton>(&wizard, "refreshButton")->isEnabled());
    // Nothing to record a skip for without a connection, even with a reason typed.
    QTest::keyClicks(find<QLineEdit>(&wizard, "skipReasonEdit"), QStringLiteral("set by hand"));
    QVERIFY(!find<QPushButton>(&wizard, "skipTuningButton")->isEnabled());
}

QTEST_MAIN(TestWizardTuning)
#include "TestWizardTuning.moc"

// The whole wizard, offscreen, as a user walks it on each engine: Welcome (target release),
// Connection (typed in, tested), Backup (a real backup, verified), Tuning (the recommended
// value applied), Review (the database's findings warn, nothing blocks), Migration (the
// fake distribution runs out of sort memory with the recommended value), back to Tuning
// (a larger value suggested and applied), Review and Migration again (retry succeeds),
// After (verified, tuning put back by itself, new server's version, report) and Finish.
// Nothing is set up behind the wizard's back but the database and the fake release.
// Set OMU_SCREENSHOT_DIR to save a PNG of each step.
#include "EngineRows.h"
#include "FakeDistribution.h"
#include "FakeOpenMetadataServer.h"
#include "FixtureDatabases.h"
#include "GuiTestSupport.h"
#include "journal/JournalProgress.h"
#include "journal/UpgradeJournal.h"
#include "MigrationPageDriver.h"
#include "OpenMetadataFixture.h"
#include "SortBufferLock.h"
#include "TestServers.h"
#include "tuning/SortMemoryTuner.h"
#include "UpgradeWizard.h"
#include "WizardPageId.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <optional>

using namespace omu;
using namespace omu::ui;
using omu::test::FakeDistribution;
using omu::test::FakeOpenMetadataServer;
using omu::test::findWidget;
using omu::test::SortBufferLock;
using omu::test::TestServers;

class TestWizardEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void welcomeToFinishWithSortMemoryRetry_data();
    void welcomeToFinishWithSortMemoryRetry();

private:
    template <typename T> T* find(QWidget* root, const char* name)
    {
        return findWidget<T>(root, name);
    }
    QString createFixture(Engine engine)
    {
        return m_databases.create(engine, QStringLiteral("omu_e2e"));
    }
    void typeConnection(UpgradeWizard& wizard, const ConnectionProfile& profile);
    void backUp(UpgradeWizard& wizard, const QString& folder);
    void applyOnTuning(UpgradeWizard& wizard, const QString& expectedValue, bool afterFailure);
    void passReview(UpgradeWizard& wizard);
    void planMigration(UpgradeWizard& wizard);
    QString migrationStatus(UpgradeWizard& wizard)
    {
        return find<QFrame>(&wizard, "migrationStatusFrame")->property("state").toString();
    }
    void next(UpgradeWizard& wizard, int expectedId);
    void snap(QWidget* widget, const QString& name)
    {
        QVERIFY(omu::test::saveScreenshot(widget, name));
    }

    QTemporaryDir m_dir;
    QString m_release;
    omu::test::FixtureDatabases m_databases;
};

void TestWizardEndToEnd::initTestCase()
{
    for (const Engine engine : {Engine::MySql, Engine::Postgres})
        if (!TestServers::admin(engine))
            QFAIL(qPrintable(TestServers::unavailableMessage(engine)));
    m_release = m_dir.filePath(QStringLiteral("openmetadata-1.3.0"));
    QString error;
    QVERIFY2(FakeDistribution::assemble(QStringLiteral("1.3.0"), m_release, &error),
             qPrintable(error));
}

void TestWizardEndToEnd::cleanupTestCase()
{
    qunsetenv("OMU_FAKE_OM_REQUIRED_SORT_BYTES");
    m_databases.dropAll();
}

void TestWizardEndToEnd::next(UpgradeWizard& wizard, int expectedId)
{
    auto* button = wizard.button(QWizard::NextButton);
    QVERIFY2(
        button->isVisible() && button->isEnabled(),
        qPrintable(QStringLiteral("Next is not available on page %1").arg(wizard.currentId())));
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(wizard.currentId(), expectedId);
}

void TestWizardEndToEnd::typeConnection(UpgradeWizard& wizard, const ConnectionProfile& profile)
{
    auto* engine = find<QComboBox>(&wizard, "engineCombo");
    engine->setCurrentIndex(engine->findData(int(profile.engine)));
    const auto retype = [&](const char* name, const QString& text) {
        auto* edit = find<QLineEdit>(&wizard, name);
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Delete);
        QTest::keyClicks(edit, text);
    };
    retype("hostEdit", profile.host);
    auto* port = find<QSpinBox>(&wizard, "portSpin");
    port->selectAll();
    QTest::keyClicks(port, QString::number(profile.port));
    QCOMPARE(port->value(), profile.port);
    retype("databaseEdit", profile.database);
    retype("userEdit", profile.user);
    retype("passwordEdit", profile.password);
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled()); // not tested yet

    auto* frame = find<QFrame>(wizard.currentPage(), "resultFrame");
    QTest::mouseClick(find<QPushButton>(&wizard, "testConnectionButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(frame->property("state").toString() != QLatin1String("busy"), 30'000);
    QCOMPARE(frame->property("state").toString(), QStringLiteral("ok"));
    const QString result = find<QLabel>(&wizard, "connectionResult")->text();
    QVERIFY2(result.contains(QStringLiteral("OpenMetadata 1.1.5")), qPrintable(result));
}

void TestWizardEndToEnd::backUp(UpgradeWizard& wizard, const QString& folder)
{
    QWidget* page = wizard.currentPage();
    QVERIFY(QDir().mkpath(folder));
    find<QLineEdit>(page, "folderEdit")->setText(folder);
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled()); // no backup yet
    QTest::mouseClick(find<QPushButton>(page, "backupButton"), Qt::LeftButton);
    auto* frame = find<QFrame>(page, "resultFrame");
    QTRY_VERIFY_WITH_TIMEOUT(frame->property("state").toString() != QLatin1String("busy"), 120'000);
    const QString result = find<QLabel>(page, "backupResult")->text();
    QCOMPARE(frame->property("state").toString(), QStringLiteral("ok"));
    QVERIFY2(result.contains(QStringLiteral("Backup verified")), qPrintable(result));
}

void TestWizardEndToEnd::applyOnTuning(UpgradeWizard& wizard, const QString& expectedValue,
                                       bool afterFailure)
{
    auto* frame = find<QFrame>(&wizard, "tuningResultFrame");
    QTRY_VERIFY_WITH_TIMEOUT(frame->property("state").toString() != QLatin1String("busy"), 60'000);
    auto* banner = find<QLabel>(&wizard, "tuningBanner");
    QCOMPARE(banner->isVisible(), afterFailure);
    if (afterFailure)
        QVERIFY2(banner->text().contains(QStringLiteral("ran out of sort memory")),
                 qPrintable(banner->text()));
    auto* value = find<QLineEdit>(&wizard, "valueEdit");
    QCOMPARE(value->text(), expectedValue); // what the page suggests, untouched
    QTest::mouseClick(find<QPushButton>(&wizard, "applyButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(frame->property("state").toString() != QLatin1String("busy"), 60'000);
    QCOMPARE(frame->property("state").toString(), QStringLiteral("ok"));
}

void TestWizardEndToEnd::passReview(UpgradeWizard& wizard)
{
    auto* progress = find<QWidget>(&wizard, "reviewProgress");
    auto* tree = find<QTreeWidget>(&wizard, "findingsTree");
    QVERIFY(QTest::qWaitFor([&] { return !progress->isVisible() && tree->topLevelItemCount() > 0; },
                            60'000));
    // The fixture's database has findings of its own: queries the 1.2.0 migration deletes
    // and alerts 1.3.0 deletes. They warn; nothing blocks, so Next is open.
    const QString summary = find<QLabel>(&wizard, "reviewSummary")->text();
    // No workflows, code or scripts folder was given: what could not run is said, no check mark.
    QVERIFY2(summary.contains(QStringLiteral("Nothing found blocks the upgrade, but not everything "
                                             "could be checked")) &&
                 summary.contains(QStringLiteral("did not run (see Not checked)")) &&
                 !summary.contains(QStringLiteral("\u2713")),
             qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("2 warnings")), qPrintable(summary));
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
}

void TestWizardEndToEnd::planMigration(UpgradeWizard& wizard)
{
    omu::test::readyMigrationRun(&wizard, m_release);
}

void TestWizardEndToEnd::welcomeToFinishWithSortMemoryRetry_data()
{
    omu::test::addEngineRows();
}

void TestWizardEndToEnd::welcomeToFinishWithSortMemoryRetry()
{
    QFETCH(Engine, engine);
    const QString tag = engineName(engine);
    const auto lock = omu::test::sortBufferLockFor(engine); // SET GLOBAL: one test at a time
    QVERIFY2(!lock || lock->locked(), qPrintable(lock ? lock->error() : QString()));
    const QString database = createFixture(engine);
    const ConnectionProfile profile = *TestServers::admin(engine, database);
    const QString dataFolder = m_dir.filePath(QStringLiteral("data-") + tag);
    const auto before = SortMemoryTuner(profile, dataFolder).show();
    QVERIFY(before.ok());
    // The recommended 20 MB is not enough for this database: the fake release's data
    // migration needs 32 MB of sort memory, as a big query_entity would.
    qputenv("OMU_FAKE_OM_REQUIRED_SORT_BYTES", QByteArray::number(32 * 1024 * 1024));

    UpgradeWizard wizard(ConnectionSources{});
    wizard.state().dataFolder = dataFolder;
    wizard.resize(1024, 768);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));

    // 1. Welcome: no files, the target release.
    QCOMPARE(wizard.currentId(), int(WelcomePageId));
    auto* target = find<QComboBox>(&wizard, "targetReleaseCombo");
    target->setCurrentText(QStringLiteral("1.3.0"));
    snap(&wizard, QStringLiteral("e2e-01-welcome-") + tag);
    next(wizard, ConnectionPageId);

    // 2. Connection, typed in and tested.
    typeConnection(wizard, profile);
    snap(&wizard, QStringLiteral("e2e-02-connection-") + tag);
    next(wizard, BackupPageId);

    // 3. Backup: a real one, verified.
    backUp(wizard, m_dir.filePath(QStringLiteral("backups-") + tag));
    snap(&wizard, QStringLiteral("e2e-03-backup-") + tag);
    next(wizard, TuningPageId);

    // 4. Tuning: the recommended value.
    applyOnTuning(wizard, QStringLiteral("20MB"), false);
    snap(&wizard, QStringLiteral("e2e-04-tuning-") + tag);
    next(wizard, ReviewPageId);

    // 5. Review.
    passReview(wizard);
    snap(&wizard, QStringLiteral("e2e-05-review-") + tag);
    next(wizard, MigrationPageId);

    // 6. Migration: runs out of sort memory.
    planMigration(wizard);
    omu::test::runAndConfirm(&wizard);
    QTRY_COMPARE_WITH_TIMEOUT(migrationStatus(wizard), QStringLiteral("failed"), 120'000);
    const QString advice = find<QLabel>(&wizard, "migrationStatus")->text();
    QVERIFY2(advice.contains(QStringLiteral("ran out of sort memory")), qPrintable(advice));
    QVERIFY(!wizard.button(QWizard::CommitButton)->isEnabled());
    snap(&wizard, QStringLiteral("e2e-06-sort-memory-") + tag);

    // Its advice button goes back to Tuning, which suggests twice what failed.
    auto* nextStep = find<QPushButton>(&wizard, "nextStepButton");
    QVERIFY(nextStep->isVisible());
    QTest::mouseClick(nextStep, Qt::LeftButton);
    QCOMPARE(wizard.currentId(), int(TuningPageId));
    applyOnTuning(wizard, QStringLiteral("40MB"), true);
    const auto raised = SortMemoryTuner(profile, dataFolder).show();
    QVERIFY(raised.ok());
    QCOMPARE(raised->newSessionBytes, qint64(40) * 1024 * 1024);
    snap(&wizard, QStringLiteral("e2e-07-tuning-again-") + tag);
    next(wizard, ReviewPageId);
    passReview(wizard);
    next(wizard, MigrationPageId);

    // Retry: the half-done version is picked up and the run succeeds.
    planMigration(wizard);
    omu::test::runAndConfirm(&wizard);
    QTRY_COMPARE_WITH_TIMEOUT(migrationStatus(wizard), QStringLiteral("ok"), 120'000);
    snap(&wizard, QStringLiteral("e2e-08-migrated-") + tag);
    auto* commit = wizard.button(QWizard::CommitButton);
    QVERIFY(commit->isEnabled());
    QTest::mouseClick(commit, Qt::LeftButton);
    QCOMPARE(wizard.currentId(), int(AfterPageId));

    // 7. After: verified, tuning put back to what it was before the first apply.
    auto* verify = find<QLabel>(&wizard, "verifyLabel");
    QTRY_COMPARE_WITH_TIMEOUT(verify->property("state").toString(), QStringLiteral("ok"), 30'000);
    auto* tuning = find<QLabel>(&wizard, "tuningRevertLabel");
    QTRY_COMPARE_WITH_TIMEOUT(tuning->property("state").toString(), QStringLiteral("ok"), 30'000);
    QVERIFY2(tuning->text().contains(QStringLiteral("Put back automatically")),
             qPrintable(tuning->text()));
    const auto after = SortMemoryTuner(profile, dataFolder).show();
    QVERIFY(after.ok());
    QCOMPARE(after->newSessionBytes, before->newSessionBytes);
    if (engine == Engine::Postgres) // no database-level setting again (RESET), not a value
        QCOMPARE(after->source, before->source);
    QVERIFY(!after->pending);

    FakeOpenMetadataServer server;
    QVERIFY(server.listen(120));
    server.setVersion(QStringLiteral("1.3.0"));
    find<QLineEdit>(&wizard, "afterServerUrlEdit")->setText(server.url().toString());
    QTest::mouseClick(find<QPushButton>(&wizard, "checkVersionButton"), Qt::LeftButton);
    auto* version = find<QLabel>(&wizard, "serverVersionLabel");
    QTRY_COMPARE_WITH_TIMEOUT(version->property("state").toString(), QStringLiteral("ok"), 15'000);
    const QString reports = m_dir.filePath(QStringLiteral("reports-") + tag);
    find<QLineEdit>(&wizard, "reportFolderEdit")->setText(reports);
    QTest::mouseClick(find<QPushButton>(&wizard, "writeReportButton"), Qt::LeftButton);
    auto* reportLabel = find<QLabel>(&wizard, "reportLabel");
    QCOMPARE(reportLabel->property("state").toString(), QStringLiteral("ok"));
    // Its two lines both show once the layout has caught up (none is cut off).
    QTRY_VERIFY_WITH_TIMEOUT(
        reportLabel->height() >= reportLabel->heightForWidth(reportLabel->width()), 5'000);
    snap(&wizard, QStringLiteral("e2e-09-after-") + tag);

    auto* finish = wizard.button(QWizard::FinishButton);
    QVERIFY(finish->isVisible() && finish->isEnabled());
    QTest::mouseClick(finish, Qt::LeftButton);
    QCOMPARE(wizard.result(), int(QDialog::Accepted));
    QVERIFY(!wizard.isVisible());

    // The journal tells the whole story, and nothing the wizard wrote holds the password.
    const auto progress = JournalProgress::read(UpgradeJournal::forDeployment(profile, dataFolder));
    QVERIFY(progress.ok());
    QCOMPARE(progress->migration, JournalProgress::MigrationState::Succeeded);
    QVERIFY(!progress->tuningToRevert());
    const QByteArray password = profile.password.toUtf8();
    int files = 0;
    for (const QString& folder : {dataFolder, reports}) {
        QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(password), qPrintable(file.fileName()));
            ++files;
        }
    }
    QVERIFY2(files >= 4, qPrintable(QString::number(files))); // journal, logs, two reports
}

QTEST_MAIN(TestWizardEndToEnd)
#include "TestWizardEndToEnd.moc"

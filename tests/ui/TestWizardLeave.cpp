// Leaving is always safe and always explained, and the next start opens on what is left:
// Esc, Cancel and the window's close during a backup, during a migration and after a
// failed migration with the tuning raised each ask, and each answer does what it says
// (keep running, stop with the page's own Cancel and close, close and continue later, put
// the tuning back and close). Back cannot leave a running migration without the question;
// after a successful run there is no Back. A restarted wizard names what is left on Welcome
// and, once connected, opens on that step; a verified backup of the same database at the
// same version is reused from the journal. At 1024x768 the Migration page shows its log and
// its result without scrolling. Set OMU_SCREENSHOT_DIR to save a PNG of each state.
#include "EngineRows.h"
#include "FakeDistribution.h"
#include "FixtureDatabases.h"
#include "GuiTestSupport.h"
#include "journal/JournalProgress.h"
#include "MigrationPageDriver.h"
#include "OpenMetadataFixture.h"
#include "SortBufferLock.h"
#include "TestServers.h"
#include "tuning/SortMemoryTuner.h"
#include "UpgradeWizard.h"
#include "WizardPageId.h"

#include <QAbstractButton>
#include <QCloseEvent>
#include <QFileInfo>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QScrollArea>
#include <QScrollBar>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace omu;
using namespace omu::ui;
using omu::test::answerNextDialog;
using omu::test::FakeDistribution;
using omu::test::TestServers;

class TestWizardLeave : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void nothingLeftClosesWithoutAsking();
    void backupRunningAsksAndStopsWithTheCancel();
    void verifiedBackupIsReusedAfterRestart();
    void migrationRunningAsksOnBackEscCancelAndClose();
    void failureWithTuningRaisedAsksAndPutsItBack();
    void tuningRaisedBeforeTheMigrationReopensOnTuning();
    void migrationPageShowsLogAndResultAt1024x768();

private:
    template <typename T> T* find(QWidget* root, const char* name)
    {
        return omu::test::findWidget<T>(root, name);
    }
    void snap(QWidget* widget, const QString& name)
    {
        QVERIFY(omu::test::saveScreenshot(widget, name));
    }
    QString status(QWidget* wizard)
    {
        return find<QFrame>(wizard, "migrationStatusFrame")->property("state").toString();
    }
    void prepare(UpgradeWizard& wizard, Engine engine, const QString& database,
                 const QString& dataFolder)
    {
        const QString error = omu::test::prepareWizardState(wizard, engine, database, dataFolder);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    void journalBeforeMigration(Engine engine, const QString& database, const QString& dataFolder,
                                bool applyTuning)
    {
        const QString error =
            omu::test::journalBeforeMigration(engine, database, dataFolder, applyTuning);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    // Opens on the Migration page with Back leading to Review, as a user arrives there.
    void openOnMigration(UpgradeWizard& wizard, QSize size = {1100, 860});
    // Sends the window a close event, as the window manager's close button does.
    bool closeWindow(UpgradeWizard& wizard)
    {
        QCloseEvent event;
        QApplication::sendEvent(&wizard, &event);
        return event.isAccepted();
    }
    // A new wizard on the same data folder: Welcome names what is left, the connection is
    // tested for real, and Next opens on `expected`.
    void restartOpensOn(Engine engine, const QString& database, const QString& dataFolder,
                        int expected, const QString& named);

    QTemporaryDir m_dir;
    QString m_release;
    omu::test::FixtureDatabases m_databases;
};

void TestWizardLeave::initTestCase()
{
    for (const Engine engine : {Engine::MySql, Engine::Postgres})
        if (!TestServers::admin(engine))
            QFAIL(qPrintable(TestServers::unavailableMessage(engine)));
    m_release = m_dir.filePath(QStringLiteral("openmetadata-1.3.0"));
    QString error;
    QVERIFY2(FakeDistribution::assemble(QStringLiteral("1.3.0"), m_release, &error),
             qPrintable(error));
}

void TestWizardLeave::cleanupTestCase()
{
    m_databases.dropAll();
}

void TestWizardLeave::cleanup()
{
    qunsetenv("OMU_FAKE_OM_FAIL");
    qunsetenv("OMU_FAKE_OM_DELAY_MS");
}

void TestWizardLeave::openOnMigration(UpgradeWizard& wizard, QSize size)
{
    wizard.setStartId(ReviewPageId);
    wizard.resize(size);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    wizard.next(); // the review need not finish: the journal already holds one
    QCOMPARE(wizard.currentId(), int(MigrationPageId));
    QVERIFY(wizard.button(QWizard::BackButton)->isEnabled());
}

void TestWizardLeave::restartOpensOn(Engine engine, const QString& database,
                                     const QString& dataFolder, int expected, const QString& named)
{
    const auto profile = *TestServers::admin(engine, database);
    ConnectionSources sources;
    sources.engine = engine;
    sources.host = profile.host;
    sources.port = profile.port;
    sources.database = database;
    sources.user = profile.user;
    sources.password = profile.password;
    UpgradeWizard wizard(sources);
    wizard.state().dataFolder = dataFolder;
    wizard.state().targetRelease = QStringLiteral("1.3.0");
    wizard.resize(1024, 768);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    auto* banner = find<QLabel>(&wizard, "unfinishedBanner");
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(named), qPrintable(banner->text()));
    snap(&wizard, QStringLiteral("leave-restart-welcome-%1").arg(expected));

    wizard.button(QWizard::NextButton)->click();
    QCOMPARE(wizard.currentId(), int(ConnectionPageId));
    auto* frame = find<QFrame>(wizard.page(ConnectionPageId), "resultFrame");
    QTest::mouseClick(find<QPushButton>(&wizard, "testConnectionButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(frame->property("state").toString(), QStringLiteral("ok"), 30'000);
    const QString result = find<QLabel>(&wizard, "connectionResult")->text();
    QVERIFY2(result.contains(QStringLiteral("not finished")) && result.contains(named),
             qPrintable(result));
    wizard.button(QWizard::NextButton)->click();
    QCOMPARE(wizard.currentId(), expected);
    snap(&wizard, QStringLiteral("leave-restart-opened-%1").arg(expected));
}

void TestWizardLeave::nothingLeftClosesWithoutAsking()
{
    UpgradeWizard wizard(ConnectionSources{});
    wizard.state().dataFolder = m_dir.filePath(QStringLiteral("nothing"));
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QVERIFY(!find<QLabel>(&wizard, "unfinishedBanner")->isVisible());
    auto asked = answerNextDialog("leaveStayButton");
    QTest::keyClick(&wizard, Qt::Key_Escape);
    QVERIFY(!wizard.isVisible());
    QVERIFY(asked->objectName.isEmpty()); // closed without a question
}

void TestWizardLeave::backupRunningAsksAndStopsWithTheCancel()
{
    const QString database = m_databases.create(Engine::Postgres, QStringLiteral("omu_leave_bk"));
    const QString dataFolder = m_dir.filePath(QStringLiteral("backup-running"));
    // Another session holds a table: the backup waits on it, so it is still running
    // whatever the machine's speed, until the lock goes.
    QString error;
    QSqlDatabase holder = TestServers::open(Engine::Postgres, database, &error);
    QVERIFY2(holder.isOpen(), qPrintable(error));
    QVERIFY(holder.transaction());
    QSqlQuery lockQuery(holder);
    QVERIFY2(
        lockQuery.exec(QStringLiteral("LOCK TABLE entity_relationship IN ACCESS EXCLUSIVE MODE")),
        qPrintable(lockQuery.lastError().text()));
    UpgradeWizard wizard(ConnectionSources{});
    prepare(wizard, Engine::Postgres, database, dataFolder);
    wizard.setStartId(BackupPageId);
    wizard.resize(1024, 768);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    const QString folder = m_dir.filePath(QStringLiteral("backups-stopped"));
    QVERIFY(QDir().mkpath(folder));
    find<QLineEdit>(&wizard, "folderEdit")->setText(folder);
    QTRY_VERIFY(find<QPushButton>(&wizard, "backupButton")->isEnabled());
    auto* cancel = find<QPushButton>(&wizard, "cancelButton");
    QTest::mouseClick(find<QPushButton>(&wizard, "backupButton"), Qt::LeftButton);
    QVERIFY(cancel->isVisible());

    // Esc, Cancel and the window's close each ask; keeping it running keeps it running.
    for (const QString& how :
         {QStringLiteral("esc"), QStringLiteral("cancel"), QStringLiteral("close")}) {
        auto asked = answerNextDialog("leaveStayButton");
        if (how == QLatin1String("esc"))
            QTest::keyClick(&wizard, Qt::Key_Escape);
        else if (how == QLatin1String("cancel"))
            wizard.button(QWizard::CancelButton)->click();
        else
            QVERIFY(!closeWindow(wizard));
        QVERIFY2(asked->answered, qPrintable(how));
        QCOMPARE(asked->objectName, QStringLiteral("leaveDialog"));
        QVERIFY2(asked->text.contains(QStringLiteral("The backup of")) &&
                     asked->text.contains(QStringLiteral("unfinished file is deleted")),
                 qPrintable(asked->text));
        QVERIFY(wizard.isVisible());
        QVERIFY2(cancel->isVisible() && cancel->isEnabled(), "the backup must still run");
    }

    // Stop it and close: the page's own Cancel stops it, then the wizard closes.
    auto asked = answerNextDialog("leaveStopButton");
    wizard.button(QWizard::CancelButton)->click();
    QVERIFY(asked->answered);
    QVERIFY(wizard.isVisible()); // until the backup has stopped
    QVERIFY(holder.rollback());  // the backup goes on to its next row, sees the cancel
    QTRY_VERIFY_WITH_TIMEOUT(!wizard.isVisible(), 30'000);
    QCOMPARE(find<QFrame>(wizard.page(BackupPageId), "resultFrame")->property("state").toString(),
             QStringLiteral("cancelled"));
    QVERIFY(QDir(folder).entryList(QDir::Files).isEmpty()); // nothing half written kept
    const auto progress =
        JournalProgress::forDeployment(*TestServers::admin(Engine::Postgres, database), dataFolder);
    QVERIFY(progress.ok());
    QVERIFY(!progress->backup);
}

void TestWizardLeave::verifiedBackupIsReusedAfterRestart()
{
    const Engine engine = Engine::MySql;
    const QString database = m_databases.create(engine, QStringLiteral("omu_leave_reuse"));
    const QString dataFolder = m_dir.filePath(QStringLiteral("reuse"));
    const QString folder = m_dir.filePath(QStringLiteral("backups-reuse"));
    QVERIFY(QDir().mkpath(folder));
    QString file;
    {
        UpgradeWizard wizard(ConnectionSources{});
        prepare(wizard, engine, database, dataFolder);
        wizard.setStartId(BackupPageId);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        find<QLineEdit>(&wizard, "folderEdit")->setText(folder);
        QTRY_VERIFY(find<QPushButton>(&wizard, "backupButton")->isEnabled());
        QTest::mouseClick(find<QPushButton>(&wizard, "backupButton"), Qt::LeftButton);
        auto* frame = find<QFrame>(wizard.page(BackupPageId), "resultFrame");
        QTRY_COMPARE_WITH_TIMEOUT(frame->property("state").toString(), QStringLiteral("ok"),
                                  60'000);
        const auto progress =
            JournalProgress::forDeployment(*wizard.state().testedProfile, dataFolder);
        QVERIFY(progress.ok() && progress->backupRecord());
        file = progress->backupRecord()->file;
        // A verified backup leaves nothing to undo: the wizard closes without a question.
        auto asked = answerNextDialog("leaveStayButton");
        QVERIFY(closeWindow(wizard));
        QVERIFY(asked->objectName.isEmpty());
    }

    UpgradeWizard wizard(ConnectionSources{});
    prepare(wizard, engine, database, dataFolder);
    wizard.setStartId(BackupPageId);
    wizard.resize(1024, 768);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    auto* frame = find<QFrame>(wizard.page(BackupPageId), "resultFrame");
    QCOMPARE(frame->property("state").toString(), QStringLiteral("ok"));
    const QString text = find<QLabel>(&wizard, "backupResult")->text();
    QVERIFY2(text.contains(QStringLiteral("on record")) &&
                 text.contains(QFileInfo(file).fileName()),
             qPrintable(text));
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    snap(&wizard, QStringLiteral("leave-backup-reused"));

    // Not when the database is at another version, nor when the file changed.
    wizard.state().inspection->openMetadata.version = QStringLiteral("1.2.0");
    {
        UpgradeWizard other(ConnectionSources{});
        other.state() = wizard.state();
        other.setStartId(BackupPageId);
        other.show();
        QVERIFY(!other.button(QWizard::NextButton)->isEnabled());
        QCOMPARE(
            find<QFrame>(other.page(BackupPageId), "resultFrame")->property("state").toString(),
            QStringLiteral("idle"));
    }
    QFile changed(file);
    QVERIFY(changed.open(QIODevice::Append));
    changed.write("-- changed\n");
    changed.close();
    wizard.state().inspection->openMetadata.version = QStringLiteral("1.1.5");
    UpgradeWizard changedFile(ConnectionSources{});
    changedFile.state() = wizard.state();
    changedFile.setStartId(BackupPageId);
    changedFile.show();
    QVERIFY(!changedFile.button(QWizard::NextButton)->isEnabled());
}

void TestWizardLeave::migrationRunningAsksOnBackEscCancelAndClose()
{
    const Engine engine = Engine::Postgres;
    const QString database = m_databases.create(engine, QStringLiteral("omu_leave_run"));
    const QString dataFolder = m_dir.filePath(QStringLiteral("running"));
    journalBeforeMigration(engine, database, dataFolder, false);
    qputenv("OMU_FAKE_OM_DELAY_MS", "3000"); // still running while the test asks
    const auto profile = *TestServers::admin(engine, database);

    UpgradeWizard wizard(ConnectionSources{});
    prepare(wizard, engine, database, dataFolder);
    openOnMigration(wizard);
    omu::test::readyMigrationRun(&wizard, m_release);
    QVERIFY(omu::test::runAndConfirm(&wizard)->answered);
    QCOMPARE(status(&wizard), QStringLiteral("busy"));
    auto* cancel = find<QPushButton>(&wizard, "cancelMigrationButton");
    QVERIFY(cancel->isEnabled());

    // Back asks, and keeping it running stays on the page.
    auto asked = answerNextDialog("leaveStayButton");
    QTest::mouseClick(wizard.button(QWizard::BackButton), Qt::LeftButton);
    QVERIFY(asked->answered);
    QVERIFY2(asked->text.contains(QStringLiteral("The migration is running")) &&
                 asked->text.contains(QStringLiteral("Back cannot leave it")),
             qPrintable(asked->text));
    QCOMPARE(wizard.currentId(), int(MigrationPageId));
    QVERIFY(cancel->isEnabled());
    for (const QString& how : {QStringLiteral("esc"), QStringLiteral("cancel")}) {
        auto stay = answerNextDialog("leaveStayButton");
        if (how == QLatin1String("esc"))
            QTest::keyClick(&wizard, Qt::Key_Escape);
        else
            wizard.button(QWizard::CancelButton)->click();
        QVERIFY2(stay->answered, qPrintable(how));
        QVERIFY2(stay->text.contains(QStringLiteral("migration tool has applied")) &&
                     stay->text.contains(database) &&
                     stay->text.contains(QStringLiteral("Migration step")),
                 qPrintable(stay->text));
        QVERIFY(wizard.isVisible());
        QVERIFY(cancel->isEnabled());
    }
    snap(&wizard, QStringLiteral("leave-migration-running"));

    // The window's close, then "stop it": the page's own Cancel, then the wizard closes.
    auto stop = answerNextDialog("leaveStopButton");
    QVERIFY(!closeWindow(wizard));
    QVERIFY(stop->answered);
    QTRY_VERIFY_WITH_TIMEOUT(!wizard.isVisible(), 60'000);
    const auto progress = JournalProgress::forDeployment(profile, dataFolder);
    QVERIFY(progress.ok());
    QCOMPARE(progress->migration, JournalProgress::MigrationState::Cancelled);
    QVERIFY(find<QPlainTextEdit>(&wizard, "migrationLogView")
                ->toPlainText()
                .contains(QStringLiteral("cancel requested")));

    restartOpensOn(engine, database, dataFolder, MigrationPageId, QStringLiteral("cancelled"));
}

void TestWizardLeave::failureWithTuningRaisedAsksAndPutsItBack()
{
    const Engine engine = Engine::MySql;
    omu::test::SortBufferLock lock; // SET GLOBAL: one test at a time
    QVERIFY2(lock.locked(), qPrintable(lock.error()));
    const QString database = m_databases.create(engine, QStringLiteral("omu_leave_fail"));
    const QString dataFolder = m_dir.filePath(QStringLiteral("failed"));
    journalBeforeMigration(engine, database, dataFolder, true); // sort_buffer_size raised
    const auto profile = *TestServers::admin(engine, database);
    const qint64 before = SortMemoryTuner(profile, dataFolder).show()->newSessionBytes;
    qputenv("OMU_FAKE_OM_FAIL", "flyway-checksum");

    {
        UpgradeWizard wizard(ConnectionSources{});
        prepare(wizard, engine, database, dataFolder);
        openOnMigration(wizard);
        omu::test::readyMigrationRun(&wizard, m_release);
        omu::test::runAndConfirm(&wizard);
        QTRY_COMPARE_WITH_TIMEOUT(status(&wizard), QStringLiteral("failed"), 120'000);

        // Esc asks, naming the failure and the raised setting; Stay stays.
        auto stay = answerNextDialog("leaveStayButton");
        QTest::keyClick(&wizard, Qt::Key_Escape);
        QVERIFY(stay->answered);
        for (const QString& named :
             {QStringLiteral("failed"), QStringLiteral("sort_buffer_size is still raised"),
              QStringLiteral("/backups/openmetadata_backup.sql"),
              QStringLiteral("opens on the Migration step")})
            QVERIFY2(stay->text.contains(named), qPrintable(stay->text));
        QVERIFY(wizard.isVisible());
        // The window's close: "close, continue later" closes and leaves the journal as it is.
        auto later = answerNextDialog("leaveCloseButton");
        QVERIFY(closeWindow(wizard));
        QVERIFY(later->answered);
        QVERIFY(!wizard.isVisible());
    }
    QVERIFY(JournalProgress::forDeployment(profile, dataFolder)->tuningToRevert());

    restartOpensOn(engine, database, dataFolder, MigrationPageId, QStringLiteral("failed"));

    // Cancel, then put the tuning back and close.
    UpgradeWizard wizard(ConnectionSources{});
    prepare(wizard, engine, database, dataFolder);
    wizard.setStartId(MigrationPageId);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    auto revert = answerNextDialog("leaveRevertButton");
    wizard.button(QWizard::CancelButton)->click();
    QVERIFY(revert->answered);
    QTRY_VERIFY_WITH_TIMEOUT(!wizard.isVisible(), 30'000);
    const auto progress = JournalProgress::forDeployment(profile, dataFolder);
    QVERIFY(!progress->tuningToRevert());
    const auto after = SortMemoryTuner(profile, dataFolder).show();
    QVERIFY(after.ok());
    QVERIFY2(after->newSessionBytes < before,
             qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after->newSessionBytes)));
    // The migration is still to finish: the next start says so, and opens there.
    restartOpensOn(engine, database, dataFolder, MigrationPageId, QStringLiteral("failed"));
}

void TestWizardLeave::tuningRaisedBeforeTheMigrationReopensOnTuning()
{
    const Engine engine = Engine::MySql;
    omu::test::SortBufferLock lock; // SET GLOBAL: one test at a time
    QVERIFY2(lock.locked(), qPrintable(lock.error()));
    const QString database = m_databases.create(engine, QStringLiteral("omu_leave_tuned"));
    const QString dataFolder = m_dir.filePath(QStringLiteral("tuned"));
    journalBeforeMigration(engine, database, dataFolder, true); // sort_buffer_size raised
    const auto profile = *TestServers::admin(engine, database);
    auto putBack =
        qScopeGuard([&] { static_cast<void>(SortMemoryTuner(profile, dataFolder).revert(true)); });
    {
        // Left on Review, before the migration: the question names the raised setting and
        // where the next start opens; "close, continue later" leaves it raised.
        UpgradeWizard wizard(ConnectionSources{});
        prepare(wizard, engine, database, dataFolder);
        wizard.setStartId(ReviewPageId);
        wizard.resize(1024, 768);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        auto later = answerNextDialog("leaveCloseButton");
        QTest::keyClick(&wizard, Qt::Key_Escape);
        QVERIFY(later->answered);
        for (const QString& named : {QStringLiteral("sort_buffer_size is still raised"),
                                     QStringLiteral("raised to 20 MB (it was "),
                                     QStringLiteral("opens on the Tuning step")})
            QVERIFY2(later->text.contains(named), qPrintable(later->text));
        // Sizes as people read them, never a count of bytes.
        const QString raised = later->text.section(QStringLiteral("still raised"), 1)
                                   .section(QStringLiteral("</p>"), 0, 0);
        QVERIFY2(!raised.isEmpty() &&
                     !raised.contains(QRegularExpression(QStringLiteral("\\d{4,}"))),
                 qPrintable(later->text));
        QVERIFY(!wizard.isVisible());
    }
    QVERIFY(JournalProgress::forDeployment(profile, dataFolder)->tuningToRevert());
    restartOpensOn(engine, database, dataFolder, TuningPageId,
                   QStringLiteral("sort_buffer_size is still raised"));
}

void TestWizardLeave::migrationPageShowsLogAndResultAt1024x768()
{
    const Engine engine = Engine::Postgres;
    const QString database = m_databases.create(engine, QStringLiteral("omu_leave_fit"));
    const QString dataFolder = m_dir.filePath(QStringLiteral("fit"));
    journalBeforeMigration(engine, database, dataFolder, false);
    qputenv("OMU_FAKE_OM_FAIL", "flyway-checksum");

    UpgradeWizard wizard(ConnectionSources{});
    prepare(wizard, engine, database, dataFolder);
    openOnMigration(wizard, {1024, 768});
    omu::test::readyMigrationRun(&wizard, m_release);
    snap(&wizard, QStringLiteral("leave-migration-ready-1024"));
    omu::test::runAndConfirm(&wizard);
    QTRY_COMPARE_WITH_TIMEOUT(status(&wizard), QStringLiteral("failed"), 120'000);
    QTest::qWait(200); // the plan read after the run settles the layout
    snap(&wizard, QStringLiteral("leave-migration-failed-1024"));
    auto* scroll = wizard.page(MigrationPageId)->findChild<QScrollArea*>();
    QVERIFY(scroll);
    // Nothing to scroll to: the whole page is in view.
    QCOMPARE(scroll->verticalScrollBar()->value(), 0);
    for (const char* name : {"migrationStatusFrame", "migrationLogView", "runMigrationButton"}) {
        auto* widget = find<QWidget>(&wizard, name);
        const QRect visible = widget->visibleRegion().boundingRect();
        QVERIFY2(widget->isVisible() && visible.height() >= std::min(widget->height(), 120),
                 qPrintable(QStringLiteral("%1: %2 of %3 px visible")
                                .arg(QLatin1String(name))
                                .arg(visible.height())
                                .arg(widget->height())));
    }
    QVERIFY(find<QWidget>(&wizard, "migrationStatusFrame")->visibleRegion().boundingRect() ==
            find<QWidget>(&wizard, "migrationStatusFrame")->rect());

    // The release and checks folded into one line while the run is on screen; the button
    // brings them back and folds them again.
    auto* summary = find<QLabel>(&wizard, "setupSummary");
    auto* toggle = find<QAbstractButton>(&wizard, "showSetupButton");
    auto* check = find<QPushButton>(&wizard, "planMigrationButton");
    QVERIFY(summary->isVisible() && summary->text().contains(QStringLiteral("1.3.0")));
    QVERIFY(!check->isVisible());
    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(check->isVisible());
    QCOMPARE(toggle->text(), QStringLiteral("Hide them"));
    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(!check->isVisible());
}

QTEST_MAIN(TestWizardLeave)
#include "TestWizardLeave.moc"

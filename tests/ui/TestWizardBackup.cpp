// The Backup page driven offscreen against a real PostgreSQL holding the OpenMetadata
// fixture: progress moves, a cancelled run leaves nothing, a finished one is verified and
// recorded in the journal, Next waits for either that or the user's own named backup, and
// a restore asks for the database's name first. OMU_SCREENSHOT_DIR saves every state.
#include "connection/ServerInspector.h"
#include "journal/UpgradeJournal.h"
#include "LockHolder.h"
#include "OpenMetadataFixture.h"
#include "TestServers.h"
#include "UpgradeWizard.h"
#include "WizardPageId.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFrame>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace omu;
using namespace omu::ui;
using omu::test::TestServers;

class TestWizardBackup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void progressMovesCancelLeavesNothingThenVerified();
    void ownNamedBackupEnablesNextAndIsJournaled();
    void unusableFolderAndFailedBackupAreExplained();
    void restoreAsksForTheDatabaseNameFirst();
    void lockWaitIsShownAndCancelEndsIt();

private:
    template <typename T> T* find(QWidget* root, const char* name)
    {
        T* widget = root->findChild<T*>(QString::fromLatin1(name));
        if (!widget)
            qFatal("no widget named %s", name);
        return widget;
    }
    // `dataFolder` under the test's folder: a fresh one has no verified backup to reuse.
    std::unique_ptr<UpgradeWizard> openWizard(const ConnectionProfile& profile,
                                              const QString& dataFolder = QStringLiteral("data"));
    QString resultState(QWidget* page)
    {
        return find<QFrame>(page, "resultFrame")->property("state").toString();
    }
    bool nextEnabled(UpgradeWizard& wizard)
    {
        return wizard.button(QWizard::NextButton)->isEnabled();
    }
    void snap(QWidget* widget, const QString& name);

    QTemporaryDir m_dir;
    QString m_database;
    ConnectionProfile m_profile;
    std::optional<InspectionReport> m_inspection;
    QString m_verifiedFile;
};

void TestWizardBackup::initTestCase()
{
    if (!TestServers::admin(Engine::Postgres))
        QFAIL(qPrintable(TestServers::unavailableMessage(Engine::Postgres)));
    m_database = TestServers::uniqueName(QStringLiteral("omu_wizard_backup"));
    QString error;
    QVERIFY2(TestServers::createDatabase(Engine::Postgres, m_database, &error), qPrintable(error));
    m_profile = *TestServers::admin(Engine::Postgres, m_database);
    fixture::FixtureOptions options;
    options.targetMegabytes = 40; // long enough to watch and to cancel
    const auto built = fixture::OpenMetadataFixture::build(m_profile, options);
    QVERIFY2(built.ok(), built.ok() ? "" : qPrintable(built.error().toString()));
    const auto inspection = ServerInspector::inspect(m_profile);
    QVERIFY(inspection.ok());
    m_inspection = inspection.value();
}

void TestWizardBackup::cleanupTestCase()
{
    TestServers::dropDatabase(Engine::Postgres, m_database);
}

std::unique_ptr<UpgradeWizard> TestWizardBackup::openWizard(const ConnectionProfile& profile,
                                                            const QString& dataFolder)
{
    auto wizard = std::make_unique<UpgradeWizard>(ConnectionSources{});
    // What the Connection page leaves behind after a passing test.
    wizard->state().testedProfile = profile;
    wizard->state().inspection = m_inspection;
    wizard->state().dataFolder = m_dir.filePath(dataFolder);
    wizard->setStartId(BackupPageId);
    wizard->resize(1024, 768); // the smallest screen the pages must fit
    wizard->show();
    return wizard;
}

void TestWizardBackup::snap(QWidget* widget, const QString& name)
{
    const QString folder = qEnvironmentVariable("OMU_SCREENSHOT_DIR");
    if (folder.isEmpty())
        return;
    QDir().mkpath(folder);
    QVERIFY(widget->grab().save(QDir(folder).filePath(name + QStringLiteral(".png"))));
}

void TestWizardBackup::progressMovesCancelLeavesNothingThenVerified()
{
    auto wizard = openWizard(m_profile);
    QWidget* page = wizard->currentPage();
    QCOMPARE(page->objectName(), QStringLiteral("backupPage"));
    const QString folder = m_dir.filePath(QStringLiteral("backups"));
    QVERIFY(QDir().mkpath(folder));
    find<QLineEdit>(page, "folderEdit")->setText(folder);
    QVERIFY(find<QLabel>(page, "spaceLabel")->property("usable").toBool());
    QVERIFY(find<QLabel>(page, "spaceLabel")->text().contains(QStringLiteral("free")));
    QVERIFY(!nextEnabled(*wizard));
    auto* backup = find<QPushButton>(page, "backupButton");
    QVERIFY(backup->isEnabled());
    snap(wizard.get(), QStringLiteral("backup-1-idle"));

    // First run: watch the progress move, then cancel it.
    auto* overall = find<QProgressBar>(page, "overallProgress");
    QTest::mouseClick(backup, Qt::LeftButton);
    QVERIFY(find<QPushButton>(page, "cancelButton")->isVisible());
    QList<int> seen;
    QElapsedTimer timer;
    timer.start();
    while (seen.size() < 3 && timer.elapsed() < 60'000 &&
           resultState(page) == QLatin1String("busy")) {
        QTest::qWait(5);
        const int value = overall->value();
        if (value > 0 && (seen.isEmpty() || value > seen.last()))
            seen << value;
    }
    QVERIFY2(seen.size() >= 2, "the overall progress must move");
    QVERIFY(!find<QLabel>(page, "tableLabel")->text().isEmpty());
    QVERIFY(find<QLabel>(page, "overallLabel")->text().contains(QStringLiteral("/s")));
    QCOMPARE(resultState(page), QStringLiteral("busy"));
    snap(wizard.get(), QStringLiteral("backup-2-busy"));
    QTest::mouseClick(find<QPushButton>(page, "cancelButton"), Qt::LeftButton);
    timer.restart();
    QTRY_COMPARE_WITH_TIMEOUT(resultState(page), QStringLiteral("cancelled"), 5000);
    QVERIFY2(timer.elapsed() < 1500, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(QDir(folder).entryList(QDir::Files), QStringList());
    QVERIFY(!nextEnabled(*wizard));
    snap(wizard.get(), QStringLiteral("backup-3-cancelled"));

    // Second run: to the end, verified, journaled, Next enabled.
    QTest::mouseClick(backup, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(resultState(page) != QLatin1String("busy"), 120'000);
    const QString result = find<QLabel>(page, "backupResult")->text();
    QCOMPARE(resultState(page), QStringLiteral("ok"));
    QVERIFY2(result.contains(QStringLiteral("Backup verified")), qPrintable(result));
    QVERIFY(nextEnabled(*wizard));
    const QStringList files = QDir(folder).entryList(QDir::Files);
    QCOMPARE(files.size(), 4); // the backup, its manifest, its schema and history sidecars
    m_verifiedFile = QDir(folder).filePath(files.first());
    QVERIFY(m_verifiedFile.endsWith(QLatin1String(".sql")));
    const auto entry = UpgradeJournal::forDeployment(m_profile, wizard->state().dataFolder)
                           .latest(QStringLiteral("backup"), QStringLiteral("verified"));
    QVERIFY(entry);
    QCOMPARE(entry->data.value(QStringLiteral("file")).toString(), m_verifiedFile);
    QCOMPARE(entry->data.value(QStringLiteral("openMetadataVersion")).toString(),
             QStringLiteral("1.1.5"));
    QVERIFY(result.contains(entry->data.value(QStringLiteral("sha256")).toString().left(16)));
    snap(wizard.get(), QStringLiteral("backup-4-verified"));
}

void TestWizardBackup::ownNamedBackupEnablesNextAndIsJournaled()
{
    // A data folder of its own: the verified backup of the first test would be reused.
    auto wizard = openWizard(m_profile, QStringLiteral("data-own-backup"));
    QWidget* page = wizard->currentPage();
    auto* own = find<QCheckBox>(page, "ownBackupCheck");
    auto* name = find<QLineEdit>(page, "ownBackupEdit");
    QVERIFY(!name->isEnabled());
    QTest::mouseClick(own, Qt::LeftButton, {}, QPoint(8, own->height() / 2));
    QVERIFY(own->isChecked());
    QVERIFY(name->isEnabled());
    QVERIFY2(!nextEnabled(*wizard), "ticking alone must not be enough: the backup needs a name");
    QTest::keyClicks(name, QStringLiteral("rds:openmetadata-before-1-2"));
    QVERIFY(nextEnabled(*wizard));
    snap(wizard.get(), QStringLiteral("backup-5-own-backup"));
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(wizard->currentId(), int(TuningPageId));
    const auto entry = UpgradeJournal::forDeployment(m_profile, wizard->state().dataFolder)
                           .latest(QStringLiteral("backup"), QStringLiteral("acknowledged"));
    QVERIFY(entry);
    QCOMPARE(entry->data.value(QStringLiteral("description")).toString(),
             QStringLiteral("rds:openmetadata-before-1-2"));
}

void TestWizardBackup::unusableFolderAndFailedBackupAreExplained()
{
    auto wizard = openWizard(m_profile);
    QWidget* page = wizard->currentPage();
    auto* folder = find<QLineEdit>(page, "folderEdit");
    auto* space = find<QLabel>(page, "spaceLabel");
    folder->setText(m_dir.filePath(QStringLiteral("no-such-folder")));
    QVERIFY(!space->property("usable").toBool());
    QVERIFY(space->text().contains(QStringLiteral("does not exist")));
    QVERIFY(!find<QPushButton>(page, "backupButton")->isEnabled());
    snap(wizard.get(), QStringLiteral("backup-6-no-folder"));

    // A password changed since the connection test: the backup fails and says why.
    ConnectionProfile stale = m_profile;
    stale.password += QStringLiteral("-changed");
    auto failing = openWizard(stale);
    page = failing->currentPage();
    const QString target = m_dir.filePath(QStringLiteral("failed"));
    QVERIFY(QDir().mkpath(target));
    find<QLineEdit>(page, "folderEdit")->setText(target);
    QTest::mouseClick(find<QPushButton>(page, "backupButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(resultState(page) != QLatin1String("busy"), 60'000);
    QCOMPARE(resultState(page), QStringLiteral("failed"));
    const QString result = find<QLabel>(page, "backupResult")->text();
    QVERIFY2(result.contains(QStringLiteral("What to do")), qPrintable(result));
    QVERIFY(!result.contains(stale.password));
    QVERIFY(!nextEnabled(*failing));
    QCOMPARE(QDir(target).entryList(QDir::Files), QStringList());
    snap(failing.get(), QStringLiteral("backup-7-failed"));
}

void TestWizardBackup::restoreAsksForTheDatabaseNameFirst()
{
    if (m_verifiedFile.isEmpty())
        QSKIP("needs the backup of progressMovesCancelLeavesNothingThenVerified");
    auto wizard = openWizard(m_profile);
    QWidget* page = wizard->currentPage();
    auto* toggle = find<QCheckBox>(page, "restoreToggle");
    QVERIFY(!find<QGroupBox>(page, "restoreBox")->isVisible());
    QTest::mouseClick(toggle, Qt::LeftButton, {}, QPoint(8, toggle->height() / 2));
    QVERIFY(find<QGroupBox>(page, "restoreBox")->isVisible());
    auto* restore = find<QPushButton>(page, "restoreButton");
    find<QLineEdit>(page, "restoreFileEdit")->setText(m_verifiedFile);
    auto* confirm = find<QLineEdit>(page, "restoreConfirmEdit");
    QVERIFY(!restore->isEnabled());
    QTest::keyClicks(confirm, QStringLiteral("openmetadata_db"));
    QVERIFY2(!restore->isEnabled(), "another database's name must not unlock the restore");
    confirm->clear();
    QTest::keyClicks(confirm, m_database);
    QVERIFY(restore->isEnabled());
    snap(wizard.get(), QStringLiteral("backup-8-restore-confirm"));
    QTest::mouseClick(restore, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(resultState(page) != QLatin1String("busy"), 120'000);
    const QString result = find<QLabel>(page, "backupResult")->text();
    QCOMPARE(resultState(page), QStringLiteral("ok"));
    QVERIFY2(result.contains(QStringLiteral("Restored")), qPrintable(result));
    QVERIFY(confirm->text().isEmpty()); // typed again for the next restore
    snap(wizard.get(), QStringLiteral("backup-9-restored"));
}

// Another session holds a table: the page says whose lock it waits for, and Cancel ends
// the wait within two seconds with nothing left behind.
void TestWizardBackup::lockWaitIsShownAndCancelEndsIt()
{
    omu::test::LockHolder holder(m_profile, QStringLiteral("bot_entity"));
    QVERIFY2(holder.error().isEmpty() && holder.id() > 0, qPrintable(holder.error()));
    auto wizard = openWizard(m_profile);
    QWidget* page = wizard->currentPage();
    const QString folder = m_dir.filePath(QStringLiteral("locked"));
    QVERIFY(QDir().mkpath(folder));
    find<QLineEdit>(page, "folderEdit")->setText(folder);
    QTest::mouseClick(find<QPushButton>(page, "backupButton"), Qt::LeftButton);
    auto* phase = find<QLabel>(page, "phaseLabel");
    QTRY_VERIFY_WITH_TIMEOUT(
        phase->text().contains(
            QStringLiteral("waiting for a lock held by pid %1").arg(holder.id())),
        60'000);
    QVERIFY(phase->text().contains(QStringLiteral("LOCK TABLE bot_entity")));
    QCOMPARE(resultState(page), QStringLiteral("busy"));
    snap(wizard.get(), QStringLiteral("backup-5-waiting-for-a-lock"));
    QElapsedTimer timer;
    timer.start();
    QTest::mouseClick(find<QPushButton>(page, "cancelButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(resultState(page), QStringLiteral("cancelled"), 5000);
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(QDir(folder).entryList(QDir::Files), QStringList());
    snap(wizard.get(), QStringLiteral("backup-6-lock-wait-cancelled"));
}

QTEST_MAIN(TestWizardBackup)
#include "TestWizardBackup.moc"

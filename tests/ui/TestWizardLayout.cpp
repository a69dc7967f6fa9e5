// Every page of the wizard but Migration (its layout is tested with it) at 1024x768, the
// smallest screen it must fit, offscreen, on a fixture database of the PostgreSQL test
// server: no label shows less than its text needs, no two controls of a page share an
// Alt+key, the restore sentence and the Review's finding titles are whole. Also: the window
// remembers its size, and Browse buttons open a dialog that keeps out of /proc.
// The same executable runs again with QT_SCALE_FACTOR=2 (test_wizard_layout_scale2).
// Set OMU_SCREENSHOT_DIR to save a PNG of each page.
#include "common/FileChooser.h"
#include "connection/ServerInspector.h"
#include "GuiTestSupport.h"
#include "LayoutChecks.h"
#include "OpenMetadataFixture.h"
#include "TestServers.h"
#include "UpgradeWizard.h"
#include "WizardPageId.h"

#include <QAbstractButton>
#include <QAbstractFileIconProvider>
#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFrame>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <future>
#include <memory>
#include <thread>

using namespace omu;
using namespace omu::ui;
using omu::test::findWidget;
using omu::test::TestServers;

class TestWizardLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void welcomeFits();
    void connectionFits();
    void backupAndRestoreFit();
    void tuningFits();
    void reviewTitlesAreWhole();
    void afterFits();
    void migrationKeysAreUnique();
    void everyPageShrinksToALaptopAt200Percent();
    void windowRemembersItsSize();
    void fileChooserKeepsOutOfProc();
    void browseOpensTheSafeChooser();

private:
    std::unique_ptr<UpgradeWizard> open(int pageId, const ConnectionSources& sources = {});
    void checkPage(UpgradeWizard& wizard, const QString& name);
    QString scaleTag() const
    {
        return qEnvironmentVariable("QT_SCALE_FACTOR", QStringLiteral("1"));
    }

    QTemporaryDir m_dir;
    QString m_database;
    ConnectionProfile m_profile;
    std::optional<InspectionReport> m_inspection;
};

void TestWizardLayout::initTestCase()
{
    // Settings (the window's size, Qt's file dialog history) away from the user's own.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath("settings"));
    QCoreApplication::setOrganizationName(QStringLiteral("omupgrade-test"));
    QCoreApplication::setApplicationName(QStringLiteral("omupgrade-layout"));
    if (!TestServers::admin(Engine::Postgres))
        QFAIL(qPrintable(TestServers::unavailableMessage(Engine::Postgres)));
    m_database = TestServers::uniqueName(QStringLiteral("omu_wizard_layout"));
    QString error;
    QVERIFY2(TestServers::createDatabase(Engine::Postgres, m_database, &error), qPrintable(error));
    m_profile = *TestServers::admin(Engine::Postgres, m_database);
    fixture::FixtureOptions options;
    options.rowsPerEntityTable = 20;
    const auto built = fixture::OpenMetadataFixture::build(m_profile, options);
    QVERIFY2(built.ok(), built.ok() ? "" : qPrintable(built.error().toString()));
    const auto inspection = ServerInspector::inspect(m_profile);
    QVERIFY(inspection.ok());
    m_inspection = inspection.value();
}

void TestWizardLayout::cleanupTestCase()
{
    TestServers::dropDatabase(Engine::Postgres, m_database);
}

std::unique_ptr<UpgradeWizard> TestWizardLayout::open(int pageId, const ConnectionSources& sources)
{
    auto wizard = std::make_unique<UpgradeWizard>(sources);
    // What the Connection page leaves behind after a passing test.
    if (pageId != ConnectionPageId && pageId != WelcomePageId) {
        wizard->state().testedProfile = m_profile;
        wizard->state().inspection = m_inspection;
    }
    wizard->state().dataFolder = m_dir.filePath(QStringLiteral("data"));
    wizard->state().targetRelease = QStringLiteral("1.3.0");
    wizard->setStartId(pageId);
    wizard->resize(1024, 768);
    wizard->show();
    if (!QTest::qWaitForWindowExposed(wizard.get()))
        qWarning("the wizard was not exposed");
    return wizard;
}

void TestWizardLayout::checkPage(UpgradeWizard& wizard, const QString& name)
{
    QApplication::processEvents(); // the layouts settle
    QVERIFY(
        omu::test::saveScreenshot(&wizard, QStringLiteral("layout-%1-x%2").arg(name, scaleTag())));
    QCOMPARE(wizard.size(), QSize(1024, 768));
    const QStringList clipped = omu::test::clippedLabels(&wizard);
    QVERIFY2(clipped.isEmpty(), qPrintable(name + QStringLiteral(": clipped labels:\n") +
                                           clipped.join(QLatin1Char('\n'))));
    // Back is there on every page but the first when the user walks the wizard.
    QList<QAbstractButton*> alsoShown;
    if (wizard.currentId() != WelcomePageId)
        alsoShown << wizard.button(QWizard::BackButton);
    const QStringList shared = omu::test::sharedMnemonics(&wizard, alsoShown);
    QVERIFY2(shared.isEmpty(), qPrintable(name + QStringLiteral(": shared Alt keys:\n") +
                                          shared.join(QLatin1Char('\n'))));
}

void TestWizardLayout::welcomeFits()
{
    auto wizard = open(WelcomePageId);
    checkPage(*wizard, QStringLiteral("welcome"));
}

void TestWizardLayout::connectionFits()
{
    ConnectionSources sources;
    sources.engine = m_profile.engine;
    sources.host = m_profile.host;
    sources.port = m_profile.port;
    sources.database = m_profile.database;
    sources.user = m_profile.user;
    sources.password = m_profile.password;
    auto wizard = open(ConnectionPageId, sources);
    checkPage(*wizard, QStringLiteral("connection-untested"));
    auto* frame = findWidget<QFrame>(wizard->currentPage(), "resultFrame");
    QTest::mouseClick(findWidget<QPushButton>(wizard.get(), "testConnectionButton"),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(frame->property("state").toString() != QLatin1String("busy"), 30'000);
    QCOMPARE(frame->property("state").toString(), QStringLiteral("ok"));
    checkPage(*wizard, QStringLiteral("connection-ok"));
}

void TestWizardLayout::backupAndRestoreFit()
{
    auto wizard = open(BackupPageId);
    QWidget* page = wizard->currentPage();
    checkPage(*wizard, QStringLiteral("backup"));
    // The fullest state: a verified backup's result above the restore box.
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("backups"))));
    findWidget<QLineEdit>(page, "folderEdit")->setText(m_dir.filePath(QStringLiteral("backups")));
    auto* backup = findWidget<QPushButton>(page, "backupButton");
    QTRY_VERIFY(backup->isEnabled()); // the folder is checked first
    QTest::mouseClick(backup, Qt::LeftButton);
    auto* frame = findWidget<QFrame>(page, "resultFrame");
    QTRY_VERIFY_WITH_TIMEOUT(frame->property("state").toString() != QLatin1String("busy"), 120'000);
    QCOMPARE(frame->property("state").toString(), QStringLiteral("ok"));
    checkPage(*wizard, QStringLiteral("backup-verified"));
    auto* toggle = findWidget<QCheckBox>(page, "restoreToggle");
    toggle->setChecked(true);
    auto* box = findWidget<QGroupBox>(page, "restoreBox");
    QVERIFY(box->isVisible());
    checkPage(*wizard, QStringLiteral("backup-restore"));
    // The sentence naming the database to type is whole, and on screen without scrolling
    // out of the page.
    auto* sentence = findWidget<QLabel>(page, "restoreConfirmLabel");
    QVERIFY2(sentence->text().contains(m_database), qPrintable(sentence->text()));
    QVERIFY(sentence->height() >= sentence->heightForWidth(sentence->width()));
}

void TestWizardLayout::tuningFits()
{
    auto wizard = open(TuningPageId);
    auto* frame = findWidget<QFrame>(wizard.get(), "tuningResultFrame");
    QTRY_VERIFY_WITH_TIMEOUT(frame->property("state").toString() != QLatin1String("busy"), 60'000);
    checkPage(*wizard, QStringLiteral("tuning"));
}

void TestWizardLayout::reviewTitlesAreWhole()
{
    auto wizard = open(ReviewPageId);
    auto* progress = findWidget<QWidget>(wizard.get(), "reviewProgress");
    auto* tree = findWidget<QTreeWidget>(wizard.get(), "findingsTree");
    QVERIFY(QTest::qWaitFor([&] { return !progress->isVisible() && tree->topLevelItemCount() > 0; },
                            60'000));
    tree->expandAll();
    checkPage(*wizard, QStringLiteral("review"));
    // It scrolls only on a smaller screen: at 1024x768 everything is in view.
    auto* scroll = wizard->currentPage()->findChild<QScrollArea*>();
    QVERIFY(scroll);
    QVERIFY2(!scroll->verticalScrollBar()->isVisible(),
             qPrintable(QStringLiteral("content %1 px high in %2 px")
                            .arg(scroll->widget()->height())
                            .arg(scroll->viewport()->height())));

    // Every finding's title is whole in its column, under the Details and the Fix preview:
    // on one line, or wrapped on a row tall enough for it.
    auto* tabs = findWidget<QTabWidget>(wizard.get(), "detailTabs");
    for (int tab : {0, 1}) {
        tabs->setCurrentIndex(tab);
        QApplication::processEvents();
        const int column = tree->header()->sectionSize(0);
        QVERIFY2(
            column >= 400,
            qPrintable(QStringLiteral("tab %1: the title column has %2 px").arg(tab).arg(column)));
        int findings = 0;
        for (QTreeWidgetItemIterator it(tree); *it; ++it) {
            QTreeWidgetItem* item = *it;
            if (item->childCount() > 0)
                continue;
            ++findings;
            const QRect row = tree->visualItemRect(item);
            // The text's room: the column less the indentation and a tick box's width.
            const int room = column - row.x() - (item->flags() & Qt::ItemIsUserCheckable ? 28 : 6);
            const QRect needed = tree->fontMetrics().boundingRect(QRect(0, 0, room, 10'000),
                                                                  Qt::TextWordWrap, item->text(0));
            QVERIFY2(needed.width() <= room && needed.height() <= row.height(),
                     qPrintable(QStringLiteral("tab %1: \"%2\" needs %3x%4 px, has %5x%6")
                                    .arg(tab)
                                    .arg(item->text(0))
                                    .arg(needed.width())
                                    .arg(needed.height())
                                    .arg(room)
                                    .arg(row.height())));
        }
        QVERIFY(findings > 0);
        checkPage(*wizard, QStringLiteral("review-tab%1").arg(tab));
    }
}

void TestWizardLayout::afterFits()
{
    auto wizard = open(AfterPageId);
    QTest::qWait(200);
    checkPage(*wizard, QStringLiteral("after"));
}

// The Migration page's layout is tested with it (tests/ui/TestWizardMigration.cpp); its
// Alt keys here, with the others'.
void TestWizardLayout::migrationKeysAreUnique()
{
    auto wizard = open(MigrationPageId);
    QTest::qWait(200);
    QVERIFY(omu::test::saveScreenshot(wizard.get(),
                                      QStringLiteral("layout-migration-x%1").arg(scaleTag())));
    const QStringList shared =
        omu::test::sharedMnemonics(wizard.get(), {wizard->button(QWizard::BackButton)});
    QVERIFY2(shared.isEmpty(), qPrintable(QStringLiteral("migration: shared Alt keys:\n") +
                                          shared.join(QLatin1Char('\n'))));
}

// A 1920x1080 laptop at 200 % is a 960x540 screen: every page lets the window shrink to it
// (its content scrolls) rather than push the buttons off the screen.
void TestWizardLayout::everyPageShrinksToALaptopAt200Percent()
{
    const QSize laptop(960, 540);
    for (const int pageId : {WelcomePageId, ConnectionPageId, BackupPageId, TuningPageId,
                             ReviewPageId, MigrationPageId, AfterPageId}) {
        auto wizard = open(pageId);
        QTest::qWait(100);
        wizard->resize(laptop);
        QApplication::processEvents();
        const QSize least = wizard->minimumSize().expandedTo(wizard->minimumSizeHint());
        QVERIFY2(least.width() <= laptop.width() && least.height() <= laptop.height() &&
                     wizard->size() == laptop,
                 qPrintable(QStringLiteral("page %1: the window needs at least %2x%3, is %4x%5")
                                .arg(pageId)
                                .arg(least.width())
                                .arg(least.height())
                                .arg(wizard->width())
                                .arg(wizard->height())));
        QVERIFY(wizard->button(QWizard::CancelButton)->isVisible());
        QVERIFY(omu::test::saveScreenshot(
            wizard.get(), QStringLiteral("small-%1-x%2").arg(pageId).arg(scaleTag())));
        // Fitting by squeezing is no fit: every visible button, field and one-line label
        // keeps the height its text needs (a page that cannot, scrolls).
        for (int pass = 0; pass < 3; ++pass)
            QApplication::processEvents();
        QStringList squeezed;
        for (QWidget* widget : wizard->currentPage()->findChildren<QWidget*>()) {
            if (!widget->isVisible() || widget->visibleRegion().isEmpty() ||
                qobject_cast<QComboBox*>(widget->parentWidget()) ||
                qobject_cast<QAbstractSpinBox*>(widget->parentWidget()))
                continue; // a combo's or spin box's own line edit is sized by its owner
            const auto* label = qobject_cast<QLabel*>(widget);
            const bool checked = qobject_cast<QAbstractButton*>(widget) ||
                                 qobject_cast<QLineEdit*>(widget) ||
                                 (label && !label->text().isEmpty() && !label->wordWrap());
            if (checked && widget->height() < widget->minimumSizeHint().height())
                squeezed << QStringLiteral("%1 (%2 < %3)")
                                .arg(widget->objectName().isEmpty()
                                         ? QString::fromLatin1(widget->metaObject()->className())
                                         : widget->objectName())
                                .arg(widget->height())
                                .arg(widget->minimumSizeHint().height());
        }
        QVERIFY2(squeezed.isEmpty(), qPrintable(QStringLiteral("page %1 squeezes: %2")
                                                    .arg(pageId)
                                                    .arg(squeezed.join(QStringLiteral(", ")))));
    }
}

void TestWizardLayout::windowRemembersItsSize()
{
    QSettings().remove(QStringLiteral("window"));
    {
        UpgradeWizard first(ConnectionSources{});
        QVERIFY(first.maximumWidth() >= 4000 && first.maximumHeight() >= 4000); // resizable
        first.show();
        QVERIFY(QTest::qWaitForWindowExposed(&first));
        first.resize(1180, 840);
        QTRY_COMPARE(first.size(), QSize(1180, 840));
        first.reject();
    }
    UpgradeWizard second(ConnectionSources{});
    QCOMPARE(second.size(), QSize(1180, 840));
}

void TestWizardLayout::fileChooserKeepsOutOfProc()
{
    using namespace omu::ui::filechooser;
    QVERIFY(isPseudoFileSystem(QStringLiteral("/proc")));
    QVERIFY(isPseudoFileSystem(QStringLiteral("/proc/self/status")));
    QVERIFY(isPseudoFileSystem(QStringLiteral("/sys/kernel")));
    QVERIFY(isPseudoFileSystem(QStringLiteral("/dev/shm")));
    QVERIFY(!isPseudoFileSystem(QStringLiteral("/processes")));
    QVERIFY(!isPseudoFileSystem(m_dir.path()));
    QCOMPARE(startFolder(QStringLiteral("/proc/self")), QDir::homePath());
    QCOMPARE(startFolder(QString()), QDir::homePath());
    QCOMPARE(startFolder(m_dir.filePath(QStringLiteral("not/yet/made"))), m_dir.path());

    // A history that has /proc in it (an earlier dialog browsed there) loses it.
    QFileDialog dialog;
    dialog.setHistory({QStringLiteral("/proc"), m_dir.path(), QStringLiteral("/sys/kernel")});
    prepare(dialog, QStringLiteral("/proc/self"));
    const QStringList history = dialog.history();
    QVERIFY2(history.contains(m_dir.path()), qPrintable(history.join(QLatin1Char(' '))));
    for (const QString& folder : history)
        QVERIFY2(!isPseudoFileSystem(folder), qPrintable(folder));
    QVERIFY(dialog.testOption(QFileDialog::DontUseNativeDialog));
    QCOMPARE(dialog.directory().absolutePath(), QDir::homePath());

    // Its file types come from names: /proc/kmsg, which blocks a reader, is not read.
    QAbstractFileIconProvider* icons = dialog.iconProvider();
    QVERIFY(icons);
    auto typed = std::make_shared<std::promise<QString>>();
    std::thread([icons, typed] {
        typed->set_value(icons->type(QFileInfo(QStringLiteral("/proc/kmsg"))));
    }).detach(); // if it blocked, the process ends with the failure below
    auto future = typed->get_future();
    QVERIFY2(future.wait_for(std::chrono::seconds(10)) == std::future_status::ready,
             "the dialog's icon provider read /proc/kmsg");
    QVERIFY(!future.get().isEmpty());
}

void TestWizardLayout::browseOpensTheSafeChooser()
{
    auto wizard = open(BackupPageId);
    QWidget* page = wizard->currentPage();
    findWidget<QCheckBox>(page, "restoreToggle")->setChecked(true);
    findWidget<QLineEdit>(page, "restoreFileEdit")->setText(QStringLiteral("/proc/self/status"));
    QString seenDirectory;
    bool seenNonNative = false;
    QTimer::singleShot(200, [&] {
        auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        seenDirectory = dialog->directory().absolutePath();
        seenNonNative = dialog->testOption(QFileDialog::DontUseNativeDialog);
        dialog->setDirectory(QStringLiteral("/proc")); // as a user browsing there
        dialog->reject();
    });
    QTest::mouseClick(findWidget<QPushButton>(page, "restoreBrowseButton"), Qt::LeftButton);
    QCOMPARE(seenDirectory, QDir::homePath());
    QVERIFY(seenNonNative);
    // Qt keeps the last folder for the next dialog: not /proc.
    QSettings qt(QSettings::UserScope, QStringLiteral("QtProject"));
    const QString last = qt.value(QStringLiteral("FileDialog/lastVisited")).toString();
    QVERIFY2(!last.contains(QStringLiteral("/proc")), qPrintable(last));
}

QTEST_MAIN(TestWizardLayout)
#include "TestWizardLayout.moc"

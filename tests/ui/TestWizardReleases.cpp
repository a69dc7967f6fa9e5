// The Welcome page's target list and upgrade path (ui/releases), driven offscreen: every
// known release newest first under line headings, the path panel's hops, a typed release
// omupgrade does not know refused with the nearest ones, a release read from an unpacked
// folder, and targets behind the database's release no longer offered once it is known.
// Set OMU_SCREENSHOT_DIR to save PNGs (run it again with QT_SCALE_FACTOR=2 for HiDPI).
#include "FakeDistribution.h"
#include "GuiTestSupport.h"
#include "UpgradeWizard.h"
#include "WizardPageId.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace omu;
using namespace omu::ui;
using omu::test::findWidget;

class TestWizardReleases : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void targetListIsNewestFirstByLine();
    void pathPanelShowsTheHops();
    void typedUnknownReleaseIsRefused();
    void releaseFolderGivesTheTarget();
    void targetsBehindTheDatabaseAreNotOffered();

private:
    void open(UpgradeWizard& wizard)
    {
        wizard.state().dataFolder = m_dir.path();
        wizard.resize(1024, 768);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QCOMPARE(wizard.currentId(), int(WelcomePageId));
    }
    void snap(QWidget* widget, const QString& name)
    {
        QVERIFY(omu::test::saveScreenshot(widget, name));
    }
    QTemporaryDir m_dir;
};

void TestWizardReleases::targetListIsNewestFirstByLine()
{
    UpgradeWizard wizard(ConnectionSources{});
    open(wizard);
    auto* target = findWidget<QComboBox>(&wizard, "targetReleaseCombo");
    // The default: the newest patch of the newest line.
    QCOMPARE(target->currentText(), QStringLiteral("2.0.10"));
    QStringList texts;
    QStringList headings;
    for (int i = 0; i < target->count(); ++i) {
        texts << target->itemText(i);
        if (target->itemData(i, Qt::UserRole).toString() == QLatin1String("line")) {
            headings << target->itemText(i);
            // A heading cannot be chosen.
            const auto* model = qobject_cast<QStandardItemModel*>(target->model());
            QVERIFY(!(model->item(i)->flags() & Qt::ItemIsSelectable));
        }
    }
    QCOMPARE(texts.first(), QStringLiteral("2.0.x"));
    QCOMPARE(texts.at(1), QStringLiteral("2.0.10"));
    QCOMPARE(texts.last(), QStringLiteral("1.1.0"));
    QCOMPARE(headings.first(), QStringLiteral("2.0.x"));
    QCOMPARE(headings.last(), QStringLiteral("1.1.x"));
    QCOMPARE(headings.size(), 14);
    // 1.10.x before 1.9.x: newest first, numerically.
    QVERIFY(texts.indexOf(QStringLiteral("1.10.0")) < texts.indexOf(QStringLiteral("1.9.14")));
    QVERIFY(texts.indexOf(QStringLiteral("1.13.6")) < texts.indexOf(QStringLiteral("1.13.0")));
}

void TestWizardReleases::pathPanelShowsTheHops()
{
    UpgradeWizard wizard(ConnectionSources{});
    open(wizard);
    auto* summary = findWidget<QLabel>(&wizard, "upgradePathSummary");
    QVERIFY(summary->text().contains(QStringLiteral("release running now")));
    auto* current = findWidget<QComboBox>(&wizard, "currentReleaseCombo");
    QTest::keyClicks(current->lineEdit(), QStringLiteral("1.3.0"));
    auto* tree = findWidget<QTreeWidget>(&wizard, "upgradePathTree");
    QCOMPARE(tree->topLevelItemCount(), 7);
    QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("1.3.0 \u2192 1.4.0"));
    QCOMPARE(tree->topLevelItem(3)->text(0), QStringLiteral("1.7.0 \u2192 1.8.0"));
    bool java = false;
    for (int i = 0; i < tree->topLevelItem(3)->childCount(); ++i)
        java = java || (tree->topLevelItem(3)->child(i)->text(0) == QLatin1String("Java") &&
                        tree->topLevelItem(3)->child(i)->text(1) == QStringLiteral("17 \u2192 21"));
    QVERIFY(java);
    QVERIFY2(summary->text().contains(QStringLiteral("1.3.0 \u2192 2.0.10")),
             qPrintable(summary->text()));
    QVERIFY(summary->text().contains(QStringLiteral("no required stop")));
    // The review covers the whole way: no warning about releases it cannot check.
    QVERIFY(!summary->text().contains(QStringLiteral("it cannot check")));
    QCOMPARE(summary->property("state").toString(), QStringLiteral("ok"));
    snap(&wizard, QStringLiteral("releases-01-welcome-path"));

    // Choosing another target recomputes it.
    auto* target = findWidget<QComboBox>(&wizard, "targetReleaseCombo");
    target->setCurrentText(QStringLiteral("1.3.4"));
    QCOMPARE(tree->topLevelItemCount(), 1);
    QVERIFY(tree->topLevelItem(0)->text(1).startsWith(QStringLiteral("direct")));
}

void TestWizardReleases::typedUnknownReleaseIsRefused()
{
    UpgradeWizard wizard(ConnectionSources{});
    open(wizard);
    auto* target = findWidget<QComboBox>(&wizard, "targetReleaseCombo");
    target->lineEdit()->selectAll();
    QTest::keyClicks(target->lineEdit(), QStringLiteral("9.9.9"));
    QTest::keyClicks(findWidget<QComboBox>(&wizard, "currentReleaseCombo")->lineEdit(),
                     QStringLiteral("1.13.6"));
    wizard.button(QWizard::NextButton)->click();
    QCOMPARE(wizard.currentId(), int(WelcomePageId));
    auto* error = findWidget<QLabel>(&wizard, "welcomeError");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(
                 QStringLiteral("9.9.9 is not a release this version of omupgrade knows")),
             qPrintable(error->text()));
    QVERIFY(error->text().contains(QStringLiteral("2.0.8, 2.0.9, 2.0.10")));
    // The path panel says the same.
    QVERIFY(findWidget<QLabel>(&wizard, "upgradePathSummary")
                ->text()
                .contains(QStringLiteral("9.9.9")));
    snap(&wizard, QStringLiteral("releases-02-welcome-unknown-release"));

    // A known one goes through.
    target->lineEdit()->selectAll();
    QTest::keyClicks(target->lineEdit(), QStringLiteral("2.0.9"));
    wizard.button(QWizard::NextButton)->click();
    QCOMPARE(wizard.currentId(), int(ConnectionPageId));
    QCOMPARE(wizard.state().targetRelease, QStringLiteral("2.0.9"));
}

void TestWizardReleases::releaseFolderGivesTheTarget()
{
    const QString folder = m_dir.filePath(QStringLiteral("openmetadata-1.3.1"));
    QString error;
    QVERIFY2(omu::test::FakeDistribution::assemble(QStringLiteral("1.3.1"), folder, &error),
             qPrintable(error));
    UpgradeWizard wizard(ConnectionSources{});
    open(wizard);
    auto* edit = findWidget<QLineEdit>(&wizard, "releaseFolderEdit");
    QTest::keyClicks(edit, folder);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(findWidget<QComboBox>(&wizard, "targetReleaseCombo")->currentText(),
             QStringLiteral("1.3.1"));
    // The test's folder is the stand-in release, and the label says so.
    const QString folderText = findWidget<QLabel>(&wizard, "releaseFolderLabel")->text();
    QVERIFY2(folderText.contains(QStringLiteral("stand-in for release 1.3.1")),
             qPrintable(folderText));
    wizard.button(QWizard::NextButton)->click();
    QCOMPARE(wizard.currentId(), int(ConnectionPageId));
    QCOMPARE(wizard.state().targetRelease, QStringLiteral("1.3.1"));
    QCOMPARE(wizard.state().distributionRoot, QDir(folder).absolutePath());
}

void TestWizardReleases::targetsBehindTheDatabaseAreNotOffered()
{
    UpgradeWizard wizard(ConnectionSources{});
    // What a tested connection leaves: the database records 1.5.1.
    InspectionReport inspection;
    inspection.openMetadata.present = true;
    inspection.openMetadata.version = QStringLiteral("1.5.1");
    wizard.state().inspection = inspection;
    open(wizard);
    auto* target = findWidget<QComboBox>(&wizard, "targetReleaseCombo");
    QStringList texts;
    for (int i = 0; i < target->count(); ++i)
        texts << target->itemText(i);
    QVERIFY(texts.contains(QStringLiteral("1.5.1")));
    QVERIFY(!texts.contains(QStringLiteral("1.4.8")));
    QVERIFY(!texts.contains(QStringLiteral("1.4.x")));
    QCOMPARE(findWidget<QComboBox>(&wizard, "currentReleaseCombo")->currentText(),
             QStringLiteral("1.5.1"));
    QVERIFY(findWidget<QLabel>(&wizard, "currentReleaseLabel")
                ->text()
                .contains(QStringLiteral("database")));
    // Typed anyway: refused, behind the database.
    target->lineEdit()->selectAll();
    QTest::keyClicks(target->lineEdit(), QStringLiteral("1.3.0"));
    wizard.button(QWizard::NextButton)->click();
    QCOMPARE(wizard.currentId(), int(WelcomePageId));
    QVERIFY(findWidget<QLabel>(&wizard, "welcomeError")
                ->text()
                .contains(QStringLiteral("behind the database")));
}

QTEST_MAIN(TestWizardReleases)
#include "TestWizardReleases.moc"

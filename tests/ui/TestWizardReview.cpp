// Drives the Review page of the real wizard offscreen: a copy of the sample deployment,
// a fixture database on the PostgreSQL test server and the fake search server (answering
// as Elasticsearch 7, too old for 1.2+). Findings appear grouped by severity, the filter
// works, fixes are ticked, previewed and applied, the remaining blocker is acknowledged
// and Next becomes enabled; a scripts folder typed on the page is reviewed too. Set
// OMU_SCREENSHOT_DIR to save a PNG of each state.
#include "connection/ServerInspector.h"
#include "FakeSearchServerProcess.h"
#include "journal/UpgradeJournal.h"
#include "OpenMetadataFixture.h"
#include "TestData.h"
#include "TestServers.h"
#include "UpgradeWizard.h"
#include "WizardPageId.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFrame>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace omu;
using namespace omu::ui;
using omu::test::TestServers;

// Receives the URLs the page asks the desktop to open, instead of a real editor.
class UrlCatcher : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> urls;

public Q_SLOTS:
    void open(const QUrl& url) { urls << url; }
};

class TestWizardReview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void reviewFixAcknowledgeAndMoveOn();
    void readOnlyFileShowsTheErrorAndChangesNothing();
    void scriptsFolderIsReviewed();

private:
    template <typename T> T* find(QWidget* root, const char* name)
    {
        T* widget = root->findChild<T*>(QString::fromLatin1(name));
        if (!widget)
            qFatal("no widget named %s", name);
        return widget;
    }
    void snap(QWidget* widget, const QString& name);
    void prepare(UpgradeWizard& wizard, const QString& deployment);
    bool waitForReview(UpgradeWizard& wizard);
    QTreeWidgetItem* findingItem(QTreeWidget* tree, const QString& id, const QString& file = {});

    QString m_database;
    ConnectionProfile m_profile;
    QTemporaryDir m_dataFolder; // the journal, away from the user's own
    std::optional<InspectionReport> m_inspection;
};

void TestWizardReview::initTestCase()
{
    if (!TestServers::admin(Engine::Postgres))
        QFAIL(qPrintable(TestServers::unavailableMessage(Engine::Postgres)));
    m_database = TestServers::uniqueName(QStringLiteral("omu_wizard_review"));
    QString error;
    QVERIFY2(TestServers::createDatabase(Engine::Postgres, m_database, &error), qPrintable(error));
    m_profile = *TestServers::admin(Engine::Postgres, m_database);
    fixture::FixtureOptions options;
    options.rowsPerEntityTable = 40;
    auto built = fixture::OpenMetadataFixture::build(m_profile, options);
    QVERIFY2(built.ok(), built.ok() ? "" : qPrintable(built.error().toString()));
    auto inspection = ServerInspector::inspect(m_profile);
    QVERIFY(inspection.ok());
    m_inspection = inspection.value();
    QCOMPARE(m_inspection->openMetadata.version, QStringLiteral("1.1.5"));
}

void TestWizardReview::cleanupTestCase()
{
    TestServers::dropDatabase(Engine::Postgres, m_database);
}

void TestWizardReview::snap(QWidget* widget, const QString& name)
{
    const QString folder = qEnvironmentVariable("OMU_SCREENSHOT_DIR");
    if (folder.isEmpty())
        return;
    QDir().mkpath(folder);
    QVERIFY(widget->grab().save(QDir(folder).filePath(name + QStringLiteral(".png"))));
}

void TestWizardReview::prepare(UpgradeWizard& wizard, const QString& deployment)
{
    // What the Welcome and Connection pages would have left in the state.
    wizard.state().sources.configFile = deployment + QStringLiteral("/openmetadata.yaml");
    wizard.state().sources.envFiles = {deployment + QStringLiteral("/docker.env")};
    wizard.state().targetRelease = QStringLiteral("1.3.0");
    wizard.state().testedProfile = m_profile;
    wizard.state().inspection = m_inspection;
    wizard.state().dataFolder = m_dataFolder.path();
    wizard.setStartId(ReviewPageId);
}

bool TestWizardReview::waitForReview(UpgradeWizard& wizard)
{
    auto* progress = find<QProgressBar>(&wizard, "reviewProgress");
    auto* tree = find<QTreeWidget>(&wizard, "findingsTree");
    return QTest::qWaitFor([&] { return !progress->isVisible() && tree->topLevelItemCount() > 0; },
                           60'000);
}

QTreeWidgetItem* TestWizardReview::findingItem(QTreeWidget* tree, const QString& id,
                                               const QString& file)
{
    // Walks the list the way a user would, reading each finding's details; the selection
    // ends on the finding (or goes back to where it was when there is none).
    QTreeWidgetItem* before = tree->currentItem();
    for (QTreeWidgetItemIterator it(tree); *it; ++it) {
        const QString tip = (*it)->toolTip(1);
        if ((*it)->data(0, Qt::UserRole).toString() != QLatin1String("finding"))
            continue;
        tree->setCurrentItem(*it);
        const QString detail = find<QTextBrowser>(tree->window(), "findingDetail")->toPlainText();
        if (detail.contains(id) && (file.isEmpty() || tip.contains(file)))
            return *it;
    }
    tree->setCurrentItem(before);
    return nullptr;
}

void TestWizardReview::reviewFixAcknowledgeAndMoveOn()
{
    QTemporaryDir dir;
    const QString deployment = dir.filePath(QStringLiteral("deployment"));
    QDir().mkpath(deployment);
    for (const char* file : {"openmetadata.yaml", "docker.env"}) {
        const QString target = deployment + QLatin1Char('/') + QLatin1String(file);
        QVERIFY(QFile::copy(
            omu::test::dataPath(QStringLiteral("review/deployment/") + QLatin1String(file)),
            target));
        QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
    }
    const QString workflows = omu::test::dataPath(QStringLiteral("review/deployment/workflows"));
    omu::test::FakeSearchServerProcess fake(QStringLiteral("es7"));
    QVERIFY(fake.isRunning());

    UpgradeWizard wizard(ConnectionSources{});
    prepare(wizard, deployment);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QCOMPARE(wizard.currentId(), int(ReviewPageId));
    QCOMPARE(find<QComboBox>(&wizard, "fromCombo")->currentText(), QStringLiteral("1.1.5"));
    QVERIFY(waitForReview(wizard));
    auto* tree = find<QTreeWidget>(&wizard, "findingsTree");
    auto* next = wizard.button(QWizard::NextButton);
    QVERIFY(!next->isEnabled()); // blockers are open
    QVERIFY(tree->topLevelItem(0)->text(0).startsWith(QLatin1String("Blockers (")));
    // The database was reviewed with the tested connection.
    QVERIFY(findingItem(tree, QStringLiteral("om-1.3.0-alerts-dropped")));
    snap(&wizard, QStringLiteral("review-01-findings"));

    // The workflows and the search engine are chosen on the page; review again.
    find<QLineEdit>(&wizard, "workflowsEdit")->setText(workflows);
    find<QLineEdit>(&wizard, "searchUrlEdit")->setText(fake.url());
    QTest::mouseClick(find<QPushButton>(&wizard, "runReviewButton"), Qt::LeftButton);
    QVERIFY(find<QProgressBar>(&wizard, "reviewProgress")->isVisible());
    QVERIFY(!find<QPushButton>(&wizard, "runReviewButton")->isEnabled());
    QVERIFY(!next->isEnabled());
    snap(&wizard, QStringLiteral("review-02-busy"));
    QVERIFY(waitForReview(wizard));
    QVERIFY(findingItem(tree, QStringLiteral("om-1.2.0-domo-instance-domain")));
    QTreeWidgetItem* search = findingItem(tree, QStringLiteral("om-1.2.0-search-version"));
    QVERIFY(search);
    QVERIFY(find<QTextBrowser>(&wizard, "findingDetail")
                ->toPlainText()
                .contains(QLatin1String("7.16.3")));
    QVERIFY(!(search->flags() & Qt::ItemIsUserCheckable)); // nothing to fix automatically

    // Filter: blockers only.
    auto* filter = find<QComboBox>(&wizard, "severityFilter");
    filter->setCurrentIndex(filter->findData(QStringLiteral("blocker")));
    int visibleFindings = 0;
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        if ((*it)->data(0, Qt::UserRole).toString() == QLatin1String("finding") &&
            !(*it)->isHidden()) {
            ++visibleFindings;
            QCOMPARE((*it)->parent()->parent()->text(0).left(8), QStringLiteral("Blockers"));
        }
    QCOMPARE(visibleFindings, 4); // logo, login, secrets manager, search engine
    snap(&wizard, QStringLiteral("review-03-blockers-filter"));

    // Tick the blockers that have a fix, preview, apply.
    QTreeWidgetItem* noop = findingItem(tree, QStringLiteral("om-1.3.0-secrets-manager-noop"));
    QVERIFY(noop && (noop->flags() & Qt::ItemIsUserCheckable));
    noop->setCheckState(0, Qt::Checked);
    for (QTreeWidgetItemIterator it(tree); *it; ++it) {
        tree->setCurrentItem(*it);
        if (find<QTextBrowser>(&wizard, "findingDetail")
                ->toPlainText()
                .contains(QLatin1String("om-1.2.1-logo-login-config")))
            (*it)->setCheckState(0, Qt::Checked);
    }
    auto* preview = find<QPlainTextEdit>(&wizard, "diffPreview");
    QVERIFY(preview->toPlainText().contains(
        QLatin1String("-  secretsManager: ${SECRET_MANAGER:-noop}")));
    QVERIFY(
        preview->toPlainText().contains(QLatin1String("+  secretsManager: ${SECRET_MANAGER:-db}")));
    QVERIFY(preview->toPlainText().contains(QLatin1String("-applicationConfig:")));
    auto* tabs = find<QTabWidget>(&wizard, "detailTabs");
    tabs->setCurrentIndex(1);
    QCOMPARE(tabs->tabText(1), QStringLiteral("Fix preview (3)"));
    // Nothing is written before Apply.
    QVERIFY(QFile(deployment + "/openmetadata.yaml").open(QIODevice::ReadOnly));
    snap(&wizard, QStringLiteral("review-04-fix-preview"));
    auto* apply = find<QPushButton>(&wizard, "applyFixesButton");
    QVERIFY(apply->isEnabled());
    QTest::mouseClick(apply, Qt::LeftButton);
    QCOMPARE(find<QFrame>(&wizard, "reviewBanner")->property("state").toString(),
             QStringLiteral("ok"));
    QVERIFY(waitForReview(wizard));
    QFile fixed(deployment + "/openmetadata.yaml");
    QVERIFY(fixed.open(QIODevice::ReadOnly));
    const QByteArray content = fixed.readAll();
    QVERIFY(content.contains("secretsManager: ${SECRET_MANAGER:-db} # Possible values"));
    QVERIFY(!content.contains("applicationConfig"));
    QVERIFY(content.contains("# Database configuration: the values come from docker/env-mysql."));
    QCOMPARE(QDir(deployment).entryList({QStringLiteral("openmetadata.yaml.bak-*")}).size(), 1);
    QVERIFY(!findingItem(tree, QStringLiteral("om-1.3.0-secrets-manager-noop"),
                         QStringLiteral("openmetadata.yaml")));
    QVERIFY(!next->isEnabled()); // the search engine blocker is still open
    tabs->setCurrentIndex(0);
    snap(&wizard, QStringLiteral("review-05-after-fix"));

    // The file of a finding opens through the desktop.
    UrlCatcher catcher;
    QDesktopServices::setUrlHandler(QStringLiteral("file"), &catcher, "open");
    QVERIFY(findingItem(tree, QStringLiteral("om-1.1.2-search-type"),
                        QStringLiteral("openmetadata.yaml")) ||
            findingItem(tree, QStringLiteral("om-1.2.0-db-use-ssl"), QStringLiteral("docker.env")));
    auto* open = find<QPushButton>(&wizard, "openFileButton");
    QVERIFY(open->isEnabled());
    QTest::mouseClick(open, Qt::LeftButton);
    QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
    QCOMPARE(catcher.urls.size(), 1);
    QVERIFY(catcher.urls.first().isLocalFile());
    QVERIFY(catcher.urls.first().toLocalFile().startsWith(deployment));
    QVERIFY(catcher.urls.first().fragment().startsWith(QLatin1String("L")));

    // Acknowledge the remaining blocker: Next becomes enabled.
    filter->setCurrentIndex(filter->findData(QStringLiteral("blocker")));
    search = findingItem(tree, QStringLiteral("om-1.2.0-search-version"));
    QVERIFY(search);
    auto* acknowledge = find<QCheckBox>(&wizard, "acknowledgeCheck");
    QVERIFY(acknowledge->isVisible() && acknowledge->isEnabled());
    QTest::mouseClick(acknowledge, Qt::LeftButton, {}, QPoint(8, acknowledge->height() / 2));
    QVERIFY(acknowledge->isChecked());
    QVERIFY(search->text(0).startsWith(QStringLiteral("\u2713 ")));
    QVERIFY(search->toolTip(0).startsWith(QLatin1String("Acknowledged.")));
    QVERIFY(next->isEnabled());
    QVERIFY(find<QLabel>(&wizard, "reviewSummary")
                ->text()
                .contains(QLatin1String("1 blocker (acknowledged)")));
    snap(&wizard, QStringLiteral("review-06-acknowledged"));
    // Un-ticking it blocks again.
    QTest::mouseClick(acknowledge, Qt::LeftButton, {}, QPoint(8, acknowledge->height() / 2));
    QVERIFY(!next->isEnabled());
    QTest::mouseClick(acknowledge, Qt::LeftButton, {}, QPoint(8, acknowledge->height() / 2));
    next->click();
    QCOMPARE(wizard.currentId(), int(MigrationPageId));
    // Leaving the page records the outcome the migration's gate reads.
    const auto completed = UpgradeJournal::forDeployment(m_profile, m_dataFolder.path())
                               .latest(QStringLiteral("review"), QStringLiteral("completed"));
    QVERIFY(completed);
    QCOMPARE(completed->data.value(QStringLiteral("blockers")).toInt(), 0);
    QVERIFY(completed->data.value(QStringLiteral("acknowledged"))
                .toArray()
                .contains(QStringLiteral("om-1.2.0-search-version")));
}

void TestWizardReview::readOnlyFileShowsTheErrorAndChangesNothing()
{
    QTemporaryDir dir;
    const QString deployment = dir.filePath(QStringLiteral("deployment"));
    QDir().mkpath(deployment);
    const QString config = deployment + QStringLiteral("/openmetadata.yaml");
    QVERIFY(QFile::copy(omu::test::dataPath(QStringLiteral("review/deployment/openmetadata.yaml")),
                        config));
    QVERIFY(QFile::copy(omu::test::dataPath(QStringLiteral("review/deployment/docker.env")),
                        deployment + QStringLiteral("/docker.env")));
    QFile::setPermissions(config, QFile::ReadOwner | QFile::WriteOwner);
    QFile original(config);
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray before = original.readAll();

    UpgradeWizard wizard(ConnectionSources{});
    prepare(wizard, deployment);
    wizard.show();
    QVERIFY(waitForReview(wizard));
    auto* tree = find<QTreeWidget>(&wizard, "findingsTree");
    QTreeWidgetItem* noop = findingItem(tree, QStringLiteral("om-1.3.0-secrets-manager-noop"));
    QVERIFY(noop);
    noop->setCheckState(0, Qt::Checked);
    QFile::setPermissions(config, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
    find<QTabWidget>(&wizard, "detailTabs")->setCurrentIndex(1);
    QTest::mouseClick(find<QPushButton>(&wizard, "applyFixesButton"), Qt::LeftButton);
    auto* banner = find<QFrame>(&wizard, "reviewBanner");
    QCOMPARE(banner->property("state").toString(), QStringLiteral("failed"));
    const QString text = find<QLabel>(&wizard, "reviewBannerLabel")->text();
    QVERIFY2(text.contains(QLatin1String("read-only")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("chmod")));
    snap(&wizard, QStringLiteral("review-07-read-only"));
    QFile after(config);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), before);
    QCOMPARE(QDir(deployment).entryList({QStringLiteral("openmetadata.yaml.bak-*")}).size(), 0);
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
}

void TestWizardReview::scriptsFolderIsReviewed()
{
    // The 1.13-era sample's scripts for a step to 2.0.10: its crontab's `metadata backup`
    // is found, with the file and line in the detail.
    QTemporaryDir dir;
    const QString deployment = dir.filePath(QStringLiteral("deployment"));
    QDir().mkpath(deployment);
    for (const char* file : {"openmetadata.yaml", "docker.env"})
        QVERIFY(QFile::copy(
            omu::test::dataPath(QStringLiteral("review/deployment-1.13/") + QLatin1String(file)),
            deployment + QLatin1Char('/') + QLatin1String(file)));
    UpgradeWizard wizard(ConnectionSources{});
    prepare(wizard, deployment);
    wizard.state().targetRelease = QStringLiteral("2.0.10");
    wizard.resize(1024, 768);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QVERIFY(waitForReview(wizard));
    auto* tree = find<QTreeWidget>(&wizard, "findingsTree");
    QVERIFY(!findingItem(tree, QStringLiteral("om-1.4.0-metadata-backup-cli")));

    auto* scripts = find<QLineEdit>(&wizard, "scriptsEdit");
    QVERIFY(scripts->isVisible());
    QTest::keyClicks(scripts,
                     omu::test::dataPath(QStringLiteral("review/deployment-1.13/scripts")));
    QTest::mouseClick(find<QPushButton>(&wizard, "runReviewButton"), Qt::LeftButton);
    QVERIFY(waitForReview(wizard));
    QVERIFY(findingItem(tree, QStringLiteral("om-1.4.0-metadata-backup-cli"),
                        QStringLiteral("crontab")));
    const QString detail = find<QTextBrowser>(&wizard, "findingDetail")->toPlainText();
    QVERIFY2(detail.contains(QLatin1String("runs `metadata backup`")), qPrintable(detail));
    QVERIFY(findingItem(tree, QStringLiteral("om-1.5.1-bootstrap-storage-removed")));
    snap(&wizard, QStringLiteral("review-08-scripts"));

    // A folder that does not exist is shown as an input that could not be read.
    scripts->setText(dir.filePath(QStringLiteral("missing")));
    QTest::mouseClick(find<QPushButton>(&wizard, "runReviewButton"), Qt::LeftButton);
    QVERIFY(waitForReview(wizard));
    QVERIFY(!findingItem(tree, QStringLiteral("om-1.4.0-metadata-backup-cli")));
    bool problemShown = false;
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        if ((*it)->text(0).contains(QLatin1String("scripts folder"))) {
            problemShown = true;
            tree->setCurrentItem(*it);
            tree->scrollToItem(*it);
        }
    QVERIFY(problemShown);
    snap(&wizard, QStringLiteral("review-09-scripts-missing"));
}

QTEST_MAIN(TestWizardReview)
#include "TestWizardReview.moc"

// The Way back panel in the real wizard: a migration of the FAKE release dies mid-version on
// the Migration page, "Roll back to 1.1.5" is offered, confirmed on the panel, runs with its
// steps shown, and ends verified with the database back at 1.1.5; on After it is offered
// whenever the backup can roll back. Both engines, real servers.
#include "backup/BackupRecorder.h"
#include "backup/BackupWriter.h"
#include "connection/ServerInspector.h"
#include "EngineRows.h"
#include "FakeDistribution.h"
#include "FixtureDatabases.h"
#include "GuiTestSupport.h"
#include "journal/UpgradeJournal.h"
#include "MigrationPageDriver.h"
#include "TestServers.h"
#include "UpgradeWizard.h"
#include "WizardPageId.h"

#include <QCheckBox>
#include <QFrame>
#include <QGroupBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace omu;
using namespace omu::ui;
using omu::test::findWidget;
using omu::test::TestServers;

class TestWizardRollback : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void failedMigrationIsRolledBackFromTheMigrationPage_data() { omu::test::addEngineRows(); }
    void failedMigrationIsRolledBackFromTheMigrationPage();

private:
    // Rows of a table OpenMetadata names in upper case on MySQL, lower case on PostgreSQL.
    int rows(Engine engine, const QString& database, const QString& table)
    {
        int count = -1;
        QSqlDatabase db = TestServers::open(engine, database);
        {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT COUNT(*) FROM %1")
                               .arg(engine == Engine::MySql ? table.toUpper() : table.toLower())) &&
                query.next())
                count = query.value(0).toInt();
        }
        const QString name = db.connectionName();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return count;
    }
    QString version(Engine engine, const QString& database)
    {
        QSqlDatabase db = TestServers::open(engine, database);
        QString highest;
        {
            QSqlQuery query(db);
            query.exec(engine == Engine::MySql
                           ? QStringLiteral("SELECT MAX(version) FROM SERVER_CHANGE_LOG")
                           : QStringLiteral("SELECT MAX(version) FROM server_change_log"));
            if (query.next())
                highest = query.value(0).toString();
        }
        const QString name = db.connectionName();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return highest;
    }
    void snap(QWidget* widget, const QString& name)
    {
        QVERIFY(omu::test::saveScreenshot(widget, name));
    }

    QTemporaryDir m_dir;
    QString m_release;
    omu::test::FixtureDatabases m_databases;
};

void TestWizardRollback::initTestCase()
{
    for (const Engine engine : {Engine::MySql, Engine::Postgres})
        if (!TestServers::admin(engine))
            QFAIL(qPrintable(TestServers::unavailableMessage(engine)));
    m_release = m_dir.filePath(QStringLiteral("openmetadata-1.3.0"));
    QString error;
    QVERIFY2(omu::test::FakeDistribution::assemble(QStringLiteral("1.3.0"), m_release, &error),
             qPrintable(error));
}

void TestWizardRollback::failedMigrationIsRolledBackFromTheMigrationPage()
{
    QFETCH(Engine, engine);
    const QString tag = engineName(engine);
    const QString database = m_databases.create(engine, QStringLiteral("omu_ui_rb"), 6);
    const auto profile = *TestServers::admin(engine, database);
    const QString dataFolder = m_dir.filePath(QStringLiteral("data-") + tag);
    const QString backupFolder = m_dir.filePath(QStringLiteral("backup-") + tag);
    QVERIFY(QDir().mkpath(backupFolder));

    // What the Backup, Tuning and Review pages leave behind: a verified backup (ours, with
    // its schema), tuning skipped, a review without blockers.
    BackupOptions backupOptions;
    backupOptions.folder = backupFolder;
    const BackupOutcome backup = BackupWriter::run(profile, backupOptions);
    QVERIFY2(backup.ending == Ending::Succeeded, qPrintable(backup.error.toString()));
    QVERIFY(BackupRecorder(profile, dataFolder)
                .verified(backup.file, backup.manifest, false, QStringLiteral("wizard"))
                .ok());
    UpgradeJournal journal = UpgradeJournal::forDeployment(profile, dataFolder);
    QVERIFY(journal
                .append(QStringLiteral("tuning"), QStringLiteral("skipped"),
                        {{QStringLiteral("reason"), QStringLiteral("set by the DBA")}})
                .ok());
    QVERIFY(journal
                .append(QStringLiteral("review"), QStringLiteral("completed"),
                        {{QStringLiteral("blockers"), 0}})
                .ok());

    UpgradeWizard wizard(ConnectionSources{});
    wizard.state().testedProfile = profile;
    const auto inspection = ServerInspector::inspect(profile);
    QVERIFY(inspection.ok());
    wizard.state().inspection = inspection.value();
    wizard.state().dataFolder = dataFolder;
    wizard.state().targetRelease = QStringLiteral("1.3.0");
    wizard.setStartId(MigrationPageId);
    wizard.resize(1024, 768);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    auto* panel = findWidget<QGroupBox>(&wizard, "rollbackPanel");
    QVERIFY(!panel->isVisible()); // nothing failed yet

    const int sqlLogsBefore = rows(engine, database, QStringLiteral("server_migration_sql_logs"));
    QVERIFY(sqlLogsBefore >= 0);
    qputenv("OMU_FAKE_OM_FAIL", "die-mid-version");
    omu::test::readyMigrationRun(&wizard, m_release);
    // The commit point asks first, and names the way back this backup allows.
    const auto asked = omu::test::runAndConfirm(&wizard);
    QVERIFY2(asked->text.contains(QStringLiteral("omupgrade rollback --input ") + backup.file),
             qPrintable(asked->text));
    QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), 120'000);
    qunsetenv("OMU_FAKE_OM_FAIL");
    // Partly applied: the tool logged a statement of the first version, then died.
    QVERIFY(rows(engine, database, QStringLiteral("server_migration_sql_logs")) > sqlLogsBefore);
    QTRY_COMPARE(findWidget<QFrame>(&wizard, "migrationStatusFrame")->property("state").toString(),
                 QStringLiteral("failed"));
    auto* scroll = wizard.currentPage()->findChild<QScrollArea*>();
    QVERIFY(scroll);
    auto* button = findWidget<QPushButton>(&wizard, "rollbackButton");
    QVERIFY(button->isVisible());
    QCOMPARE(button->text().remove(QLatin1Char('&')), QStringLiteral("Roll back to 1.1.5"));
    scroll->ensureWidgetVisible(panel);
    snap(&wizard, QStringLiteral("rollback-1-offer-") + tag);

    QTest::mouseClick(button, Qt::LeftButton);
    auto* confirm = findWidget<QPushButton>(&wizard, "rollbackConfirmButton");
    QVERIFY(confirm->isVisible());
    QVERIFY(findWidget<QCheckBox>(&wizard, "rollbackKeepFailed")->isChecked());
    auto* text = findWidget<QLabel>(&wizard, "rollbackText");
    QVERIFY2(text->text().contains(QStringLiteral("Replace")), qPrintable(text->text()));
    // The panel brings the confirmation into view itself.
    QTRY_VERIFY(!confirm->visibleRegion().isEmpty());
    snap(&wizard, QStringLiteral("rollback-2-confirm-") + tag);

    // No server answers on the URL the Migration page checked; the rollback checks it too.
    // Parts of a few lines make the small fixture load long enough to be watched.
    qputenv("OMU_TEST_ROLLBACK_PART_BYTES", "200");
    auto* bar = findWidget<QProgressBar>(&wizard, "rollbackProgress");
    // Every value the bar takes (labels can change twice between two looks at them).
    QList<QPair<int, int>> shown; // value, maximum
    connect(bar, &QProgressBar::valueChanged, bar,
            [&shown, bar](int value) { shown << qMakePair(value, bar->maximum()); });
    QTest::mouseClick(confirm, Qt::LeftButton);
    QVERIFY(bar->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(
        !findWidget<QLabel>(&wizard, "rollbackStep")->text().startsWith(QStringLiteral("Starting")),
        30'000);
    scroll->ensureWidgetVisible(panel);
    snap(&wizard, QStringLiteral("rollback-3-progress-") + tag);

    auto* frame = findWidget<QFrame>(&wizard, "rollbackBanner");
    QTRY_VERIFY_WITH_TIMEOUT(frame->property("state").toString() != QLatin1String("busy"), 180'000);
    QVERIFY2(frame->property("state").toString() == QLatin1String("ok"), qPrintable(text->text()));
    QVERIFY(text->text().contains(QStringLiteral("verified")));
    QVERIFY(text->text().contains(QStringLiteral("_omu_failed_")));
    QVERIFY(!findWidget<QProgressBar>(&wizard, "rollbackProgress")->isVisible());
    qunsetenv("OMU_TEST_ROLLBACK_PART_BYTES");
    // While the rows loaded the bar said how far along they were, up to all of them.
    QVERIFY2(shown.contains(qMakePair(100, 100)), qPrintable(QDebug::toString(shown)));
    QCOMPARE(version(engine, database), QStringLiteral("1.1.5"));
    QCOMPARE(rows(engine, database, QStringLiteral("server_migration_sql_logs")), sqlLogsBefore);
    // The page's own result no longer shows the failure as current: the run starts afresh.
    const QString status = findWidget<QLabel>(&wizard, "migrationStatus")->text();
    QVERIFY2(status.contains(QStringLiteral("Rolled back to 1.1.5")), qPrintable(status));
    auto* versions = findWidget<QTreeWidget>(&wizard, "versionsTree");
    QVERIFY(versions->topLevelItemCount() > 0);
    for (int i = 0; i < versions->topLevelItemCount(); ++i)
        QCOMPARE(versions->topLevelItem(i)->text(1), QStringLiteral("waiting"));
    QCOMPARE(
        findWidget<QPushButton>(&wizard, "runMigrationButton")->text().remove(QLatin1Char('&')),
        QStringLiteral("Run migration"));
    scroll->ensureWidgetVisible(panel);
    snap(&wizard, QStringLiteral("rollback-4-verified-") + tag);

    // The kept failed state goes with the test's database.
    const QString kept =
        text->text().section(QStringLiteral("<b>"), 2, 2).section(QStringLiteral("</b>"), 0, 0);
    if (engine == Engine::MySql && kept.contains(QStringLiteral("_omu_failed_")))
        TestServers::dropDatabase(engine, kept);
}

QTEST_MAIN(TestWizardRollback)
#include "TestWizardRollback.moc"

#pragma once

// Drives the Migration page the way a user readies a run: the server URL checked (a port
// nothing listens on, so the server counts as stopped), the release folder typed, Check
// pressed, then waits until Run is enabled. Shared by the GUI tests that reach that page.
#include "connection/ServerInspector.h"
#include "GuiTestSupport.h"
#include "journal/UpgradeJournal.h"
#include "TestServers.h"
#include "tuning/SortMemoryTuner.h"
#include "UpgradeWizard.h"

#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTcpServer>
#include <QTest>

namespace omu::test {

// What the Backup, Tuning and Review pages leave in the journal before a migration: a
// verified backup, the tuning applied (through the real tuner) or skipped, a review.
// "" when all was written, else what failed.
inline QString journalBeforeMigration(Engine engine, const QString& database,
                                      const QString& dataFolder, bool applyTuning)
{
    const auto profile = *TestServers::admin(engine, database);
    UpgradeJournal journal = UpgradeJournal::forDeployment(profile, dataFolder);
    if (!journal
             .append(QStringLiteral("backup"), QStringLiteral("verified"),
                     {{QStringLiteral("file"), QStringLiteral("/backups/openmetadata_backup.sql")},
                      {QStringLiteral("sha256"), QStringLiteral("5eed")},
                      {QStringLiteral("openMetadataVersion"), QStringLiteral("1.1.5")}})
             .ok())
        return QStringLiteral("cannot write the journal");
    if (applyTuning) {
        const auto applied = SortMemoryTuner(profile, dataFolder).apply(qint64(20) * 1024 * 1024);
        if (!applied.ok())
            return applied.error().toString();
    } else if (!journal
                    .append(QStringLiteral("tuning"), QStringLiteral("skipped"),
                            {{QStringLiteral("reason"), QStringLiteral("set by the DBA")}})
                    .ok()) {
        return QStringLiteral("cannot write the journal");
    }
    if (!journal
             .append(QStringLiteral("review"), QStringLiteral("completed"),
                     {{QStringLiteral("blockers"), 0}})
             .ok())
        return QStringLiteral("cannot write the journal");
    return {};
}

// The state the Welcome and Connection pages leave behind; "" when the database was read.
inline QString prepareWizardState(ui::UpgradeWizard& wizard, Engine engine, const QString& database,
                                  const QString& dataFolder)
{
    const auto profile = *TestServers::admin(engine, database);
    wizard.state().testedProfile = profile;
    const auto inspection = ServerInspector::inspect(profile);
    if (!inspection.ok())
        return QStringLiteral("cannot inspect %1").arg(database);
    wizard.state().inspection = inspection.value();
    wizard.state().dataFolder = dataFolder;
    wizard.state().targetRelease = QStringLiteral("1.3.0");
    return {};
}

// A loopback URL nothing answers on.
inline QString closedPortUrl()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return QStringLiteral("http://127.0.0.1:%1").arg(port);
}

// Checks a server that does not answer, types the release folder and presses Check.
inline void checkServerAndRelease(QWidget* wizard, const QString& release)
{
    findWidget<QLineEdit>(wizard, "serverUrlEdit")->setText(closedPortUrl());
    QTest::mouseClick(findWidget<QPushButton>(wizard, "checkServerButton"), Qt::LeftButton);
    auto* distribution = findWidget<QLineEdit>(wizard, "distributionEdit");
    if (distribution->text() != release) {
        distribution->clear();
        QTest::keyClicks(distribution, release);
    }
    QTest::mouseClick(findWidget<QPushButton>(wizard, "planMigrationButton"), Qt::LeftButton);
}

// The same, then waits until Run is enabled.
inline void readyMigrationRun(QWidget* wizard, const QString& release)
{
    checkServerAndRelease(wizard, release);
    auto* run = findWidget<QPushButton>(wizard, "runMigrationButton");
    QTRY_VERIFY2_WITH_TIMEOUT(run->isEnabled(),
                              qPrintable(findWidget<QLabel>(wizard, "gateLabel")->text() +
                                         findWidget<QLabel>(wizard, "migrationPlanLabel")->text()),
                              30'000);
}

// Presses Run and confirms the commit point's question; returns what the question said.
inline std::shared_ptr<DialogSeen> runAndConfirm(QWidget* wizard)
{
    auto seen = answerNextDialog("confirmRunButton");
    QTest::mouseClick(findWidget<QPushButton>(wizard, "runMigrationButton"), Qt::LeftButton);
    return seen;
}

} // namespace omu::test

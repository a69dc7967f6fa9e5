#pragma once

// Drives the Migration page the way a user readies a run: the server URL checked (a port
// nothing listens on, so the server counts as stopped), the release folder typed, Check
// pressed, then waits until Run is enabled. Shared by the GUI tests that reach that page.
#include "GuiTestSupport.h"

#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTcpServer>
#include <QTest>

namespace omu::test {

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

} // namespace omu::test

// omupgrade: with no command, the upgrade wizard; with a command, that step headless.
#include "cli/CommandLine.h"
#include "cli/DisplayCheck.h"

#include "UpgradeWizard.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char* argv[])
{
    if (omu::cli::CommandLine::wantsCommandLine(argc, argv)) {
        QCoreApplication app(argc, argv);
        omu::cli::CommandLine::setApplicationInfo();
        return omu::cli::CommandLine::run(app.arguments());
    }

    // Before QApplication, which aborts without a display.
    if (const auto message = omu::cli::DisplayCheck::missingDisplay()) {
        std::fputs(message->toLocal8Bit().constData(), stderr);
        return omu::cli::ExitFailed;
    }
    QApplication app(argc, argv);
    omu::cli::CommandLine::setApplicationInfo();
    QString releaseFolder;
    auto sources = omu::cli::CommandLine::sourcesForWizard(app.arguments(), &releaseFolder);
    if (!sources)
        return omu::cli::ExitBadUsage;
    omu::ui::UpgradeWizard wizard(*sources);
    if (!releaseFolder.isEmpty())
        wizard.setReleaseFolder(releaseFolder);
    wizard.show();
    return app.exec();
}

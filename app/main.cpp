// omupgrade: with no command, the upgrade wizard; with a command, that step headless.
#include "cli/CommandLine.h"

#include "UpgradeWizard.h"

#include <QApplication>
#include <QCoreApplication>

int main(int argc, char* argv[])
{
    if (omu::cli::CommandLine::wantsCommandLine(argc, argv)) {
        QCoreApplication app(argc, argv);
        omu::cli::CommandLine::setApplicationInfo();
        return omu::cli::CommandLine::run(app.arguments());
    }

    QApplication app(argc, argv);
    omu::cli::CommandLine::setApplicationInfo();
    auto sources = omu::cli::CommandLine::sourcesForWizard(app.arguments());
    if (!sources)
        return omu::cli::ExitBadUsage;
    omu::ui::UpgradeWizard wizard(*sources);
    wizard.show();
    return app.exec();
}

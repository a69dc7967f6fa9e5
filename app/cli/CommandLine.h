#pragma once

#include "connection/ConnectionResolver.h"
#include "ExitCode.h"

#include <QStringList>

#include <optional>

namespace omu::cli {

// Decides between the wizard and a headless command, and runs the command.
class CommandLine
{
public:
    // True when argv names a command, --help or --version (or something unknown, so that
    // the error is printed rather than a window opened).
    static bool wantsCommandLine(int argc, char* argv[]);
    static void setApplicationInfo();
    static int run(const QStringList& arguments);
    // The connection options given to the wizard (omupgrade --config F ...), to prefill it;
    // `releaseFolder` gets its --distribution DIR (the release to migrate to).
    static std::optional<ConnectionSources> sourcesForWizard(const QStringList& arguments,
                                                             QString* releaseFolder = nullptr);

    static QString helpText();
};

} // namespace omu::cli

#pragma once

#include "Command.h"

namespace omu::cli {

// `omupgrade migrate --distribution DIR [--mode bare|docker|kubernetes] [--force] ...`:
// plans, checks the gate (verified backup, tuning, no open blocker, server stopped),
// shows the exact command, runs the release's own tool with its log on stderr, confirms
// progress in the database, recognises the known failures and says what to do next.
// Every step goes to the deployment's journal. Ctrl-C cancels and explains the state.
// Exit 0 migrated (or nothing to do), 2 refused, failed or cancelled, 64 bad usage.
class MigrateCommand
{
public:
    static void addOptions(QCommandLineParser& parser);
    static int run(const CommandContext& context);
};

} // namespace omu::cli

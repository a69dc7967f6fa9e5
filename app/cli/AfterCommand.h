#pragma once

#include "Command.h"

namespace omu::cli {

// `omupgrade after [--to VER] [--workflows DIR] [--server-url URL] [--output DIR]`: the
// After step headless. Checks that SERVER_CHANGE_LOG records the target (default: the
// journal's last migration target), puts the tuning back once it does, asks the new server
// its version when --server-url is given, prints the ingestion client's pip lines and
// writes the report; each step recorded in the journal as the wizard's After page does.
// JSON: {"target", "database", "tuning", "server", "ingestion", "report"}.
// Exit 0 all done, 1 done with warnings (the server is not the target yet), 2 the database
// does not hold the target or a step failed, 64 bad usage.
class AfterCommand
{
public:
    static void addOptions(QCommandLineParser& parser);
    static int run(const CommandContext& context);
};

} // namespace omu::cli

#pragma once

#include "Command.h"

namespace omu::cli {

// `omupgrade plan --distribution DIR [--sql] [--json]`: what the release's migration would
// run on this database — pending Flyway scripts, then each pending native version with
// its statements not yet in SERVER_MIGRATION_SQL_LOGS. Exit 0 (whether or not anything is
// pending), 2 when the release is older than the database, does not fit its engine, or
// cannot be read.
class PlanCommand
{
public:
    static void addOptions(QCommandLineParser& parser);
    static int run(const CommandContext& context);
};

} // namespace omu::cli

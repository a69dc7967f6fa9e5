#pragma once

#include "Command.h"

namespace omu::cli {

// `omupgrade tune show|apply|revert [--value SIZE] [--scope auto|database|role] [--force]
// [--data-folder DIR] [--json]`: sort_buffer_size / work_mem, where it comes from, the
// recommendation, what this user may do, the snippets; apply and revert verified through
// a new connection. Exit 0 done, 1 warnings (show: below the recommendation, a change
// still to revert, or no right to change it), 2 refused or failed, 64 bad usage
// (including a size that cannot be used).
class TuneCommand
{
public:
    static void addOptions(QCommandLineParser& parser);
    static int run(const CommandContext& context);
};

} // namespace omu::cli

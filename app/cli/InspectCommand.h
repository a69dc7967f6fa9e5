#pragma once

#include "Command.h"

namespace omu::cli {

// `omupgrade inspect`: the resolved connection (password as ***), then, if the server
// answers, what the Connection page shows. Exit 0 fine, 1 warnings, 2 unreachable or not
// an OpenMetadata database.
class InspectCommand
{
public:
    static int run(const CommandContext& context);
};

} // namespace omu::cli

#pragma once

namespace omu::cli {

// The design's exit codes, the same for every command.
enum ExitCode : int
{
    ExitOk = 0,        // done, nothing found
    ExitWarnings = 1,  // done, with warnings only
    ExitFailed = 2,    // blocking problems or a failed operation
    ExitBadUsage = 64, // the command line itself is wrong (EX_USAGE)
};

} // namespace omu::cli

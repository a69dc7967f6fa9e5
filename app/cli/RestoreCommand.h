#pragma once

#include "Command.h"

namespace omu::cli {

// `omupgrade restore --input FILE --yes [--force] [--continue-on-error] [--json]`: replays
// a backup (ours, or one from OpenMetadata's own `metadata backup`) into the database.
// Refuses a file that fails its manifest or a database at another OpenMetadata version
// unless --force; stops at the first failing line unless --continue-on-error. JSON:
// {"file", "database", "statements", "rows", "failed", "failures", "verified",
// "backupVersion", "databaseVersion", "notes", "seconds"}. Exit 0 restored, 1 restored
// with warnings (an unverifiable file), 2 refused, failed or cancelled, 64 bad usage
// (including a missing --yes).
class RestoreCommand
{
public:
    static void addOptions(QCommandLineParser& parser);
    static int run(const CommandContext& context);
};

} // namespace omu::cli

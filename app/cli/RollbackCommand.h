#pragma once

#include "backup/BackupProgress.h"
#include "Command.h"

#include <QTextStream>

namespace omu::cli {

// `omupgrade rollback --input FILE --yes [--keep-failed] [--server-url URL]
// [--server-stopped] [--keep-tuning] [--json]`: puts the database back exactly as the
// backup found it (schema, every table including the history tables, sequences, character
// sets), verified, and the tuning back. JSON: {"file", "database", "ending", "verified",
// "changed", "resumed", "to", "from", "failedKeptAs", "tuning", "notes", "problems",
// "seconds"}. Exit 0 rolled back and verified, 1 with warnings, 2 refused or failed (the
// message says whether the database changed), 64 bad usage (including a missing --yes).
class RollbackCommand
{
public:
    static void addOptions(QCommandLineParser& parser);
    static int run(const CommandContext& context);
    // Prints the steps of a rollback or a restore into a new database on stderr.
    static ProgressCallback stepPrinter(QTextStream& err);
};

} // namespace omu::cli

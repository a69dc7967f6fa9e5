#pragma once

#include "backup/BackupProgress.h"
#include "Command.h"
#include "connection/ConnectionProfile.h"

#include <QTextStream>

#include <optional>

namespace omu::cli {

// `omupgrade backup --output DIR [--filename NAME] [--json]`: the backup file in the format
// of OpenMetadata's `metadata backup` and its manifest beside it, then the file read back
// against the manifest (quick verify) and, when it matches, recorded in the journal as the
// verified backup the migration gate asks for. Progress on stderr; Ctrl-C cancels and
// leaves nothing that looks complete. JSON: {"file", "manifest", "tables", "rows", "bytes",
// "sha256", "seconds", "verified", "verifySeconds", "engine", "openMetadataVersion",
// "notes"}. Exit 0 written and verified, 2 failed, cancelled or not verified, 64 bad usage.
class BackupCommand
{
public:
    static void addOptions(QCommandLineParser& parser);
    static int run(const CommandContext& context);

    // Shared with verify and restore. Prints progress to stderr: a line that updates in place on a
    // terminal, otherwise a line every few seconds and at every table.
    static ProgressCallback progressPrinter(QTextStream& err);
    // Large buffers (statements, rows of a few MB) go back to the system when freed instead
    // of staying in the heap, so peak memory stays flat however big the database is.
    static void keepMemoryFlat();
};

} // namespace omu::cli

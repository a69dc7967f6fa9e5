#pragma once

#include "backup/BackupProgress.h"
#include "backup/CancelToken.h"
#include "backup/SessionWatchdog.h"
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

    // Shared with verify and restore.
    static std::optional<ConnectionProfile> resolveProfile(const CommandContext& context,
                                                           QTextStream& err);
    // Ctrl-C (SIGINT) and SIGTERM cancel `token`; a second Ctrl-C ends the process, and so
    // does the first if the work has not ended two seconds later (a connection attempt to
    // a frozen server, say): nothing complete-looking is left either way.
    static void cancelOnInterrupt(const CancelToken& token);
    // --lock-timeout and --stall-timeout, shared with verify and restore.
    static void addWaitOptions(QCommandLineParser& parser);
    // Their values; nullopt (after saying why on `err`) when one is not a number of seconds.
    static std::optional<WaitLimits> waitLimits(const CommandContext& context, QTextStream& err);
    // Prints progress to stderr: a line that updates in place on a terminal, otherwise a
    // line every few seconds and at every table.
    static ProgressCallback progressPrinter(QTextStream& err);
    static QJsonObject errorJson(const Error& error);
    // Large buffers (statements, rows of a few MB) go back to the system when freed instead
    // of staying in the heap, so peak memory stays flat however big the database is.
    static void keepMemoryFlat();
};

} // namespace omu::cli

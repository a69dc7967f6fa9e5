#pragma once

#include "Command.h"

namespace omu::cli {

// `omupgrade verify --input FILE [--scratch-database NAME | --deep] [--json]`: the file
// against its manifest (hashes, per-table line counts, last line intact); with a scratch
// database (a schema on PostgreSQL) or --deep, also replays it into a scratch copy of the
// tables and compares. Only the deep check connects. JSON: {"file", "manifest", "verified",
// "deep", "tables", "rows", "bytes", "sha256", "problems", "notes", "seconds"}. Exit 0
// verified, 1 no manifest (well formed, but nothing to verify against), 2 problems found
// or the check failed, 64 bad usage.
class VerifyCommand
{
public:
    static void addOptions(QCommandLineParser& parser);
    static int run(const CommandContext& context);
};

} // namespace omu::cli

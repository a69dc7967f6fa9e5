#pragma once

#include "Command.h"

namespace omu::cli {

// `omupgrade path --from VER --to VER [--json]`: the upgrade path — the hops, why each
// ends where it does (a required stop, or a change of migration tool, Java, search
// engine, database minimum, ...) and what changes on each, then what the target needs.
// Exit 0; 64 for an unknown release (the nearest known ones are named) or a target behind
// --from; 2 when a gate cannot be passed with the known releases.
class PathCommand
{
public:
    static void addOptions(QCommandLineParser& parser);
    static int run(const CommandContext& context);
};

} // namespace omu::cli

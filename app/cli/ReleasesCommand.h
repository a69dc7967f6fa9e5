#pragma once

#include "Command.h"

namespace omu::cli {

// `omupgrade releases [--json]`: the release registry — every known release, newest line
// first, with what each line needs around it (Java, search engine, database minimums,
// ingestion Python, migration tool), its gates, its sources, and whether the review's
// catalog covers it. The JSON lists releases in upgrade order. Exit 0; 2 when the
// registry or the catalog built into the program cannot be read.
class ReleasesCommand
{
public:
    static int run(const CommandContext& context);
};

} // namespace omu::cli

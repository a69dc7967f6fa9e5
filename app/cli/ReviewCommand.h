#pragma once

#include "Command.h"

namespace omu::cli {

// `omupgrade review --from VER --to VER [--helm-values F] [--workflows DIR] [--code DIR]
// [--search-url URL] [--apply-fixes]`: the breaking changes between the two releases
// that touch this deployment, MySQL Shell upgrade-checker style (stable ids, levels,
// manual checks apart), as text or JSON. The connection options name the same files the
// connection uses; the database is checked only when a connection can be resolved.
// Exit 0 nothing found, 1 warnings or notices only, 2 blockers or inputs that could
// not be read, 64 bad usage.
class ReviewCommand
{
public:
    static void addOptions(QCommandLineParser& parser);
    static int run(const CommandContext& context);
};

} // namespace omu::cli

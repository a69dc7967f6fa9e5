#pragma once

#include "Command.h"

namespace omu::cli {

// `omupgrade restore --input FILE --yes --new-database NAME [--json]`: recreates the
// deployment's database under NAME on the server the connection options reach, from a
// backup that carries its schema, and verifies it. JSON: {"file", "server", "database",
// "schema", "version", "tables", "rows", "verified", "seconds"}. Exit 0 restored and
// verified, 2 refused or failed (nothing is left behind), 64 bad usage.
class NewDatabaseCommand
{
public:
    static int run(const CommandContext& context);
};

} // namespace omu::cli

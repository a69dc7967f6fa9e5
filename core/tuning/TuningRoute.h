#pragma once

#include <QString>

#include <optional>

namespace omu {

// How a change of sort_buffer_size / work_mem reaches the migration's connections.
enum class TuningRoute
{
    None,                // this user cannot change it
    SetGlobal,           // MySQL: SET GLOBAL (new connections take the global value)
    AlterDatabase,       // PostgreSQL: ALTER DATABASE <db> SET (new sessions in that database)
    AlterRoleInDatabase, // PostgreSQL: ALTER ROLE <user> IN DATABASE <db> SET
    ParameterGroup,      // a managed service: its parameter group / flags, not SQL
};

// What the caller asks apply() to use; Automatic picks the route that reaches the
// migration with the rights the user has.
enum class TuningScope
{
    Automatic,
    Database,       // PostgreSQL only
    RoleInDatabase, // PostgreSQL only
};

QString tuningRouteName(TuningRoute route); // "none", "set-global", "alter-database", ...
std::optional<TuningRoute> tuningRouteFromName(const QString& name);
std::optional<TuningScope> tuningScopeFromName(const QString& name); // auto, database, role

} // namespace omu

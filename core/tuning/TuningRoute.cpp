#include "TuningRoute.h"

namespace omu {

QString tuningRouteName(TuningRoute route)
{
    switch (route) {
    case TuningRoute::SetGlobal:
        return QStringLiteral("set-global");
    case TuningRoute::AlterDatabase:
        return QStringLiteral("alter-database");
    case TuningRoute::AlterRoleInDatabase:
        return QStringLiteral("alter-role-in-database");
    case TuningRoute::ParameterGroup:
        return QStringLiteral("parameter-group");
    case TuningRoute::None:
        break;
    }
    return QStringLiteral("none");
}

std::optional<TuningRoute> tuningRouteFromName(const QString& name)
{
    for (const TuningRoute route :
         {TuningRoute::None, TuningRoute::SetGlobal, TuningRoute::AlterDatabase,
          TuningRoute::AlterRoleInDatabase, TuningRoute::ParameterGroup})
        if (tuningRouteName(route) == name)
            return route;
    return std::nullopt;
}

std::optional<TuningScope> tuningScopeFromName(const QString& name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == QLatin1String("auto") || lower == QLatin1String("automatic"))
        return TuningScope::Automatic;
    if (lower == QLatin1String("database"))
        return TuningScope::Database;
    if (lower == QLatin1String("role") || lower == QLatin1String("role-in-database"))
        return TuningScope::RoleInDatabase;
    return std::nullopt;
}

} // namespace omu

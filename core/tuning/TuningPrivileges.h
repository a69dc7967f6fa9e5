#pragma once

#include "TuningRoute.h"

#include <QJsonObject>
#include <QString>

namespace omu {

// What the connecting user may do about sort_buffer_size / work_mem, found before trying.
struct TuningPrivileges
{
    bool canApply = false;                 // some route reaches the migration's connections
    TuningRoute route = TuningRoute::None; // the one an automatic apply takes
    bool canSetGlobal = false;             // MySQL: SUPER or SYSTEM_VARIABLES_ADMIN
    bool superuser = false;                // PostgreSQL superuser
    bool ownsDatabase = false;             // PostgreSQL: owner (or member of the owning role)
    bool canAlterOwnRole = false;          // PostgreSQL: always, for one's own role
    QString missing;     // the privilege that is missing for the preferred route; "" if none
    QString explanation; // what this means for the user, in a sentence or two

    QJsonObject toJson() const
    {
        return QJsonObject{{QStringLiteral("canApply"), canApply},
                           {QStringLiteral("route"), tuningRouteName(route)},
                           {QStringLiteral("canSetGlobal"), canSetGlobal},
                           {QStringLiteral("superuser"), superuser},
                           {QStringLiteral("ownsDatabase"), ownsDatabase},
                           {QStringLiteral("canAlterOwnRole"), canAlterOwnRole},
                           {QStringLiteral("missing"), missing},
                           {QStringLiteral("explanation"), explanation}};
    }
};

} // namespace omu

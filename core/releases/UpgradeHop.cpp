#include "UpgradeHop.h"

#include <QJsonArray>

namespace omu {

QJsonObject UpgradeHop::toJson() const
{
    QJsonArray list;
    for (const RequirementChange& change : changes)
        list.append(QJsonObject{{QStringLiteral("what"), change.what},
                                {QStringLiteral("key"), change.key},
                                {QStringLiteral("before"), change.before},
                                {QStringLiteral("after"), change.after}});
    return QJsonObject{{QStringLiteral("from"), from.toString()},
                       {QStringLiteral("to"), to.toString()},
                       {QStringLiteral("why"), why},
                       {QStringLiteral("requiredStop"), requiredStop},
                       {QStringLiteral("changes"), list}};
}

} // namespace omu

#include "ReleaseLine.h"

namespace omu {

QString ReleaseLine::sourceOf(const QString& requirementKey) const
{
    static const QMap<QString, QString> groups{
        {QStringLiteral("elasticsearch"), QStringLiteral("search")},
        {QStringLiteral("opensearch"), QStringLiteral("search")},
        {QStringLiteral("mysql"), QStringLiteral("database")},
        {QStringLiteral("postgres"), QStringLiteral("database")},
    };
    return sources.value(groups.value(requirementKey, requirementKey));
}

} // namespace omu

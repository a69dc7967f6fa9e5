#include "TuningReport.h"

#include <QJsonArray>

namespace omu {

QString SettingOverride::levelName() const
{
    if (allDatabases)
        return QStringLiteral("role");
    return level == TuningRoute::AlterDatabase ? QStringLiteral("database")
                                               : QStringLiteral("role-in-database");
}

std::optional<SettingOverride> TuningReport::overrideAt(TuningRoute level) const
{
    for (const auto& entry : overrides)
        if (entry.level == level && !entry.allDatabases)
            return entry;
    return std::nullopt;
}

QJsonObject TuningReport::toJson() const
{
    QJsonArray overrideList;
    for (const auto& entry : overrides)
        overrideList.append(QJsonObject{{QStringLiteral("level"), entry.levelName()},
                                        {QStringLiteral("value"), entry.value},
                                        {QStringLiteral("bytes"), entry.bytes}});
    QJsonObject current{
        {QStringLiteral("bytes"), newSessionBytes},
        {QStringLiteral("value"), newSessionValue},
        {QStringLiteral("source"), source},
        {QStringLiteral("sourceText"), sourceText},
        {QStringLiteral("serverDefaultBytes"), serverDefaultBytes},
    };
    if (engine == Engine::MySql)
        current.insert(QStringLiteral("globalBytes"), globalBytes);
    else
        current.insert(QStringLiteral("overrides"), overrideList);
    return QJsonObject{
        {QStringLiteral("engine"), engineName(engine)},
        {QStringLiteral("flavour"), flavour},
        {QStringLiteral("parameter"), parameter},
        {QStringLiteral("database"), database},
        {QStringLiteral("user"), user},
        {QStringLiteral("current"), current},
        {QStringLiteral("queryEntity"), queryEntity.toJson()},
        {QStringLiteral("recommendation"), recommendation.toJson()},
        {QStringLiteral("belowRecommendation"), belowRecommendation()},
        {QStringLiteral("privileges"), privileges.toJson()},
        {QStringLiteral("managed"),
         managed.isManaged()
             ? QJsonValue(QJsonObject{{QStringLiteral("id"), managed.id},
                                      {QStringLiteral("name"), managed.name},
                                      {QStringLiteral("evidence"), managed.evidence},
                                      {QStringLiteral("route"), instructions.managedRoute}})
             : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("snippets"), instructions.toJson()},
        {QStringLiteral("pendingRevert"),
         pending ? QJsonValue(pending->toJson()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
    };
}

} // namespace omu

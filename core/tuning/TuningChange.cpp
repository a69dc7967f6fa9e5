#include "TuningChange.h"

namespace omu {

QJsonObject TuningChange::toJson() const
{
    return QJsonObject{
        {QStringLiteral("engine"), engineName(engine)},
        {QStringLiteral("parameter"), parameter},
        {QStringLiteral("route"), tuningRouteName(route)},
        {QStringLiteral("database"), database},
        {QStringLiteral("user"), user},
        {QStringLiteral("original"),
         QJsonObject{{QStringLiteral("set"), originalSet},
                     {QStringLiteral("value"),
                      originalSet ? QJsonValue(originalValue) : QJsonValue(QJsonValue::Null)},
                     {QStringLiteral("bytes"), originalBytes}}},
        {QStringLiteral("applied"), QJsonObject{{QStringLiteral("value"), appliedValue},
                                                {QStringLiteral("bytes"), appliedBytes}}},
    };
}

std::optional<TuningChange> TuningChange::fromJson(const QJsonObject& json)
{
    TuningChange change;
    const auto engine = engineFromName(json.value(QStringLiteral("engine")).toString());
    const auto route = tuningRouteFromName(json.value(QStringLiteral("route")).toString());
    if (!engine || !route || *route == TuningRoute::None || *route == TuningRoute::ParameterGroup)
        return std::nullopt;
    change.engine = *engine;
    change.route = *route;
    change.parameter = json.value(QStringLiteral("parameter")).toString();
    change.database = json.value(QStringLiteral("database")).toString();
    change.user = json.value(QStringLiteral("user")).toString();
    const QJsonObject original = json.value(QStringLiteral("original")).toObject();
    change.originalSet = original.value(QStringLiteral("set")).toBool();
    change.originalValue = original.value(QStringLiteral("value")).toString();
    change.originalBytes = qint64(original.value(QStringLiteral("bytes")).toDouble(-1));
    const QJsonObject applied = json.value(QStringLiteral("applied")).toObject();
    change.appliedValue = applied.value(QStringLiteral("value")).toString();
    change.appliedBytes = qint64(applied.value(QStringLiteral("bytes")).toDouble(-1));
    if (change.originalSet && change.originalValue.isEmpty())
        return std::nullopt; // a damaged entry: better to say so than to restore nonsense
    return change;
}

} // namespace omu

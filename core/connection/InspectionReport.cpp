#include "InspectionReport.h"

#include <QJsonArray>

namespace omu {

QJsonObject InspectionReport::serverJson() const
{
    QJsonObject json{
        {QStringLiteral("reachable"), true},
        {QStringLiteral("version"), server.version},
        {QStringLiteral("fullVersion"), server.fullVersion},
        {QStringLiteral("flavour"), server.flavour},
    };
    if (server.managed.isManaged())
        json.insert(QStringLiteral("managed"),
                    QJsonObject{{QStringLiteral("id"), server.managed.id},
                                {QStringLiteral("name"), server.managed.name},
                                {QStringLiteral("evidence"), server.managed.evidence}});
    else
        json.insert(QStringLiteral("managed"), QJsonValue::Null);
    return json;
}

QJsonObject InspectionReport::openMetadataJson() const
{
    QJsonArray tables;
    for (const auto& table : openMetadata.tables)
        tables.append(QJsonObject{{QStringLiteral("name"), table.name},
                                  {QStringLiteral("rows"), table.rows},
                                  {QStringLiteral("rowsExact"), table.rowsExact},
                                  {QStringLiteral("bytes"), table.bytes}});
    auto nullable = [](const QString& text) {
        return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
    };
    QJsonObject json{
        {QStringLiteral("present"), openMetadata.present},
        {QStringLiteral("version"), nullable(openMetadata.version)},
        {QStringLiteral("olderThan1_1"), openMetadata.olderThan1_1},
        {QStringLiteral("appliedVersions"),
         QJsonArray::fromStringList(openMetadata.appliedVersions)},
        {QStringLiteral("flywayVersion"), nullable(openMetadata.flywayVersion)},
        {QStringLiteral("failedFlywayMigrations"), openMetadata.failedFlywayMigrations},
        {QStringLiteral("tables"), tables},
        {QStringLiteral("totalBytes"), openMetadata.totalBytes},
    };
    if (problem) {
        json.insert(QStringLiteral("problem"), problem->summary);
        json.insert(QStringLiteral("problemKind"), ConnectionFailure::kindName(problem->kind));
    }
    return json;
}

QJsonObject InspectionReport::privilegesJson() const
{
    return QJsonObject{
        {QStringLiteral("canReadTables"), privileges.canReadTables},
        {QStringLiteral("canCreateTables"), privileges.canCreateTables},
        {QStringLiteral("canChangeGlobalSettings"), privileges.canChangeGlobalSettings},
        {QStringLiteral("globalSettingsRoute"), privileges.globalSettingsRoute},
        {QStringLiteral("missing"), QJsonArray::fromStringList(privileges.missing)},
    };
}

} // namespace omu

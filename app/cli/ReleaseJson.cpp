#include "ReleaseJson.h"

#include <QJsonArray>

namespace omu::cli {

namespace {

QJsonValue versionOrNull(const Version& version)
{
    return version.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(version.toString());
}

QJsonObject range(const VersionRange& range)
{
    return QJsonObject{{QStringLiteral("min"), versionOrNull(range.min)},
                       {QStringLiteral("below"), versionOrNull(range.below)},
                       {QStringLiteral("text"), range.describe()}};
}

} // namespace

QJsonObject ReleaseJson::requirements(const ReleaseLine& line)
{
    const Requirements& needs = line.requirements;
    QJsonObject sources;
    for (auto it = line.sources.cbegin(); it != line.sources.cend(); ++it)
        sources.insert(it.key(), it.value());
    return QJsonObject{
        {QStringLiteral("java"), needs.java},
        {QStringLiteral("elasticsearch"), range(needs.elasticsearch)},
        {QStringLiteral("opensearch"), range(needs.openSearch)},
        {QStringLiteral("mysql"), versionOrNull(needs.mysql)},
        {QStringLiteral("postgres"), versionOrNull(needs.postgres)},
        {QStringLiteral("postgresExtensions"),
         QJsonArray::fromStringList(needs.postgresExtensions)},
        {QStringLiteral("python"),
         QJsonObject{{QStringLiteral("min"), versionOrNull(needs.python.min)},
                     {QStringLiteral("below"), versionOrNull(needs.python.below)},
                     {QStringLiteral("text"), Requirements::pythonText(needs.python)}}},
        {QStringLiteral("migrationTools"), QJsonArray::fromStringList(needs.migrationTools)},
        {QStringLiteral("ingestionClient"), needs.ingestionClient},
        {QStringLiteral("backup"), needs.backup},
        {QStringLiteral("sources"), sources},
    };
}

QJsonObject ReleaseJson::release(const Release& release, const ReleaseLine& line,
                                 const Version& coverage)
{
    QJsonArray gates;
    for (const Gate& gate : line.gates)
        gates.append(
            QJsonObject{{QStringLiteral("id"), gate.id},
                        {QStringLiteral("databaseAtLeast"), gate.databaseAtLeast.toString()},
                        {QStringLiteral("via"), gate.via},
                        {QStringLiteral("forceBypasses"), gate.forceBypasses},
                        {QStringLiteral("why"), gate.why},
                        {QStringLiteral("source"), gate.source}});
    return QJsonObject{
        {QStringLiteral("version"), release.version.toString()},
        {QStringLiteral("date"),
         release.date.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(release.date)},
        {QStringLiteral("line"), release.line},
        {QStringLiteral("requires"), requirements(line)},
        {QStringLiteral("gates"), gates},
        {QStringLiteral("source"), release.source},
        {QStringLiteral("note"), release.note},
        {QStringLiteral("covered"), !coverage.isNull() && !(coverage < release.version)},
    };
}

} // namespace omu::cli

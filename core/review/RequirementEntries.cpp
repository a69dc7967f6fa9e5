#include "RequirementEntries.h"

#include "DatabaseVersionDetector.h"
#include "JavaRuntimeDetector.h"
#include "PostgresExtensionDetector.h"
#include "SearchRangeDetector.h"

#include <functional>

namespace omu {

namespace {

// The first release from which the target line's value of a requirement holds, walking
// back over earlier lines with the same value.
Version since(const ReleaseRegistry& registry, const ReleaseLine& target,
              const std::function<QString(const Requirements&)>& value)
{
    Version first = target.first();
    const QString wanted = value(target.requirements);
    const auto& lines = registry.lines();
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        if (*Version::parse(target.name) < *Version::parse(it->name))
            continue;
        if (value(it->requirements) != wanted)
            break;
        first = it->first();
    }
    return first;
}

CatalogEntry entry(const ReleaseLine& line, const QString& id, const Version& since,
                   const QString& sourceGroup, QString title, QString why, QString fix,
                   std::shared_ptr<const Detector> detector)
{
    CatalogEntry entry;
    entry.id = id;
    entry.since = since;
    entry.severity = Severity::Blocker;
    entry.title = std::move(title);
    entry.why = std::move(why);
    entry.fix = std::move(fix);
    entry.sources << CatalogSource{QStringLiteral("resources/releases/%1").arg(line.file),
                                   line.sources.value(sourceGroup)};
    entry.everyUpgrade = true;
    entry.detectors.push_back(std::move(detector));
    entry.catalogFile = line.file;
    return entry;
}

} // namespace

std::vector<CatalogEntry> RequirementEntries::build(const ReleaseRegistry& registry,
                                                    const Version& from, const Version& to)
{
    std::vector<CatalogEntry> entries;
    const ReleaseLine* line = registry.lineOf(to);
    if (!line || !(from < to))
        return entries;
    const Requirements& needs = line->requirements;
    const QString target = to.toString();

    entries.push_back(entry(
        *line, QStringLiteral("requirement-search-engine"),
        since(registry, *line,
              [](const Requirements& r) {
                  return r.elasticsearch.describe() + r.openSearch.describe();
              }),
        QStringLiteral("search"),
        QStringLiteral("OpenMetadata %1 needs Elasticsearch %2 or OpenSearch %3")
            .arg(target, needs.elasticsearch.describe(), needs.openSearch.describe()),
        QStringLiteral("The server talks to the search engine through a client built for these "
                       "versions. Another major version rejects its requests (the Elasticsearch "
                       "9 client cannot talk to 8.x servers, the 8 client not to 7.x), so "
                       "search, lineage and the reindex fail."),
        QStringLiteral("Before the upgrade, move to an accepted version. Indexes of another major "
                       "version cannot be reused: start the new engine empty and rebuild the "
                       "indexes after the migration (openmetadata-ops.sh reindex, or the Search "
                       "Indexing application)."),
        std::make_shared<SearchRangeDetector>(target, needs.elasticsearch, needs.openSearch)));

    entries.push_back(entry(
        *line, QStringLiteral("requirement-database-version"),
        since(registry, *line,
              [](const Requirements& r) { return r.mysql.toString() + r.postgres.toString(); }),
        QStringLiteral("database"),
        QStringLiteral("OpenMetadata %1 needs MySQL %2 or PostgreSQL %3 or later")
            .arg(target, needs.mysql.toString(), needs.postgres.toString()),
        QStringLiteral("The migration and the server use SQL and column types that older "
                       "database servers do not have; the migration stops part way."),
        QStringLiteral("Upgrade the database server first (with a backup), then migrate "
                       "OpenMetadata. On a managed service, use its major-version upgrade."),
        std::make_shared<DatabaseVersionDetector>(target, needs.mysql, needs.postgres)));

    for (const QString& extension : needs.postgresExtensions)
        entries.push_back(entry(
            *line, QStringLiteral("requirement-postgres-%1").arg(extension),
            since(registry, *line,
                  [&](const Requirements& r) {
                      return QString::number(r.postgresExtensions.contains(extension));
                  }),
            QStringLiteral("postgresExtensions"),
            QStringLiteral("OpenMetadata %1 creates the PostgreSQL extension %2")
                .arg(target, extension),
            QStringLiteral("The PostgreSQL migration runs CREATE EXTENSION %1. It fails when the "
                           "server does not ship the extension, when the service does not "
                           "allow-list it (Azure: azure.extensions), or when the migration's user "
                           "may not create it.")
                .arg(extension),
            QStringLiteral("Before the migration: on Azure add %1 to the server parameter "
                           "azure.extensions; otherwise install the server's contrib package. "
                           "Then have a superuser (or the database owner) run CREATE EXTENSION "
                           "IF NOT EXISTS %1 in the OpenMetadata database.")
                .arg(extension),
            std::make_shared<PostgresExtensionDetector>(target, extension)));

    entries.push_back(entry(
        *line, QStringLiteral("requirement-java"),
        since(registry, *line, [](const Requirements& r) { return QString::number(r.java); }),
        QStringLiteral("java"),
        QStringLiteral("OpenMetadata %1 runs on Java %2").arg(target).arg(needs.java),
        QStringLiteral("A bare-metal server, and the release's migration tool, start with the "
                       "Java of JAVA_HOME or PATH; an older Java refuses to load the release's "
                       "classes."),
        QStringLiteral("On bare metal, install Java %1 and point JAVA_HOME (or the service unit) "
                       "at it before running the migration. Docker and Kubernetes images bring "
                       "their own Java.")
            .arg(needs.java),
        std::make_shared<JavaRuntimeDetector>(target, needs.java)));
    return entries;
}

} // namespace omu

#include "Requirements.h"

namespace omu {

QString Requirements::pythonText(const VersionRange& range)
{
    if (range.min.isNull() || range.below.isNull())
        return range.describe();
    // below 3.13 means 3.12 is the newest supported
    const QString newest =
        QStringLiteral("%1.%2").arg(range.below.part(0)).arg(range.below.part(1) - 1);
    return QStringLiteral("%1.%2-%3").arg(range.min.part(0)).arg(range.min.part(1)).arg(newest);
}

QString Requirements::backupText(const QString& backup)
{
    return backup == QLatin1String("native")
               ? QStringLiteral("a dump or omupgrade backup (metadata backup is deprecated)")
               : QStringLiteral("metadata backup, a dump or omupgrade backup");
}

QList<RequirementValue> Requirements::listing() const
{
    auto version = [](const Version& v) { return v.isNull() ? QStringLiteral("-") : v.toString(); };
    return {
        {QStringLiteral("java"), QStringLiteral("Java"),
         java > 0 ? QString::number(java) : QStringLiteral("-")},
        {QStringLiteral("elasticsearch"), QStringLiteral("Elasticsearch"),
         elasticsearch.describe()},
        {QStringLiteral("opensearch"), QStringLiteral("OpenSearch"), openSearch.describe()},
        {QStringLiteral("mysql"), QStringLiteral("MySQL minimum"), version(mysql)},
        {QStringLiteral("postgres"), QStringLiteral("PostgreSQL minimum"), version(postgres)},
        {QStringLiteral("postgresExtensions"), QStringLiteral("PostgreSQL extensions"),
         postgresExtensions.isEmpty() ? QStringLiteral("none")
                                      : postgresExtensions.join(QStringLiteral(", "))},
        {QStringLiteral("python"), QStringLiteral("Ingestion Python"), pythonText(python)},
        {QStringLiteral("ingestionClient"), QStringLiteral("Ingestion client must match"),
         ingestionClient == QLatin1String("minor") ? QStringLiteral("major.minor")
                                                   : QStringLiteral("the exact release")},
        {QStringLiteral("migrationTools"), QStringLiteral("Migration tool"),
         migrationTools.join(QStringLiteral(" or "))},
        {QStringLiteral("backup"), QStringLiteral("Backup"), backupText(backup)},
    };
}

QList<RequirementChange> Requirements::changes(const Requirements& before,
                                               const Requirements& after)
{
    QList<RequirementChange> changed;
    const auto old = before.listing();
    const auto now = after.listing();
    for (qsizetype i = 0; i < now.size(); ++i)
        if (old.at(i).value != now.at(i).value)
            changed << RequirementChange{now.at(i).key, now.at(i).what, old.at(i).value,
                                         now.at(i).value};
    return changed;
}

} // namespace omu

#include "ManagedServiceDetector.h"

namespace omu {

namespace {

ManagedService service(const char* id, const char* name, const QString& evidence)
{
    return ManagedService{QString::fromLatin1(id), QString::fromLatin1(name), evidence};
}

QString firstStartingWith(const QStringList& names, const QStringList& prefixes)
{
    for (const auto& name : names)
        for (const auto& prefix : prefixes)
            if (name.startsWith(prefix, Qt::CaseInsensitive))
                return name;
    return {};
}

} // namespace

ManagedService ManagedServiceDetector::detect(const ServerEvidence& evidence)
{
    const QString host = evidence.host.toLower();
    // Aurora first: it is also "RDS" by every RDS sign.
    if (const auto name = firstStartingWith(evidence.variableNames, {QStringLiteral("aurora")});
        !name.isEmpty())
        return service("aws-aurora", "Amazon Aurora",
                       QStringLiteral("server setting %1").arg(name));
    if (evidence.version.contains(QLatin1String("aurora"), Qt::CaseInsensitive))
        return service("aws-aurora", "Amazon Aurora",
                       QStringLiteral("version %1").arg(evidence.version));
    if (host.contains(QLatin1String(".cluster-")) &&
        host.endsWith(QLatin1String(".rds.amazonaws.com")))
        return service("aws-aurora", "Amazon Aurora", QStringLiteral("host %1").arg(evidence.host));

    if (evidence.roleNames.contains(QStringLiteral("rds_superuser")))
        return service("aws-rds", "Amazon RDS", QStringLiteral("role rds_superuser"));
    if (const auto name = firstStartingWith(evidence.variableNames, {QStringLiteral("rds.")});
        !name.isEmpty())
        return service("aws-rds", "Amazon RDS", QStringLiteral("server setting %1").arg(name));
    if (evidence.baseDir.startsWith(QLatin1String("/rdsdbbin")))
        return service("aws-rds", "Amazon RDS",
                       QStringLiteral("base directory %1").arg(evidence.baseDir));
    if (host.endsWith(QLatin1String(".rds.amazonaws.com")))
        return service("aws-rds", "Amazon RDS", QStringLiteral("host %1").arg(evidence.host));

    if (evidence.roleNames.contains(QStringLiteral("cloudsqlsuperuser")))
        return service("gcp-cloud-sql", "Google Cloud SQL",
                       QStringLiteral("role cloudsqlsuperuser"));
    if (const auto name = firstStartingWith(evidence.variableNames, {QStringLiteral("cloudsql")});
        !name.isEmpty())
        return service("gcp-cloud-sql", "Google Cloud SQL",
                       QStringLiteral("server setting %1").arg(name));
    if (evidence.host.startsWith(QLatin1String("/cloudsql/")))
        return service("gcp-cloud-sql", "Google Cloud SQL",
                       QStringLiteral("socket %1").arg(evidence.host));

    if (evidence.roleNames.contains(QStringLiteral("azure_pg_admin")))
        return service("azure", "Azure Database", QStringLiteral("role azure_pg_admin"));
    if (const auto name = firstStartingWith(evidence.variableNames, {QStringLiteral("azure")});
        !name.isEmpty())
        return service("azure", "Azure Database", QStringLiteral("server setting %1").arg(name));
    if (host.endsWith(QLatin1String(".database.azure.com")))
        return service("azure", "Azure Database", QStringLiteral("host %1").arg(evidence.host));
    return {};
}

} // namespace omu

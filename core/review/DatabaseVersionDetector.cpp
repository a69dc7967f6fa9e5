#include "DatabaseVersionDetector.h"

#include "connection/DatabaseSession.h"
#include "connection/ServerInspector.h"

namespace omu {

DatabaseVersionDetector::DatabaseVersionDetector(QString target, Version mysql, Version postgres)
    : m_target(std::move(target)), m_mysql(mysql), m_postgres(postgres)
{
}

DetectorFindings DatabaseVersionDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    if (!context.database) {
        result.notChecked = context.databaseUnavailable;
        return result;
    }
    const ServerDetails server = ServerInspector::inspectServer(*context.database);
    const auto version = Version::parse(server.version);
    if (!version) {
        result.notChecked =
            QStringLiteral("the server did not say its version (\"%1\")").arg(server.fullVersion);
        return result;
    }
    if (server.flavour == QLatin1String("mariadb")) {
        result.notChecked = QStringLiteral("the server is MariaDB %1, which OpenMetadata does not "
                                           "support; it cannot be held against the MySQL %2 "
                                           "minimum of OpenMetadata %3")
                                .arg(server.version, m_mysql.toString(), m_target);
        return result;
    }
    const bool postgres = server.flavour == QLatin1String("postgresql");
    const Version& minimum = postgres ? m_postgres : m_mysql;
    const QString name = postgres ? QStringLiteral("PostgreSQL") : QStringLiteral("MySQL");
    if (*version < minimum)
        result.hits.append(
            DetectorHit{{},
                        0,
                        0,
                        QStringLiteral("the server is %1 %2; OpenMetadata %3 needs %1 %4 or later")
                            .arg(name, server.version, m_target, minimum.toString()),
                        {}});
    return result;
}

} // namespace omu

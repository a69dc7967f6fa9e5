#include "PostgresExtensionDetector.h"

#include "connection/QueryRows.h"

namespace omu {

namespace {

// PostgreSQL booleans read as text: "t" / "true".
bool truthy(const QString& value)
{
    return value == QLatin1String("t") || value == QLatin1String("true") ||
           value == QLatin1String("1");
}

} // namespace

PostgresExtensionDetector::PostgresExtensionDetector(QString target, QString extension)
    : m_target(std::move(target)), m_extension(std::move(extension))
{
}

DetectorFindings PostgresExtensionDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    if (!context.database) {
        result.notChecked = context.databaseUnavailable;
        return result;
    }
    DatabaseSession& session = *context.database;
    if (session.engine() != Engine::Postgres)
        return result; // a PostgreSQL extension: nothing to check on MySQL
    auto hit = [&](const QString& message) {
        result.hits.append(DetectorHit{{}, 0, 0, message, {}});
    };
    const QString database = session.profile().database;

    const auto installed =
        queryValue(session, QStringLiteral("SELECT extversion FROM pg_extension WHERE extname = ?"),
                   {m_extension});
    if (!installed) {
        result.notChecked =
            QStringLiteral("cannot read pg_extension: %1").arg(installed.error().text);
        return result;
    }
    if (!installed->isNull())
        return result; // there already: the migration's CREATE EXTENSION IF NOT EXISTS is a no-op

    // Azure Database for PostgreSQL lets only allow-listed extensions be created.
    const auto allowList =
        queryValue(session, QStringLiteral("SELECT current_setting('azure.extensions', true)"));
    if (allowList && !allowList->isNull()) {
        QStringList allowed;
        for (const QString& name : allowList->split(QLatin1Char(','), Qt::SkipEmptyParts))
            allowed << name.trimmed().toLower();
        if (!allowed.contains(m_extension.toLower())) {
            hit(QStringLiteral("%1 is not in azure.extensions (%2), so the OpenMetadata %3 "
                               "migration's CREATE EXTENSION %1 fails with \"extension is not "
                               "allow-listed\"")
                    .arg(m_extension,
                         allowed.isEmpty() ? QStringLiteral("empty")
                                           : allowed.join(QStringLiteral(", ")),
                         m_target));
            return result;
        }
    }

    const auto available =
        queryValue(session,
                   QStringLiteral("SELECT COALESCE(bool_or(trusted), false) FROM "
                                  "pg_available_extension_versions WHERE name = ?"),
                   {m_extension});
    const auto known = queryValue(
        session, QStringLiteral("SELECT count(*) FROM pg_available_extensions WHERE name = ?"),
        {m_extension});
    if (!available || !known) {
        result.notChecked = QStringLiteral("cannot read pg_available_extensions: %1")
                                .arg((!available ? available : known).error().text);
        return result;
    }
    if (known->toInt() == 0) {
        hit(QStringLiteral("%1 is not installed on this PostgreSQL server (not in "
                           "pg_available_extensions); the OpenMetadata %2 migration creates it")
                .arg(m_extension, m_target));
        return result;
    }
    const auto superuser = queryValue(
        session, QStringLiteral("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
    const auto mayCreate = queryValue(
        session, QStringLiteral(
                     "SELECT has_database_privilege(current_user, current_database(), 'CREATE')"));
    if (!superuser || !mayCreate) {
        result.notChecked = QStringLiteral("cannot read the user's privileges: %1")
                                .arg((!superuser ? superuser : mayCreate).error().text);
        return result;
    }
    const bool trusted = truthy(*available);
    if (truthy(*superuser) || (trusted && truthy(*mayCreate)))
        return result;
    hit(QStringLiteral("%1 is not in database %2 and user %3 may not create it (%4), so the "
                       "OpenMetadata %5 migration fails at CREATE EXTENSION %1")
            .arg(m_extension, database, session.profile().user,
                 trusted ? QStringLiteral("no CREATE privilege on the database")
                         : QStringLiteral("only a superuser may create an untrusted extension"),
                 m_target));
    return result;
}

} // namespace omu

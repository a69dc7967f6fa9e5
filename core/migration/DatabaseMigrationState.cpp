#include "DatabaseMigrationState.h"

#include "connection/DatabaseConnector.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <functional>

namespace omu {

namespace {

// The tables of the connection's database (MySQL) or schema (PostgreSQL), by the lower
// case of their name, so SERVER_CHANGE_LOG is found whichever way the engine stored it.
Result<QHash<QString, QString>> tableNames(DatabaseSession& session)
{
    QSqlQuery query(session.database());
    query.setForwardOnly(true);
    const QString sql =
        session.engine() == Engine::Postgres
            ? QStringLiteral("SELECT table_name FROM information_schema.tables WHERE "
                             "table_schema = current_schema()")
            : QStringLiteral("SELECT table_name FROM information_schema.tables WHERE "
                             "table_schema = DATABASE()");
    if (!query.exec(sql))
        return makeError(QStringLiteral("cannot list the tables: %1").arg(query.lastError().text()),
                         session.profile().displayName());
    QHash<QString, QString> names;
    while (query.next()) {
        const QString name = query.value(0).toString();
        names.insert(name.toLower(), name);
    }
    return names;
}

Status select(DatabaseSession& session, const QString& sql,
              const std::function<void(const QSqlQuery&)>& row)
{
    QSqlQuery query(session.database());
    query.setForwardOnly(true);
    if (!query.exec(sql))
        return makeError(
            QStringLiteral("cannot read the migration history: %1").arg(query.lastError().text()),
            session.profile().displayName());
    while (query.next())
        row(query);
    return {};
}

} // namespace

Version DatabaseMigrationState::current() const
{
    return appliedVersions.isEmpty() ? Version() : appliedVersions.last();
}

bool DatabaseMigrationState::holds(const Version& version) const
{
    return std::any_of(appliedVersions.begin(), appliedVersions.end(),
                       [&](const Version& applied) { return applied == version; });
}

QStringList DatabaseMigrationState::partiallyApplied() const
{
    QStringList versions;
    for (auto it = loggedChecksums.cbegin(); it != loggedChecksums.cend(); ++it) {
        const auto version = Version::parse(it.key());
        if (version && !holds(*version) && !it.value().isEmpty())
            versions << it.key();
    }
    std::sort(versions.begin(), versions.end(), [](const QString& a, const QString& b) {
        return *Version::parse(a) < *Version::parse(b);
    });
    return versions;
}

Result<DatabaseMigrationState> DatabaseMigrationState::read(DatabaseSession& session)
{
    const auto names = tableNames(session);
    if (!names)
        return names.error();
    DatabaseMigrationState state;
    const auto quoted = [&](const char* lower) {
        return session.quoteIdentifier(names.value().value(QLatin1String(lower)));
    };

    if (names.value().contains(QStringLiteral("server_change_log"))) {
        state.hasChangeLog = true;
        const Status status = select(
            session, QStringLiteral("SELECT version FROM %1").arg(quoted("server_change_log")),
            [&](const QSqlQuery& query) {
                if (const auto version = Version::parse(query.value(0).toString()))
                    state.appliedVersions << *version;
            });
        if (!status.ok())
            return status.error();
        std::sort(state.appliedVersions.begin(), state.appliedVersions.end());
    }
    if (names.value().contains(QStringLiteral("server_migration_sql_logs"))) {
        const Status status = select(session,
                                     QStringLiteral("SELECT version, checksum FROM %1")
                                         .arg(quoted("server_migration_sql_logs")),
                                     [&](const QSqlQuery& query) {
                                         state.loggedChecksums[query.value(0).toString()].insert(
                                             query.value(1).toString());
                                     });
        if (!status.ok())
            return status.error();
    }
    if (names.value().contains(QStringLiteral("database_change_log"))) {
        QList<Version> applied;
        const Status status = select(
            session,
            QStringLiteral("SELECT version, success FROM %1").arg(quoted("database_change_log")),
            [&](const QSqlQuery& query) {
                const QString success = query.value(1).toString().toLower();
                if (success != QLatin1String("1") && success != QLatin1String("true")) {
                    ++state.failedFlywayScripts;
                    return;
                }
                if (const auto version = Version::parse(query.value(0).toString()))
                    applied << *version;
            });
        if (!status.ok())
            return status.error();
        if (!applied.isEmpty())
            state.flywayVersion = *std::max_element(applied.begin(), applied.end());
    }
    return state;
}

void DatabaseMigrationState::limitStatementTime(DatabaseSession& session, int seconds)
{
    if (session.engine() == Engine::Postgres)
        QSqlQuery(session.database())
            .exec(QStringLiteral("SET statement_timeout = '%1s'").arg(seconds));
}

Result<DatabaseMigrationState> DatabaseMigrationState::read(const ConnectionProfile& profile)
{
    DatabaseConnector::Options options;
    options.readTimeoutSeconds = 60;
    auto session = DatabaseConnector::open(profile, options);
    if (!session)
        return session.error().toError();
    limitStatementTime(*session.value());
    return read(*session.value());
}

} // namespace omu

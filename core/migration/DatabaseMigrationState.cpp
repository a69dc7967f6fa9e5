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

// Whether a table has every one of these columns (names compared in lower case).
bool hasColumns(DatabaseSession& session, const QString& table, const QStringList& columns)
{
    QSqlQuery query(session.database());
    query.setForwardOnly(true);
    query.prepare(session.engine() == Engine::Postgres
                      ? QStringLiteral("SELECT lower(column_name) FROM information_schema.columns "
                                       "WHERE table_schema = current_schema() AND table_name = ?")
                      : QStringLiteral("SELECT lower(column_name) FROM information_schema.columns "
                                       "WHERE table_schema = DATABASE() AND table_name = ?"));
    query.addBindValue(table);
    if (!query.exec())
        return false;
    QStringList found;
    while (query.next())
        found << query.value(0).toString();
    for (const QString& column : columns)
        if (!found.contains(column))
            return false;
    return true;
}

} // namespace

Version DatabaseMigrationState::current() const
{
    return appliedVersions.isEmpty() ? baseline : appliedVersions.last();
}

bool DatabaseMigrationState::holdsRelease(const Version& release, const Version& schema) const
{
    if (!unfinished.isEmpty())
        return false;
    const Version& wanted = schema.isNull() ? release : schema;
    return holds(wanted) || (!baseline.isNull() && wanted < baseline);
}

bool DatabaseMigrationState::isPending(const Version& folder) const
{
    for (const Unfinished& step : unfinished)
        if (const auto version = Version::parse(step.version); version && *version == folder)
            return true;
    if (!baseline.isNull() && folder < baseline)
        return false;
    const Version top = appliedVersions.isEmpty() ? Version() : appliedVersions.last();
    return top.isNull() || top < folder;
}

bool DatabaseMigrationState::isLogged(const QString& checksum) const
{
    for (const auto& checksums : loggedChecksums)
        if (checksums.contains(checksum))
            return true;
    return false;
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
    for (const Unfinished& step : unfinished)
        if (!versions.contains(step.version) && Version::parse(step.version))
            versions << step.version;
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
        // 2.1 adds migrationType and status; older databases have neither.
        const bool stepColumns =
            hasColumns(session, names.value().value(QStringLiteral("server_change_log")),
                       {QStringLiteral("migrationtype"), QStringLiteral("status")});
        const Status status =
            select(session,
                   // Unquoted: PostgreSQL folds them as its DDL did, MySQL ignores the case.
                   QStringLiteral("SELECT version%1 FROM %2")
                       .arg(stepColumns ? QStringLiteral(", migrationType, status") : QString(),
                            quoted("server_change_log")),
                   [&](const QSqlQuery& query) {
                       const QString text = query.value(0).toString();
                       const auto version = Version::parse(text);
                       if (!version)
                           return;
                       const QString type =
                           stepColumns ? query.value(1).toString().toUpper() : QString();
                       const QString stepStatus =
                           stepColumns ? query.value(2).toString().toUpper() : QString();
                       if (type == QLatin1String("BASELINE") ||
                           text.endsWith(QLatin1String("-baseline"))) {
                           if (state.baseline.isNull() || state.baseline < *version)
                               state.baseline = *version;
                       } else if (stepStatus == QLatin1String("STARTED") ||
                                  stepStatus == QLatin1String("FAILED")) {
                           state.unfinished << Unfinished{text, stepStatus};
                       } else {
                           state.appliedVersions << *version;
                       }
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

#include "DatabaseFacts.h"

#include "connection/DatabaseSession.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace omu {

namespace {

QString table(DatabaseSession& session, const QString& name)
{
    if (session.engine() == Engine::Postgres)
        return session.quoteIdentifier(session.profile().effectiveSchema()) + QLatin1Char('.') +
               session.quoteIdentifier(name);
    return session.quoteIdentifier(name);
}

Result<qint64> count(DatabaseSession& session, const QString& sql, const QString& what)
{
    QSqlQuery query(session.database());
    query.setForwardOnly(true);
    if (!query.exec(sql) || !query.next())
        return makeError(
            QStringLiteral("could not count %1: %2").arg(what, query.lastError().text()),
            session.profile().displayName(),
            QStringLiteral("Check that this is the OpenMetadata database and that the "
                           "user may read its tables."));
    return query.value(0).toLongLong();
}

} // namespace

QString DatabaseFacts::tableName(DatabaseSession& session, const QString& name)
{
    return table(session, name);
}

Result<QSet<QString>> DatabaseFacts::existingTables(DatabaseSession& session)
{
    QSqlQuery query(session.database());
    query.setForwardOnly(true);
    const bool postgres = session.engine() == Engine::Postgres;
    query.prepare(postgres ? QStringLiteral("SELECT table_name FROM information_schema.tables "
                                            "WHERE table_schema = ?")
                           : QStringLiteral("SELECT table_name FROM information_schema.tables "
                                            "WHERE table_schema = DATABASE()"));
    if (postgres)
        query.addBindValue(session.profile().effectiveSchema());
    if (!query.exec())
        return makeError(
            QStringLiteral("could not list the tables: %1").arg(query.lastError().text()),
            session.profile().displayName(),
            QStringLiteral("Check that the user may read information_schema."));
    QSet<QString> tables;
    while (query.next())
        tables.insert(query.value(0).toString());
    return tables;
}

Result<qint64> DatabaseFacts::queriesWithoutService(DatabaseSession& session)
{
    // LEFT JOINs along service -> database -> databaseSchema -> table -> query; a chain
    // that stops early leaves the service NULL. Relation 0 is CONTAINS.
    const QString relationship = table(session, QStringLiteral("entity_relationship"));
    const QString sql =
        QStringLiteral("SELECT COUNT(DISTINCT q.id) FROM %1 q "
                       "LEFT JOIN %2 tq ON tq.toId = q.id AND tq.toEntity = 'query' AND "
                       "tq.fromEntity = 'table' "
                       "LEFT JOIN %2 st ON st.toId = tq.fromId AND st.toEntity = 'table' "
                       "AND st.fromEntity = 'databaseSchema' AND st.relation = 0 "
                       "LEFT JOIN %2 ds ON ds.toId = st.fromId AND ds.toEntity = 'databaseSchema' "
                       "AND ds.fromEntity = 'database' AND ds.relation = 0 "
                       "LEFT JOIN %2 vd ON vd.toId = ds.fromId AND vd.toEntity = 'database' "
                       "AND vd.fromEntity = 'databaseService' AND vd.relation = 0 "
                       "WHERE vd.fromId IS NULL")
            .arg(table(session, QStringLiteral("query_entity")), relationship);
    return count(session, sql, QStringLiteral("the queries without a database service"));
}

Result<qint64> DatabaseFacts::eventSubscriptions(DatabaseSession& session)
{
    return count(session,
                 QStringLiteral("SELECT COUNT(*) FROM %1")
                     .arg(table(session, QStringLiteral("event_subscription_entity"))),
                 QStringLiteral("the alerts (event_subscription_entity)"));
}

Result<qint64> DatabaseFacts::failedFlywayMigrations(DatabaseSession& session)
{
    const QString success = session.quoteIdentifier(QStringLiteral("success"));
    return count(session,
                 QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2 = FALSE")
                     .arg(table(session, QStringLiteral("DATABASE_CHANGE_LOG")), success),
                 QStringLiteral("the failed flyway migrations (DATABASE_CHANGE_LOG)"));
}

} // namespace omu

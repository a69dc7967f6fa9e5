#pragma once

#include "common/Result.h"

#include <QSet>
#include <QString>
#include <QtGlobal>

namespace omu {

class DatabaseSession;

// Counts in the metadata database that tell what a migration will do to it. Read-only;
// each is one query, on MySQL and PostgreSQL alike.
class DatabaseFacts
{
public:
    // Queries the 1.2.0 data migration deletes: those that cannot be linked to a database
    // service by walking entity_relationship from the query up through table,
    // databaseSchema and database to a databaseService. A query used in several tables
    // counts once, and counts when any of those chains is broken.
    static Result<qint64> queriesWithoutService(DatabaseSession& session);
    // Alerts 1.3.0 deletes: every row of event_subscription_entity.
    static Result<qint64> eventSubscriptions(DatabaseSession& session);
    // Flyway rows in DATABASE_CHANGE_LOG with success = false, which make the next
    // migration stop until `repair` is run.
    static Result<qint64> failedFlywayMigrations(DatabaseSession& session);

    // A table of the metadata database as SQL names it: `name` on MySQL, "schema"."name"
    // on PostgreSQL.
    static QString tableName(DatabaseSession& session, const QString& name);
    // The tables of the metadata database (its schema on PostgreSQL), by name.
    static Result<QSet<QString>> existingTables(DatabaseSession& session);
};

} // namespace omu

#pragma once

#include "common/Result.h"
#include "connection/ConnectionProfile.h"
#include "connection/DatabaseSession.h"
#include "RollbackSource.h"

#include <QString>
#include <QStringList>

namespace omu {

// What a rollback checks before it changes anything. Each refusal says what was found and
// what to do; nothing here writes to the database.
class RollbackChecks
{
public:
    // The OpenMetadata server must be stopped: the migration gate's own check
    // (GET /api/v1/system/version answering means it runs), or the user's word when it
    // cannot be reached from here.
    static Status serverStopped(const QString& serverUrl, bool userConfirmedStopped,
                                bool fromCommandLine);

    // The backup was taken from this database (and schema) on this kind of server.
    static Status sameDeployment(const ConnectionProfile& profile, const RollbackSource& source);

    // The rights the build and the swap need, read from the catalog: on MySQL and MariaDB
    // CREATE, DROP, ALTER, INDEX, INSERT, SELECT on the scratch and failed databases and
    // CREATE, DROP, ALTER, INSERT, SELECT on the live one (RENAME TABLE moves tables between
    // them); on PostgreSQL CREATE on the database (a new schema), ownership of the live
    // schema (to rename it) and membership in each role owning live tables (to give the
    // rebuilt ones back to it). A refusal names the missing rights and gives the SQL a DBA
    // runs, which works on RDS, Aurora, Cloud SQL and Azure too (no superuser needed).
    static Status privileges(DatabaseSession& session, const QString& live,
                             const QStringList& scratchContainers);

    // Free space where the server keeps its data, when it can be read (a server on this
    // machine): the rebuilt state needs as much room as the backup's database took.
    // Returns a note when the space could not be checked.
    static Result<QString> space(DatabaseSession& session, qint64 databaseBytes);

    // Triggers, views, routines and events in the live database or schema: the backup
    // carries tables, keys, indexes and sequences, not these. "trigger x on t", "view v"...
    static Result<QStringList> objectsNotCarried(DatabaseSession& session, const QString& live);
    // On MySQL they would break the swap (RENAME TABLE refuses a table with triggers to
    // another database) or stay behind beside the restored tables: a refusal that names
    // them. On PostgreSQL they move with the failed schema, which is then kept: a note.
    static Result<QString> checkNotCarried(DatabaseSession& session, const QString& live,
                                           const QString& failed);

    // PostgreSQL extensions installed inside the schema itself would be renamed with it.
    static Status extensionsOutsideSchema(const RollbackSource& source);

    static constexpr qint64 spareBytes = 64LL * 1024 * 1024;
};

} // namespace omu

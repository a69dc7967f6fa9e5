#pragma once

#include "BackupTable.h"
#include "common/Result.h"
#include "connection/DatabaseSession.h"

#include <QList>
#include <QStringList>

namespace omu {

// Reads what a backup needs from the server's catalog (information_schema on MySQL and
// MariaDB, pg_catalog on PostgreSQL): the tables, their columns in order, which columns
// are generated, the key that orders the rows, and size estimates. Nothing here names an
// OpenMetadata table except the three change-log tables the official backup leaves out,
// so any release's schema works.
class BackupCatalog
{
public:
    struct Contents
    {
        QList<BackupTable> tables;          // to dump, in a stable order (by name, byte order)
        QStringList skippedTables;          // the change-log tables found
        QList<BackupTable> changeLogTables; // the same, described, for the rollback's sidecar
        QString changeLogSelectName;        // SERVER_CHANGE_LOG ready for a SELECT; "" if absent
        qint64 databaseBytes = 0;           // every table, data and indexes
    };

    struct ServerIdentity
    {
        QString flavour; // "mysql", "mariadb", "postgresql"
        QString version; // "10.11.6", "15.4"
    };

    // `schema` is the MySQL database or the PostgreSQL schema to read.
    static Result<Contents> read(DatabaseSession& session, const QString& schema);

    // Replaces the estimates of tables smaller than `limitBytes` by exact counts (in the
    // session's current transaction, so they match what the dump will read).
    static Status countSmallTables(DatabaseSession& session, QList<BackupTable>& tables,
                                   qint64 limitBytes);

    // The names of the base tables in `schema`, as the server spells them.
    static Result<QStringList> tableNames(DatabaseSession& session, const QString& schema);

    static ServerIdentity server(DatabaseSession& session);
    // The highest SERVER_CHANGE_LOG version (numeric compare); "" when there is no table.
    static Result<QString> openMetadataVersion(DatabaseSession& session, const Contents& contents);
    // The same for a database whose catalog was not read yet.
    static Result<QString> openMetadataVersion(DatabaseSession& session, const QString& schema);

    // DATABASE_CHANGE_LOG, SERVER_CHANGE_LOG, SERVER_MIGRATION_SQL_LOGS in any case.
    static bool isChangeLogTable(const QString& name);
};

} // namespace omu

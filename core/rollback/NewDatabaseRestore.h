#pragma once

#include "backup/BackupProgress.h"
#include "common/CancelToken.h"
#include "common/Ending.h"
#include "common/Result.h"
#include "connection/ConnectionProfile.h"

#include <QString>
#include <QStringList>

namespace omu {

struct NewDatabaseOutcome
{
    Ending ending = Ending::Failed;
    Error error;
    bool created = false;  // the database was created (and is kept only when it succeeded)
    bool verified = false; // it equals the backup: schema and every table's rows
    QString database;
    QString schema;  // PostgreSQL
    QString version; // the backup's OpenMetadata version
    qint64 rows = 0;
    int tables = 0;
    QStringList problems;
    double seconds = 0;
};

// Recreates a deployment's database from a backup that carries its schema, under a new
// name or on another server (disaster recovery, moving servers): creates the database
// (refusing one that exists and holds tables), builds the schema and rows, and compares
// the result with the backup. Any failure drops what it created.
class NewDatabaseRestore
{
public:
    // `profile` reaches the server (its database is only used to connect: on PostgreSQL,
    // where CREATE DATABASE runs); `name` is the database to create.
    static NewDatabaseOutcome run(const ConnectionProfile& profile, const QString& file,
                                  const QString& name, const ProgressCallback& progress = {},
                                  const CancelToken& cancel = CancelToken());
};

} // namespace omu

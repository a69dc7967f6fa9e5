#pragma once

#include "backup/BackupProgress.h"
#include "common/CancelToken.h"
#include "common/Result.h"
#include "connection/DatabaseSession.h"
#include "RollbackSource.h"

#include <QString>
#include <QStringList>

namespace omu {

// Builds a backup's state in a container of its own (a database on MySQL, a schema on
// PostgreSQL) beside whatever else the server holds, and checks a container against the
// backup: the schema as the catalog describes it and every table's rows.
class StateBuilder
{
public:
    // Creates `container` (or uses it when it exists and holds no table), creates the
    // schema, loads the rows of both files and reads every table back to compare it with
    // them (checking the file against its manifest on the way), then adds keys, indexes and
    // sequence values. The value is what differs, one sentence each (empty when every
    // table equals the backup); on a difference the schema is left unfinished.
    static Result<QStringList> build(DatabaseSession& session, const RollbackSource& source,
                                     const QString& container, const ProgressCallback& progress,
                                     const CancelToken& cancel);

    // What differs between `container` and the backup, one sentence each: the schema
    // description and, with `rows`, the set of tables and each table's rows (as a multiset
    // of lines, read in one snapshot). Empty when equal. After build() the rows are known
    // to be equal; a resumed rollback checks them here.
    static Result<QStringList> compare(DatabaseSession& session, const RollbackSource& source,
                                       const QString& container, const ProgressCallback& progress,
                                       const CancelToken& cancel, bool rows = true);

    static Result<bool> exists(DatabaseSession& session, const QString& container);
    static Result<int> tableCount(DatabaseSession& session, const QString& container);
    static Status drop(DatabaseSession& session, const QString& container);
    // Unqualified names then reach `container` (and the extension schemas the backup names).
    static Status use(DatabaseSession& session, const QString& container,
                      const QStringList& searchPath = {});
};

} // namespace omu

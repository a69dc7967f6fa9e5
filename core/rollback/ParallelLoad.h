#pragma once

#include "backup/BackupProgress.h"
#include "backup/BackupTable.h"
#include "common/CancelToken.h"
#include "common/Result.h"
#include "connection/DatabaseSession.h"
#include "RollbackSource.h"

#include <QMap>
#include <QStringList>

namespace omu {

// Loads a backup file's tables into a scratch container on several connections at once
// and checks them as it goes, which is what makes a rollback faster than replaying a dump:
//   - the file is split into parts of about 16 MB, largest tables first; each connection
//     takes the next part (ChunkLoader), so two connections share even one big table;
//   - when a table's last part is in, the connection that loaded it reads the table back
//     (TableReadback) and compares it with what was loaded, then adds the table's own
//     keys and indexes (`tableStatements`), while the others go on loading;
//   - a thread of its own checks every section's SHA-256 against the manifest.
// Returns what differs (one sentence per table; empty when every table equals the file).
// On an error or a difference nothing is undone here: the caller drops the container.
class ParallelLoad
{
public:
    struct Options
    {
        int connections = 2;
        qint64 partBytes = 16 * 1024 * 1024;
    };

    static Result<QStringList>
    run(DatabaseSession& session, const RollbackSource& source, const QString& container,
        const QMap<QString, BackupTable>& tables, const QMap<QString, QStringList>& tableStatements,
        const ProgressCallback& progress, const CancelToken& cancel, const Options& options);
    static Result<QStringList> run(DatabaseSession& session, const RollbackSource& source,
                                   const QString& container,
                                   const QMap<QString, BackupTable>& tables,
                                   const QMap<QString, QStringList>& tableStatements,
                                   const ProgressCallback& progress, const CancelToken& cancel)
    {
        return run(session, source, container, tables, tableStatements, progress, cancel,
                   Options{});
    }
};

} // namespace omu

#pragma once

#include "BackupProgress.h"
#include "common/CancelToken.h"
#include "common/Ending.h"
#include "common/Result.h"
#include "connection/DatabaseSession.h"
#include "SessionWatchdog.h"

#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

namespace omu {

struct RestoreOptions
{
    bool continueOnError = false; // run every line like `metadata restore` does, counting failures
    // Restore despite a version mismatch or an unknown version, a file that fails its
    // manifest, or a file cut short (the lines before the cut).
    bool force = false;
    // Run lines that are not backup statements, or name tables the target does not have.
    // Only for a file the user wrote and trusts: it runs with the restore account's rights.
    bool allowAnySql = false;
    // The OpenMetadata version a file without manifest was taken from, as the user says.
    QString backupVersion;
    WaitLimits limits;
    bool resetSequences = true;           // PostgreSQL: move serial sequences past the restored ids
    qint64 batchBytes = 16 * 1024 * 1024; // statements per transaction
    qint64 statementBytes = 1024 * 1024;  // rows merged into one INSERT
    // Tables (as written in the file) and their rows, from the manifest, for progress.
    QList<QPair<QString, qint64>> expectedTables;
};

struct RestoreFailure
{
    qint64 line = 0;
    QString statement; // the start of the line
    QString message;   // what the server said
};

struct RestoreOutcome
{
    Ending ending = Ending::Failed;
    Error error;
    qint64 statements = 0; // lines that ran successfully
    qint64 rows = 0;
    qint64 failedStatements = 0;
    QList<RestoreFailure> failures; // the first few
    QStringList notes;
    QMap<QString, qint64> rowsPerTable; // by the name written in the file
    QString lastTable; // the table the replay was in when it ended (empty: none yet)
    bool fileVerified = false;
    QString backupVersion;   // OpenMetadata version the backup came from ("" unknown)
    QString databaseVersion; // of the target before the restore
    double seconds = 0;
};

// Replays a backup file. Lines are read one by one; consecutive INSERTs into the same
// table are sent as one multi-row INSERT and many of them share a transaction, which is
// what makes it faster than a client replaying line by line. When a batch fails it is
// rolled back and replayed line by line, so the failing line is found, reported with its
// number and text, and (by default) the restore stops there, with every line before it
// applied, exactly as if each line had run on its own.
// The restore (BackupRestorer) and the deep verify (BackupVerifier) both replay through
// here, so neither needs the other.
class BackupReplayer
{
public:
    // Just the replay, into whatever the session's unqualified names reach.
    static RestoreOutcome replay(DatabaseSession& session, const QString& file,
                                 const RestoreOptions& options, const ProgressCallback& progress,
                                 const CancelToken& cancel,
                                 BackupProgress::Phase phase = BackupProgress::Phase::Restoring);

    static constexpr int keptFailures = 20;
};

} // namespace omu

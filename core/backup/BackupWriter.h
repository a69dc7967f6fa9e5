#pragma once

#include "BackupManifest.h"
#include "BackupProgress.h"
#include "common/CancelToken.h"
#include "common/Ending.h"
#include "common/Result.h"
#include "connection/ConnectionProfile.h"
#include "connection/DatabaseSession.h"
#include "SessionWatchdog.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace omu {

struct BackupOptions
{
    QString folder;
    QString fileName; // empty: openmetadata_YYYYmmddHHMM_backup.sql
    bool checkSpace = true;
    WaitLimits limits; // lock waits and stalls end the backup with a message
    // Called in the worker thread just before each table is read. Tests use it to act in
    // the middle of a backup (write a row, drop a table, cut the connection).
    std::function<void(const QString& table, int index)> beforeTable;
};

struct BackupOutcome
{
    Ending ending = Ending::Failed;
    Error error;  // when Failed
    QString file; // the finished backup (absolute path) when Succeeded
    QString manifestFile;
    BackupManifest manifest;
    QStringList notes; // housekeeping and warnings, one line each
    double seconds = 0;
};

// Takes the backup: one consistent snapshot (a repeatable-read, read-only transaction) of
// every table, streamed to `<file>.partial` in the format of OpenMetadata's `metadata
// backup`, fsynced, with `<file>.manifest.json` beside it. The manifest takes its name
// first and the backup its own after it, so at no instant is there a complete-looking
// backup without its complete manifest; an interruption between the two is finished by
// the next backup into the folder. Runs in the calling thread with its own connection
// (watched by a SessionWatchdog); call it from a worker.
class BackupWriter
{
public:
    static BackupOutcome run(const ConnectionProfile& profile, const BackupOptions& options,
                             const ProgressCallback& progress = {},
                             const CancelToken& cancel = CancelToken());

    // The one snapshot every table is read from (repeatable read, read only), with the
    // session settings that make values read back exactly as the backup writes them.
    static Status beginSnapshot(DatabaseSession& session);
    static void endSnapshot(DatabaseSession& session);

    // Tables smaller than this get an exact row count (for progress) inside the snapshot.
    static constexpr qint64 exactCountLimitBytes = 64LL * 1024 * 1024;
};

} // namespace omu

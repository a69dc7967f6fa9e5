#pragma once

#include "after/TuningReverter.h"
#include "backup/BackupProgress.h"
#include "backup/SessionWatchdog.h"
#include "common/CancelToken.h"
#include "common/Ending.h"
#include "common/Result.h"
#include "connection/ConnectionProfile.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace omu {

struct RollbackOptions
{
    QString file;            // the backup taken before the upgrade
    bool keepFailed = false; // keep the failed state under its own name for support
    QString by = QStringLiteral("omupgrade rollback");
    QString dataFolder; // the journal's (empty: the user's data folder)
    // The OpenMetadata server, checked to be stopped as the migration gate checks it.
    QString serverUrl = QStringLiteral("http://localhost:8585");
    bool serverConfirmedStopped = false;
    bool fromCommandLine = true;
    TuningReverter tuningReverter = defaultTuningReverter(); // empty: leave tuning alone
    WaitLimits limits;
    QDateTime now = QDateTime::currentDateTimeUtc(); // names the failed state
};

struct RollbackOutcome
{
    Ending ending = Ending::Failed;
    Error error;
    bool changed = false;  // the database was changed (false: refused or failed before the swap)
    bool verified = false; // the database equals the backup (schema and every table's rows)
    bool resumed = false;  // finished a rollback an earlier run left half done
    QString live;          // the database (MySQL) or schema (PostgreSQL) rolled back
    QString toVersion;     // the backup's OpenMetadata version
    QString fromVersion;   // the version the database was at before the rollback
    QString failedKeptAs;  // where the failed state is kept ("" when dropped)
    QString tuning;        // what happened to the tuning
    QStringList notes;
    QStringList problems; // what differed, when verification failed
    double seconds = 0;
};

// Puts the database back exactly as the backup found it. The backup's state is built in a
// scratch container beside the live one (a database on MySQL, a schema on PostgreSQL),
// compared with the backup (schema description and every table's rows), then swapped in at
// once: one multi-table RENAME TABLE on MySQL, two ALTER SCHEMA ... RENAME in one
// transaction on PostgreSQL. Until the swap the live database is untouched; after it the
// failed state sits under `<name>_omu_failed_<UTC time>`, dropped unless kept. A crash at
// any moment leaves one of the two states in place; the journal names the containers, so
// the next run finishes a swapped rollback or removes what an unswapped one built. The
// tuning is put back last. Runs in the calling thread with its own connection.
class Rollback
{
public:
    static RollbackOutcome run(const ConnectionProfile& profile, const RollbackOptions& options,
                               const ProgressCallback& progress = {},
                               const CancelToken& cancel = CancelToken());

    static QString scratchName(const QString& live);
    static QString failedName(const QString& live, const QDateTime& when);
};

} // namespace omu

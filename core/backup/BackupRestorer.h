#pragma once

#include "BackupReplayer.h"

namespace omu {

// The restore of a whole file into the deployment's database, refusing what is not a
// backup before anything runs.
class BackupRestorer
{
public:
    // Reads before it writes: the whole file is read first (nothing runs yet) and refused
    // when a line is not a backup statement for a table of the target (unless
    // allowAnySql), when it was cut short, does not match its manifest, was taken from
    // another or an unknown OpenMetadata version (unless force), or is empty. Then takes
    // the target's restore lock (GET_LOCK / pg_try_advisory_lock: a second restore into
    // the same database is refused, from any machine) and replays, checking each line
    // again as it runs it. Opens its own connection, watched by a SessionWatchdog.
    static RestoreOutcome restore(const ConnectionProfile& profile, const QString& file,
                                  const RestoreOptions& options,
                                  const ProgressCallback& progress = {},
                                  const CancelToken& cancel = CancelToken());
};

} // namespace omu

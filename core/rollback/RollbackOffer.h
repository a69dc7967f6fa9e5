#pragma once

#include "connection/ConnectionProfile.h"

#include <QString>

namespace omu {

// What the wizard may offer as the way back, read from the journal through core (the
// front end never reads entries itself): the newest verified backup, whether it can roll
// back (taken by omupgrade with its schema, still where it was written) and whether a
// rollback started and did not finish.
struct RollbackOffer
{
    bool available = false;
    QString file;
    QString version;      // the backup's OpenMetadata version
    QString reason;       // why it is not available, for people
    QString backupTime;   // when it was verified (ISO 8601, UTC)
    QString serverUrl;    // the OpenMetadata server the migration checked, if any
    bool pending = false; // a rollback started and did not finish: the next one finishes it
    // The newest migration failed, was cancelled or interrupted: the database may be half
    // migrated.
    bool migrationUnfinished = false;

    static RollbackOffer find(const ConnectionProfile& profile, const QString& dataFolder);
};

} // namespace omu

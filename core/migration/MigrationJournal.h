#pragma once

#include "journal/UpgradeJournal.h"
#include "MigrationCommand.h"
#include "MigrationPlan.h"
#include "MigrationRunner.h"

namespace omu {

// What the migration step writes to the deployment's journal (step "migration"), so a
// later run, the After step and the report know what happened. Facts only: the command
// as displayed (password shown as ***), never a secret.
class MigrationJournal
{
public:
    static constexpr const char* step = "migration";

    static Status recordStarted(UpgradeJournal& journal, const MigrationPlan& plan,
                                const MigrationCommand& command, const QString& logFile,
                                const QString& serverUrl = {});
    static Status recordFinished(UpgradeJournal& journal, const MigrationOutcome& outcome);
    // A fresh log file path beside the journal: migration-<UTC time>.log.
    static QString newLogFile(const UpgradeJournal& journal);
};

} // namespace omu

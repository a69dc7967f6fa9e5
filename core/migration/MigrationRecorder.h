#pragma once

#include "journal/JournalRecorder.h"
#include "MigrationPlan.h"
#include "MigrationRunner.h"
#include "ToolCommandLine.h"

namespace omu {

// What the migration step writes to the deployment's journal (step "migration"), so a
// later run, the After step and the report know what happened. Facts only: the command
// as displayed (password shown as ***), never a secret.
class MigrationRecorder : public JournalRecorder
{
public:
    using JournalRecorder::JournalRecorder;

    Status started(const MigrationPlan& plan, const ToolCommandLine& command,
                   const QString& logFile, const QString& serverUrl = {}) const;
    // On disk as "finished" with the outcome's ending.
    Status ended(const MigrationOutcome& outcome) const;
    // The tool's repair of Flyway's history (on disk as "repair").
    Status repaired(const MigrationOutcome& outcome) const;
    // A fresh log file path beside the journal: migration-<UTC time>.log.
    QString newLogFile() const;
};

} // namespace omu

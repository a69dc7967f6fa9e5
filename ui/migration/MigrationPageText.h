#pragma once

#include "journal/JournalProgress.h"
#include "migration/MigrationGate.h"
#include "migration/MigrationPlan.h"
#include "migration/MigrationSettings.h"

#include <QString>

namespace omu::ui::migrationtext {

// What the Migration page says, kept apart from its widgets.

// The banner for a migration the journal says did not end well ("" when it did, or none
// ran): interrupted, failed or cancelled, and whether the tuning is still in place; or
// why the journal cannot be read.
QString resumeNotice(const Result<JournalProgress>& progress);
// Why Run is disabled ("" when it is not).
QString whyNotRunnable(bool planned, bool commandBuilt, const GateReport& gate);
// The folded release form and gate while a run is on screen: the release, from → to, mode.
QString setupSummary(const MigrationPlan& plan, const QString& release,
                     const MigrationSettings& settings);

} // namespace omu::ui::migrationtext

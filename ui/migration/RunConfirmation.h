#pragma once

#include "journal/JournalProgress.h"
#include "migration/MigrationPlan.h"

#include <QString>

class QWidget;

namespace omu::ui {

// The commit point: before OpenMetadata's migration tool changes the database, the user
// confirms which database (`database` as people read it), from and to which release, and
// the backup it can be restored from. True when they said run.
bool confirmRun(QWidget* parent, const QString& database, const MigrationPlan& plan, bool force,
                const JournalProgress& progress);

} // namespace omu::ui

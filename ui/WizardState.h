#pragma once

#include "connection/ConnectionResolver.h"
#include "connection/InspectionReport.h"
#include "journal/JournalProgress.h"
#include "migration/MigrationSettings.h"

#include <optional>

namespace omu::ui {

// What the pages hand on to each other. Owned by the wizard; pages keep a pointer.
struct WizardState
{
    // Files and explicit values from the command line, then the Welcome page's choices.
    ConnectionSources sources;
    QString targetRelease;

    // Set by the Connection page once a test succeeded with exactly these fields.
    std::optional<ConnectionProfile> testedProfile;
    std::optional<InspectionReport> inspection;

    // Set by the Migration page when the migration ran out of sort memory, so the Tuning
    // page suggests a larger value than the one that failed; cleared once a run succeeds.
    struct SortMemoryFailure
    {
        std::optional<qint64> inForceBytes; // what a new connection got; read by Tuning
    };
    std::optional<SortMemoryFailure> sortMemoryFailure;

    // The release and the way the migration ran, set by the Migration page when it starts a
    // run; the After page runs the ops script's reindex the same way.
    QString distributionRoot;
    std::optional<MigrationSettings> migrationSettings;

    // Where the upgrade journal and reports live; empty means the user's data folder.
    // Tests point it at a temporary folder.
    QString dataFolder;

    // What the journal of the tested database says; an error until a connection test
    // succeeded (the journal is kept per database).
    Result<JournalProgress> journalProgress() const;
};

} // namespace omu::ui

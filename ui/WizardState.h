#pragma once

#include "connection/ConnectionResolver.h"
#include "connection/InspectionReport.h"

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

    // Where the upgrade journal and reports live; empty means the user's data folder.
    // Tests point it at a temporary folder.
    QString dataFolder;
};

} // namespace omu::ui

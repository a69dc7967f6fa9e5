#pragma once

namespace omu::ui {

// The wizard's pages in the order of the design; the ids are stable (tests use them).
enum WizardPageId : int
{
    WelcomePageId = 0,
    ConnectionPageId,
    BackupPageId,
    TuningPageId,
    ReviewPageId,
    MigrationPageId,
    AfterPageId,
};

} // namespace omu::ui

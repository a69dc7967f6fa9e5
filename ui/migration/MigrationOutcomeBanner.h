#pragma once

#include "common/ResultBanner.h"
#include "migration/MigrationRunner.h"

class QPushButton;

namespace omu::ui {

// The Migration page's result: the run's state and, after a failure, what happened, what
// to do about each known failure, and a button for the next step (back to Tuning, repair,
// retry with --force).
class MigrationOutcomeBanner : public ResultBanner
{
    Q_OBJECT

public:
    explicit MigrationOutcomeBanner(QWidget* parent = nullptr);

    void showStopping(); // Cancel was pressed
    // The run could not start: `why` (plain text); `stale` when pressing Run again is the fix.
    void showNotStarted(const QString& why, bool stale = false);
    void showForceConfirmation(); // the next step is a retry with --force
    void showSucceeded(const MigrationOutcome& outcome);
    void showRepaired(const MigrationOutcome& outcome);
    // A failed or cancelled run; focuses the next step's button when there is one.
    void showFailure(const MigrationOutcome& outcome);
    // The failed run was rolled back to `version`: the failure is history now.
    void showRolledBack(const QString& version);
    void hideNextStep();
    void setNextStepEnabled(bool enabled);

Q_SIGNALS:
    void nextStepChosen(MigrationFailure::NextStep step);

private:
    QPushButton* m_nextStepButton;
};

} // namespace omu::ui

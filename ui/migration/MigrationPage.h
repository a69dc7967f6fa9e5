#pragma once

#include "journal/JournalProgress.h"
#include "migration/MigrationGate.h"
#include "migration/MigrationRecorder.h"
#include "migration/ToolCommandLine.h"
#include "WizardState.h"

#include <QWizardPage>

#include <optional>

class QLabel;

namespace omu::ui {

class MigrationCommandPreparer;
class MigrationGateBox;
class MigrationReleaseForm;
class MigrationRunPanel;
class MigrationOutcomeBanner;

// Step 6, the commit page: plan the release's migration against this database, check
// the gate (verified backup, tuning, no open blocker, server stopped), show the exact
// command, run it with a live searchable log and per-version progress, recognise the
// known failures and offer the next step (back to Tuning, repair, retry, --force).
// Next (Commit) is enabled once the database is at the release. The page ties together
// MigrationReleaseForm, MigrationGateBox and MigrationRunPanel, and records in the journal.
class MigrationPage : public QWizardPage
{
    Q_OBJECT

public:
    MigrationPage(WizardState* state, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override { return isComplete(); }

Q_SIGNALS:
    // The sort-memory advice's button: the wizard goes back to Tuning for a larger value.
    void tuningRequested();

private:
    void readJournal(bool showBanner);
    void startPlan();
    void planReady();
    void evaluateGate();
    void rebuildCommand();
    void updateButtons();
    void run(MigrationAction action);
    void startRun(MigrationAction action, MigrationSettings settings,
                  const Result<ToolCommandLine>& command);
    void runFinished();
    void showOutcome();
    void takeNextStep(MigrationFailure::NextStep step);

    WizardState* m_state;
    QLabel* m_resumeBanner;
    MigrationReleaseForm* m_release;
    MigrationGateBox* m_gate;
    MigrationOutcomeBanner* m_status;
    MigrationRunPanel* m_run;
    MigrationCommandPreparer* m_preparer;

    std::optional<ToolCommandLine> m_command;
    JournalProgress m_progressJournal;
    GateReport m_gateReport;
    MigrationAction m_runningAction = MigrationAction::Migrate;
    bool m_succeeded = false;
    bool m_outcomeToShow = false; // a run ended; its outcome waits for the new plan
};

} // namespace omu::ui

#pragma once

#include "journal/JournalProgress.h"
#include "migration/MigrationCommand.h"
#include "migration/MigrationGate.h"
#include "migration/MigrationPlan.h"
#include "migration/MigrationRecorder.h"
#include "WizardState.h"

#include <QWizardPage>

#include <optional>

class QCheckBox;
class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTreeWidget;

namespace omu {
class MigrationRunner;
class OpenMetadataServerClient;
class AsyncTask;
} // namespace omu

namespace omu::ui {

class ResultBanner;

// Step 6, the commit page: plan the release's migration against this database, check
// the gate (verified backup, tuning, no open blocker, server stopped), show the exact
// command, run it with a live searchable log and per-version progress, recognise the
// known failures and offer the next step (back to Tuning, repair, retry, --force).
// Next (Commit) is enabled once the database is at the release.
class MigrationPage : public QWizardPage
{
    Q_OBJECT

public:
    MigrationPage(WizardState* state, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

Q_SIGNALS:
    // The sort-memory advice's button: the user goes back to Tuning for a larger value.
    void tuningRequested();

private:
    void readJournal(bool showBanner);
    void startPlan();
    void showPlan();
    void checkServer();
    void evaluateGate();
    void rebuildCommand();
    void updateButtons();
    void run(MigrationAction action);
    // Starts a run with a command built for `action` (the gate and plan already checked).
    void startRun(MigrationAction action, const MigrationSettings& settings,
                  const Result<MigrationCommand>& command);
    void runFinished();
    void showVersions();
    void appendLog(const QString& line);
    void findInLog();
    void showAdvice();
    void takeNextStep();
    void goBackToTuning();
    void setStatus(const QString& state, const QString& html);
    MigrationSettings currentSettings() const;
    MigrationRecorder recorder() const;

    WizardState* m_state;
    AsyncTask* m_worker;
    MigrationRunner* m_runner;
    OpenMetadataServerClient* m_server;

    QLabel* m_resumeBanner;
    QLineEdit* m_distributionEdit;
    QPushButton* m_planButton;
    QLabel* m_planLabel;
    QComboBox* m_modeCombo;
    QStackedWidget* m_modeStack;
    QLineEdit* m_configEdit;
    QLineEdit* m_composeEdit;
    QLineEdit* m_serviceEdit;
    QLineEdit* m_containerEdit;
    QLineEdit* m_namespaceEdit;
    QLineEdit* m_podEdit;
    QLineEdit* m_jobNamespaceEdit;
    QLineEdit* m_deploymentEdit;
    QLineEdit* m_imageEdit;
    QLabel* m_gateLabel;
    QLineEdit* m_serverUrlEdit;
    QPushButton* m_checkServerButton;
    QCheckBox* m_serverStoppedCheck;
    QCheckBox* m_forceCheck;
    QPlainTextEdit* m_commandEdit;
    QPushButton* m_runButton;
    QPushButton* m_cancelButton;
    QProgressBar* m_progress;
    QTreeWidget* m_versionsTree;
    QLabel* m_watchdogLabel;
    QLineEdit* m_logSearchEdit;
    QPlainTextEdit* m_logView;
    ResultBanner* m_status;
    QPushButton* m_nextStepButton;

    std::optional<OpenMetadataDistribution> m_distribution;
    std::optional<MigrationPlan> m_plan;
    QString m_planError;
    std::optional<MigrationCommand> m_command;
    QString m_commandError;
    JournalProgress m_progressJournal;
    MigrationGate::ServerState m_serverState = MigrationGate::ServerState::NotChecked;
    QString m_serverVersion;
    QString m_serverDetail;
    GateReport m_gate;
    MigrationAction m_runningAction = MigrationAction::Migrate;
    bool m_planning = false;
    bool m_commandBuilding = false; // the job mode reads the deployment with kubectl
    bool m_rebuildAgain = false;    // settings changed while it did
    int m_commandGeneration = 0;    // bumped on every change: a late kubectl answer is dropped
    bool m_succeeded = false;
};

} // namespace omu::ui

#pragma once

#include "common/RunningWork.h"
#include "migration/MigrationPlan.h"
#include "migration/MigrationRunner.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace omu::ui {

// The run itself: the exact command, Run and Cancel, progress per version, the watchdog's
// word when the tool goes quiet, and the live, searchable log beside the versions. It owns
// the MigrationRunner; `outcome` (the page's result banner) sits between the buttons and
// the log, where the eye already is. It is the migration's RunningWork: the leave
// dialog's "stop it" is its Cancel.
class MigrationRunPanel : public QWidget, public RunningWork
{
    Q_OBJECT

public:
    MigrationRunPanel(QWidget* outcome, QWidget* parent = nullptr);

    MigrationRunner* runner() const { return m_runner; }
    bool isRunning() const;
    bool hasLog() const; // a run has printed something in this session

    bool isWorkRunning() const override { return isRunning(); }
    QString runningWorkName() const override { return tr("the migration"); }
    QString runningWorkText() const override;
    void stopWork() override;

    void showCommand(const QString& text, bool isError = false);
    // The versions the plan would run, "waiting" — unless a run already showed its own.
    void showPlanned(const MigrationPlan& plan);
    // Versions and progress as the runner has them.
    void showVersions();
    // Runs `command`, following SERVER_CHANGE_LOG on `profile` for the plan's versions.
    void start(const ToolCommandLine& command, const ConnectionProfile& profile,
               const MigrationPlan& plan, const QString& logFile, int silenceSeconds);
    void setRunnable(bool enabled, const QString& whyNot);
    void setRunText(const QString& text);

    // --force is only offered after a partial run.
    bool forceChosen() const;
    void offerForce(bool focus);
    void withdrawForce();
    // The database is back where it was before the run (rolled back): Run starts afresh.
    void startOver();

Q_SIGNALS:
    void runRequested();
    void cancelRequested(); // Cancel pressed: the runner is asked to stop
    void forceToggled();

private:
    void appendLog(const QString& line);
    void findInLog();

    MigrationRunner* m_runner;
    QPlainTextEdit* m_commandView;
    QCheckBox* m_forceCheck;
    QPushButton* m_runButton;
    QPushButton* m_cancelButton;
    QProgressBar* m_progress;
    QLabel* m_watchdogLabel;
    QTreeWidget* m_versionsTree;
    QLineEdit* m_logSearchEdit;
    QPlainTextEdit* m_logView;
};

} // namespace omu::ui

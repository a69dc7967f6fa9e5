#pragma once

#include "rollback/Rollback.h"
#include "rollback/RollbackOffer.h"
#include "WizardState.h"

#include <QGroupBox>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace omu {
class AsyncTask;
class MigrationRunner;
} // namespace omu

namespace omu::ui {

class ResultBanner;

// "Roll back to <version>": the way back after a failed or partial migration (Migration
// page) or a result the admin does not want (After page). Offers the newest verified
// backup from the journal, asks for a confirmation on the panel itself (with "keep the
// failed state", on by default), runs core's Rollback off the UI thread showing each step,
// and shows the verified result. It looks at the journal each time its page is shown and
// after each run of the watched migration, so the page only has to place it.
class RollbackPanel : public QGroupBox
{
    Q_OBJECT

public:
    enum class When
    {
        MigrationUnfinished, // the newest migration failed, was cancelled or interrupted
        BackupAvailable,     // whenever a backup can roll back (the After page)
    };
    // `page`: the page it sits on, whose showing makes it look again.
    RollbackPanel(WizardState* state, When when, QWidget* page);
    // MigrationUnfinished, looking again whenever `runner` finishes a run.
    RollbackPanel(WizardState* state, const MigrationRunner* runner, QWidget* page);

    // Reads the journal and shows the offer (or why there is none).
    void offer();
    bool isRunning() const;

Q_SIGNALS:
    // The database is back at the backup's version `version`, verified.
    void rolledBack(const QString& version);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refresh();
    void bringIntoView();
    void askToConfirm();
    void start();
    void finished(const RollbackOutcome& outcome);

    WizardState* m_state;
    When m_when;
    RollbackOffer m_offer;
    bool m_done = false; // rolled back: the result stays shown
    ResultBanner* m_banner;
    QPushButton* m_rollbackButton;
    QWidget* m_confirmRow;
    QCheckBox* m_keepFailed;
    QPushButton* m_confirmButton;
    QPushButton* m_cancelButton;
    QProgressBar* m_progress;
    QLabel* m_stepLabel;
    AsyncTask* m_task;
};

} // namespace omu::ui

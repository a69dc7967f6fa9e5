#pragma once

#include "backup/BackupTask.h"
#include "BackupResultText.h"
#include "common/Ending.h"
#include "common/RunningWork.h"
#include "WizardState.h"

#include <QPushButton>
#include <QWizardPage>

#include <memory>
#include <optional>

class QCheckBox;
class QFrame;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;

namespace omu::ui {

class BackupProgressPanel;
class BackupTargetForm;
class OwnBackupField;
class RestoreBox;
class ResultBanner;

// Step 3: back up the metadata database. The user picks a folder (free space shown and
// checked against the database's size), backs up with progress per table and overall, can
// cancel, and the file is verified against its manifest as soon as it is written. Next is
// enabled after a verified backup, or when the user says they hold their own backup and
// names it; both are recorded in the upgrade journal. A backup can also be restored from
// here, after the user types the database's name. A verified backup of the same database
// at the same version, on record in the journal, is offered instead of a new one.
class BackupPage : public QWizardPage, public RunningWork
{
    Q_OBJECT

public:
    BackupPage(WizardState* state, QWidget* parent = nullptr);
    ~BackupPage() override;

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    bool isWorkRunning() const override { return m_job->isRunning(); }
    QString runningWorkName() const override
    {
        return m_restoring ? tr("the restore") : tr("the backup");
    }
    QString runningWorkText() const override { return backuptext::runningText(m_restoring); }
    void stopWork() override // the page's own Cancel
    {
        if (m_cancelButton->isEnabled())
            m_cancelButton->click();
    }

private:
    void reuseRecordedBackup();
    void folderChanged();
    void startBackup();
    void startRestore();
    void jobFinished();
    void showBackupOutcome(const backuptext::BackupRun& outcome);
    void showRestoreOutcome(const backuptext::BackupRun& outcome);
    void updateRestoreButton();
    void setBusy(bool busy);
    bool hasVerifiedBackup() const;
    ConnectionProfile profile() const
    {
        return m_state->testedProfile.value_or(ConnectionProfile{});
    }
    qint64 databaseBytes() const
    {
        return m_state->inspection ? m_state->inspection->openMetadata.totalBytes : 0;
    }

    WizardState* m_state;
    BackupTask* m_job;
    std::shared_ptr<backuptext::BackupRun> m_outcome; // filled by the worker, read when it finishes
    bool m_restoring = false;
    // The verified backup, and the connection it is for (a later test of other fields
    // makes it stale).
    std::optional<ConnectionProfile> m_verifiedFor;

    QLabel* m_sourceLabel;
    BackupTargetForm* m_target;
    QPushButton* m_backupButton;
    QPushButton* m_cancelButton;
    BackupProgressPanel* m_progressBox;
    ResultBanner* m_result;
    OwnBackupField* m_ownBackup;
    QCheckBox* m_restoreToggle;
    RestoreBox* m_restoreBox;
};

} // namespace omu::ui

#pragma once

#include "common/Ending.h"
#include "WizardState.h"

#include <QWizardPage>

#include <memory>
#include <optional>

class QCheckBox;
class QFrame;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace omu {
class BackgroundJob;
}

namespace omu::ui {

class ResultBanner;

// Step 3: back up the metadata database. The user picks a folder (free space shown and
// checked against the database's size), backs up with progress per table and overall, can
// cancel, and the file is verified against its manifest as soon as it is written. Next is
// enabled after a verified backup, or when the user says they hold their own backup and
// names it; both are recorded in the upgrade journal. A backup can also be restored from
// here, after the user types the database's name.
class BackupPage : public QWizardPage
{
    Q_OBJECT

public:
    BackupPage(WizardState* state, QWidget* parent = nullptr);
    ~BackupPage() override;

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    struct Outcome;

    void folderChanged();
    void browseFolder();
    void browseRestoreFile();
    void startBackup();
    void startRestore();
    void cancel();
    void showProgress();
    void showEnding(Ending ending, const QString& summary);
    void jobFinished();
    void showBackupOutcome(const Outcome& outcome);
    void showRestoreOutcome(const Outcome& outcome);
    void updateRestoreButton();
    void setBusy(bool busy);
    void setResult(const QString& state, const QString& html);
    ConnectionProfile profile() const;
    qint64 databaseBytes() const;

    WizardState* m_state;
    BackgroundJob* m_job;
    std::shared_ptr<Outcome> m_outcome; // filled by the worker, read when it finishes
    bool m_restoring = false;
    // The verified backup, and the connection it is for (a later test of other fields
    // makes it stale).
    std::optional<ConnectionProfile> m_verifiedFor;
    QString m_verifiedFile;

    QLabel* m_sourceLabel;
    QLineEdit* m_folderEdit;
    QPushButton* m_browseButton;
    QLabel* m_spaceLabel;
    QLineEdit* m_fileNameEdit;
    QCheckBox* m_deepCheck;
    QPushButton* m_backupButton;
    QPushButton* m_cancelButton;
    QWidget* m_progressBox;
    QLabel* m_phaseLabel;
    QProgressBar* m_overallProgress;
    QLabel* m_overallLabel;
    QProgressBar* m_tableProgress;
    QLabel* m_tableLabel;
    ResultBanner* m_result;
    QCheckBox* m_ownBackupCheck;
    QLineEdit* m_ownBackupEdit;
    QCheckBox* m_restoreToggle;
    QGroupBox* m_restoreBox;
    QLineEdit* m_restoreFileEdit;
    QPushButton* m_restoreBrowseButton;
    QLabel* m_restoreConfirmLabel;
    QLineEdit* m_restoreConfirmEdit;
    QPushButton* m_restoreButton;
};

} // namespace omu::ui

#pragma once

#include "after/AfterRecorder.h"
#include "after/TuningReverter.h"
#include "journal/JournalProgress.h"
#include "WizardState.h"

#include <QWizardPage>

class QFrame;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace omu {
class MigrationRunner;
class OpenMetadataServerClient;
class AsyncTask;
} // namespace omu

namespace omu::ui {

// Step 7: check that the database records the target, put the tuning back (from the
// journal, so it works after a crash too), check the new server's version once the user
// has started it, trigger the reindex, give the ingestion clients' pip lines, and write
// the report (JSON and HTML, secrets redacted).
class AfterPage : public QWizardPage
{
    Q_OBJECT

public:
    AfterPage(WizardState* state, QWidget* parent = nullptr);

    void initializePage() override;
    // The tuning step's revert by default; tests may swap it.
    void setTuningReverter(TuningReverter reverter) { m_reverter = std::move(reverter); }

private:
    void verifyDatabase();
    void showTuning();
    // Once the database is verified to hold the target, the raised value has done its job.
    void revertTuningIfMigrated(bool databaseHoldsTarget);
    void revertTuning();
    void checkServerVersion();
    void triggerReindex();
    // openmetadata-ops.sh reindex (1.3+): no token needed, runs where the migration ran.
    void reindexWithOpsScript();
    void opsReindexFinished();
    void showIngestionCommands();
    void writeReport();
    AfterRecorder recorder() const;
    Result<JournalProgress> progress() const;
    void setLine(QLabel* label, const QString& state, const QString& html);

    WizardState* m_state;
    AsyncTask* m_worker;
    OpenMetadataServerClient* m_server;
    TuningReverter m_reverter;
    QString m_target;
    bool m_automaticRevert = false;
    bool m_reverting = false; // one revert at a time: automatic and manual may meet

    QLabel* m_verifyLabel;
    QLabel* m_tuningLabel;
    QPushButton* m_revertButton;
    QLineEdit* m_serverUrlEdit;
    QPushButton* m_checkVersionButton;
    QLabel* m_serverVersionLabel;
    QLineEdit* m_botTokenEdit;
    QPushButton* m_reindexButton;
    QPushButton* m_opsReindexButton;
    MigrationRunner* m_opsRunner;
    QLabel* m_reindexLabel;
    QLineEdit* m_workflowsEdit;
    QPushButton* m_ingestionButton;
    QPlainTextEdit* m_pipLines;
    QPushButton* m_copyPipButton;
    QLineEdit* m_reportFolderEdit;
    QPushButton* m_writeReportButton;
    QLabel* m_reportLabel;
};

} // namespace omu::ui

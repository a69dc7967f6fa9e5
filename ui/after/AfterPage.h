#pragma once

#include "after/AfterRecorder.h"
#include "after/TuningReverter.h"
#include "journal/JournalProgress.h"
#include "WizardState.h"

#include <QWizardPage>

class QLabel;
class QPushButton;

namespace omu {
class AsyncTask;
}

namespace omu::ui {

class AfterServerBox;
class IngestionLinesBox;
class ReportBox;

// Step 7: check that the database records the target, put the tuning back (from the
// journal, so it works after a crash too), then the new server (AfterServerBox), the
// ingestion clients' pip lines (IngestionLinesBox) and the report (ReportBox).
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
    AfterRecorder recorder() const;

    WizardState* m_state;
    AsyncTask* m_worker;
    TuningReverter m_reverter;
    QString m_target;
    QString m_targetSchema;     // the newest migration m_target ships, from the journal
    QString m_distributionRoot; // the release migrated to, when known: what it ships
    bool m_automaticRevert = false;
    bool m_reverting = false; // one revert at a time: automatic and manual may meet

    QLabel* m_verifyLabel;
    QLabel* m_tuningLabel;
    QPushButton* m_revertButton;
    AfterServerBox* m_serverBox;
    IngestionLinesBox* m_ingestionBox;
    ReportBox* m_reportBox;
};

} // namespace omu::ui

#pragma once

#include "WizardState.h"

#include <QWizardPage>

#include <optional>

class QFrame;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace omu {
class TuningTask;
struct TuningReport;
} // namespace omu

namespace omu::ui {

class ResultBanner;
class TuningInstructionsBox;
class TuningSkipRow;
class TuningStateBox;

// Step 4: sort_buffer_size / work_mem (TuningStateBox, TuningInstructionsBox beside it). Shows the
// value a new connection of the migration's user gets and where it comes from, the size of
// query_entity, the recommendation and why; applies it so that it reaches the migration (verified
// through a new connection) and reverts it from the journal. When the user may not change it, says
// exactly what to do instead: SQL for a DBA, the config-file line, or the managed service's route.
class TuningPage : public QWizardPage
{
    Q_OBJECT

public:
    TuningPage(WizardState* state, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    // Reads the value in force and the recommendation again.
    void refresh();

private:
    void startApply();
    void startRevert();
    void showTaskResult();
    void showReport(const TuningReport& report);
    void setBusy(bool busy, const QString& what = {});
    void setResult(const QString& state, const QString& html);
    bool startTask(int action, std::optional<qint64> bytes = std::nullopt);

    WizardState* m_state;
    TuningTask* m_task;
    bool m_haveReport = false;

    QLabel* m_banner;
    TuningStateBox* m_stateBox;
    QLabel* m_recommendationLabel;
    QLabel* m_recommendationReasonLabel;
    QLineEdit* m_valueEdit;
    QPushButton* m_applyButton;
    QPushButton* m_revertButton;
    QPushButton* m_refreshButton;
    QProgressBar* m_progress;
    ResultBanner* m_result;
    TuningInstructionsBox* m_instructionsBox;
    TuningSkipRow* m_skipRow; // off without a tested connection and while a change runs
};

} // namespace omu::ui

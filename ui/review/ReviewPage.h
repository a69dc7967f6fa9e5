#pragma once

#include "review/Catalog.h"
#include "review/FixPlan.h"
#include "review/ReviewReport.h"
#include "WizardState.h"

#include <QSet>
#include <QWizardPage>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;

namespace omu {
class ReviewTask;
}

namespace omu::ui {

class FindingDetailPane;
class FindingsFilterBar;
class FindingsTree;
class FixPreviewPane;
class ResultBanner;
class ReviewBrowser;
class ReviewInputsForm;

// Step 5: every deprecation and breaking change between the running release and the
// target that touches this deployment (its files, database and search engine), grouped
// by severity and release, with why and how to fix each; the safe fixes are chosen with
// checkboxes, previewed as a diff and applied. Next stays disabled while a blocker is
// neither fixed nor acknowledged. The review itself runs on a worker thread. The page ties
// ReviewInputsForm, FindingsTree, FindingDetailPane and FixPreviewPane together.
class ReviewPage : public QWizardPage
{
    Q_OBJECT

public:
    ReviewPage(WizardState* state, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    // For tests and the summary: blockers that are neither fixed nor acknowledged.
    int openBlockers() const;

private:
    void startReview();
    void reviewFinished();
    void applyFilter();
    void showDetail();
    void updatePreview();
    void applyFixes();
    void openSelectedFile();
    void acknowledgementChanged(bool acknowledged);
    void updateSummary();
    void setBanner(const QString& state, const QString& html);
    void setBusy(bool busy);

    WizardState* m_state;
    ReviewTask* m_task;
    std::shared_ptr<const Catalog> m_catalog;
    QString m_catalogError;
    std::optional<ReviewReport> m_report;
    std::optional<FixPlan> m_plan;
    QSet<QString> m_acknowledged; // acknowledgementKey of blockers the user accepted
    QSet<QString> m_chosen;       // Finding::key of fixes ticked
    QList<Finding> m_fixed;       // fixed by this page, for the journal and the report
    bool m_keepBanner = false;    // keep the "fixed" banner through the next review

    ReviewInputsForm* m_inputs;
    QProgressBar* m_progress;
    QLabel* m_statusLabel;
    ResultBanner* m_banner;
    FindingsFilterBar* m_filter;
    ReviewBrowser* m_browser;
    FindingsTree* m_tree;
    FindingDetailPane* m_detail;
    FixPreviewPane* m_preview;
    QLabel* m_summaryLabel;
};

} // namespace omu::ui

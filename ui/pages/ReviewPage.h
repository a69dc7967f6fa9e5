#pragma once

#include "review/Catalog.h"
#include "review/FixPlan.h"
#include "review/ReviewReport.h"
#include "WizardState.h"

#include <QSet>
#include <QWizardPage>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QSplitter;
class QPushButton;
class QTabWidget;
class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;

namespace omu {
class ReviewTask;
}

namespace omu::ui {

// Step 5: every deprecation and breaking change between the running release and the
// target that touches this deployment (its files, database and search engine), grouped
// by severity and release, with why and how to fix each; the safe fixes are chosen with
// checkboxes, previewed as a diff and applied. Next stays disabled while a blocker is
// neither fixed nor acknowledged. The review itself runs on a worker thread.
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
    void fillTree();
    void applyFilter();
    void showDetail();
    void updatePreview();
    void applyFixes();
    void openSelectedFile();
    void acknowledgementChanged(bool acknowledged);
    void updateSummary();
    void setBanner(const QString& state, const QString& html);
    void setBusy(bool busy);
    const Finding* selectedFinding() const;
    QList<Finding> chosenFixes() const;
    void markAcknowledged(QTreeWidgetItem* item, const Finding& finding) const;
    static QString acknowledgementKey(const Finding& finding);

    WizardState* m_state;
    ReviewTask* m_task;
    std::shared_ptr<const Catalog> m_catalog;
    QString m_catalogError;
    std::optional<ReviewReport> m_report;
    std::optional<FixPlan> m_plan;
    QSet<QString> m_acknowledged; // acknowledgementKey of blockers the user accepted
    QSet<QString> m_chosen;       // Finding::key of fixes ticked
    bool m_filling = false;
    bool m_keepBanner = false; // keep the "fixed" banner through the next review

    QComboBox* m_fromCombo;
    QLabel* m_toLabel;
    QLineEdit* m_workflowsEdit;
    QLineEdit* m_codeEdit;
    QLineEdit* m_scriptsEdit;
    QLineEdit* m_searchUrlEdit;
    QPushButton* m_runButton;
    QProgressBar* m_progress;
    QLabel* m_statusLabel;
    QFrame* m_bannerFrame;
    QLabel* m_bannerLabel;
    QComboBox* m_filterCombo;
    QLineEdit* m_filterEdit;
    QSplitter* m_splitter;
    QTreeWidget* m_tree;
    QTabWidget* m_tabs;
    QTextBrowser* m_detail;
    QPushButton* m_openFileButton;
    QCheckBox* m_acknowledgeCheck;
    QPlainTextEdit* m_preview;
    QPushButton* m_applyButton;
    QLabel* m_summaryLabel;
};

} // namespace omu::ui

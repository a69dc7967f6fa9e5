#pragma once

#include "review/ReviewEngine.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace omu::ui {

// What to review: the release step (from the running release to the target), and where
// the user's workflows, connector code and search engine are; "Review again" runs it.
class ReviewInputsForm : public QWidget
{
    Q_OBJECT

public:
    explicit ReviewInputsForm(QWidget* parent = nullptr);

    void setReleases(const QString& from, const QString& to);
    // The step and the folders, into the request (the files and database come from the
    // wizard's state).
    void fillRequest(ReviewRequest& request) const;
    void setRunning(bool running);

Q_SIGNALS:
    void runRequested();

private:
    QPushButton* browseButton(QLineEdit* edit, const QString& title);

    QComboBox* m_fromCombo;
    QLabel* m_toLabel;
    QString m_to;
    QLineEdit* m_workflowsEdit;
    QLineEdit* m_codeEdit;
    QLineEdit* m_scriptsEdit;
    QLineEdit* m_searchUrlEdit;
    QPushButton* m_runButton;
};

} // namespace omu::ui

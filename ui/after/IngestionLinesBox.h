#pragma once

#include "WizardState.h"

#include <QGroupBox>

class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace omu::ui {

// "Upgrade the ingestion clients": the pip lines for the target, with the plugins the
// user's workflow YAMLs use when they point at them (recorded in the journal then).
class IngestionLinesBox : public QGroupBox
{
    Q_OBJECT

public:
    IngestionLinesBox(const WizardState* state, QWidget* parent = nullptr);

    void showLines(const QString& target);

private:
    void refresh();

    const WizardState* m_state;
    QString m_target;
    QLineEdit* m_workflowsEdit;
    QPlainTextEdit* m_pipLines;
    QPushButton* m_copyButton;
};

} // namespace omu::ui

#pragma once

#include "WizardState.h"

#include <QGroupBox>

#include <functional>

class QLabel;
class QLineEdit;

namespace omu::ui {

// "Keep a report": the folder (beside the journal by default) and the report written
// there, JSON and HTML, every secret removed (the password, and those `secrets` names);
// "Open report" writes it afresh and opens the HTML in the desktop's browser.
class ReportBox : public QGroupBox
{
    Q_OBJECT

public:
    ReportBox(const WizardState* state, std::function<QStringList()> secrets,
              QWidget* parent = nullptr);

    void prepare(); // the default folder, once the connection is known

private:
    QString write(); // the HTML file written, "" when it could not be

    const WizardState* m_state;
    std::function<QStringList()> m_secrets;
    QLineEdit* m_folderEdit;
    QLabel* m_resultLabel;
};

} // namespace omu::ui

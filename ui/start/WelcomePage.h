#pragma once

#include "WizardState.h"

#include <QWizardPage>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace omu::ui {

// Step 1: which deployment (its files, or nothing and type it in) and which release.
class WelcomePage : public QWizardPage
{
    Q_OBJECT

public:
    WelcomePage(WizardState* state, QWidget* parent = nullptr);

    void initializePage() override;
    bool validatePage() override;

private:
    void browseForFile(QLineEdit* target, const QString& caption);
    void addEnvFiles();
    void showError(const QString& text);

    WizardState* m_state;
    QLineEdit* m_configEdit;
    QListWidget* m_envFileList;
    QLineEdit* m_helmValuesEdit;
    QComboBox* m_targetCombo;
    QLabel* m_errorLabel;
};

} // namespace omu::ui

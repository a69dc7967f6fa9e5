#pragma once

#include "WizardState.h"

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QListWidget;

namespace omu::ui {

class ReleasePlanWidget;

// Step 1: which deployment (its files, or nothing and type it in) and which release.
class WelcomePage : public QWizardPage
{
    Q_OBJECT

public:
    WelcomePage(WizardState* state, QWidget* parent = nullptr);

    void initializePage() override;
    bool validatePage() override;

protected:
    void showEvent(QShowEvent* event) override;

private:
    void browseForFile(QLineEdit* target, const QString& caption);
    void addEnvFiles();
    void showError(const QString& text);
    void showDatabaseRelease();
    void showUnfinished();

    WizardState* m_state;
    QLineEdit* m_configEdit;
    QListWidget* m_envFileList;
    QLineEdit* m_helmValuesEdit;
    ReleasePlanWidget* m_releasePlan;
    QLabel* m_errorLabel;
    QLabel* m_unfinishedLabel;
};

} // namespace omu::ui

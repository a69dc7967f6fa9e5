#pragma once

#include "WizardState.h"

#include <QMap>
#include <QStringList>
#include <QWizardPage>

#include <optional>

class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace omu {
class InspectionTask;
}

namespace omu::ui {

class ConnectionFields;
class ResultBanner;

// Step 2: the connection resolved from the files, editable, and a real test of it.
// Next is enabled only after a successful test of exactly the fields shown.
class ConnectionPage : public QWizardPage
{
    Q_OBJECT

public:
    ConnectionPage(WizardState* state, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

    ConnectionProfile currentProfile() const;

private:
    void resolveFromSources();
    // The subtitle says where the values came from: files, the command line or defaults.
    void describeSources();
    void startTest();
    void showOutcome();
    void fieldsEdited();
    void setBusy(bool busy);
    void setResult(const QString& state, const QString& html);
    // An earlier run of this deployment that stopped in or after the migration: the page
    // to continue at, or -1 to go on in order.
    int resumePage() const;

    WizardState* m_state;
    InspectionTask* m_task;

    ResultBanner* m_resolveBanner; // what reading the files said
    ConnectionFields* m_fields;
    QPushButton* m_testButton;
    QProgressBar* m_progress;
    ResultBanner* m_result;
    // The files the fields were last filled from: Back then Next keeps the user's edits
    // unless the Welcome page points at other files.
    std::optional<QStringList> m_resolvedFiles;
    std::optional<ConnectionProfile> m_lastTried; // the fields of the last test, passed or not
};

} // namespace omu::ui

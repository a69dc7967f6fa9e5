#pragma once

#include "WizardState.h"

#include <QWizard>

namespace omu::ui {

class StepSidebar;

// The upgrade, one page per step of the design, in order. Pages share WizardState.
class UpgradeWizard : public QWizard
{
    Q_OBJECT

public:
    explicit UpgradeWizard(const ConnectionSources& initialSources, QWidget* parent = nullptr);

    WizardState& state() { return m_state; }
    static QStringList stepTitles();
    // Back to an earlier page: with Back when it was visited, else restarted there (a
    // resumed upgrade opens on a later page).
    void goBackTo(int pageId);

private:
    WizardState m_state;
    StepSidebar* m_sidebar = nullptr;
};

} // namespace omu::ui

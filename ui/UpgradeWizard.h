#pragma once

#include "WizardState.h"

#include <QWizard>

namespace omu::ui {

class LeaveGuard;
class StepSidebar;

// The upgrade, one page per step of the design, in order. Pages share WizardState.
class UpgradeWizard : public QWizard
{
    Q_OBJECT

public:
    explicit UpgradeWizard(const ConnectionSources& initialSources, QWidget* parent = nullptr);

    WizardState& state() { return m_state; }
    // The unpacked release to migrate to (omupgrade --distribution DIR), prefilled on the
    // Start and Migration pages; the demo's stand-in says so in the window title.
    void setReleaseFolder(const QString& folder);
    static QStringList stepTitles();
    // Back to an earlier page: with Back when it was visited, else restarted there (a
    // resumed upgrade opens on a later page).
    void goBackTo(int pageId);

    // Close, Esc and Cancel: the LeaveGuard asks first when something runs or is left to do.
    void reject() override;

private:
    void guardBackButton();
    void holdBackAfterCommit();

    WizardState m_state;
    LeaveGuard* m_guard = nullptr;
    StepSidebar* m_sidebar = nullptr;
};

} // namespace omu::ui

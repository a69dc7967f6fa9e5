#pragma once

#include <QString>

namespace omu::ui {

// Work a page runs that leaving the wizard would cut off: a backup, a restore, the
// migration. The LeaveGuard finds every RunningWork in the wizard and asks before the
// wizard is left while one runs; its "stop it" is the page's own Cancel.
class RunningWork
{
public:
    virtual ~RunningWork() = default;

    virtual bool isWorkRunning() const = 0;
    // "the migration", "the backup": the dialog's buttons say it.
    virtual QString runningWorkName() const = 0;
    // What runs, and what stopping it leaves the database like (one paragraph, plain text).
    virtual QString runningWorkText() const = 0;
    // Exactly what the page's Cancel does.
    virtual void stopWork() = 0;
};

} // namespace omu::ui

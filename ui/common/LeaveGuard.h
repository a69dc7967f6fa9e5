#pragma once

#include "journal/LeftToDo.h"
#include "WizardState.h"

#include <QObject>

class QTimer;
class QWidget;

namespace omu {
class AsyncTask;
}

namespace omu::ui {

class RunningWork;

// Leaving is always safe and always explained. The wizard asks the guard before it is
// closed (window close, Esc, Cancel) and before Back leaves a page with work running. The
// guard asks the user whenever something is in flight (a RunningWork in the wizard) or
// left to undo (what LeftToDo reads from the journal), says what state the database is in
// and what omupgrade does next time, and does what the answer says: stay, stop the work
// with the page's own Cancel, close and continue later, or put the tuning back first.
class LeaveGuard : public QObject
{
    Q_OBJECT

public:
    LeaveGuard(QWidget* window, const WizardState* state);

    // True when the window may close now. Stopping the work first, or putting the tuning
    // back, returns false and emits leaveReady once that is done.
    bool mayClose();
    // True when Back may leave `page`: nothing of it runs, or the user let it run on.
    bool mayLeavePage(QWidget* page);

Q_SIGNALS:
    void leaveReady(); // what the user chose to finish before closing is finished

private:
    RunningWork* runningWork(QWidget* within) const;
    LeftToDo leftToDo() const;
    void closeOnceStopped(RunningWork* work);
    void revertThenClose();

    QWidget* m_window;
    const WizardState* m_state;
    QTimer* m_stopWatch;
    AsyncTask* m_revert;
    RunningWork* m_stopping = nullptr;
};

} // namespace omu::ui

#pragma once

#include "CancelToken.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>

namespace omu {

// The one way omupgrade runs work off the UI thread (after KeePassXC's AsyncTask::
// runThenCallback): start() runs `work` on a thread of its own (which opens its own
// database sessions; every call it makes has a timeout) and then `done` in the thread that
// owns this object, unless the object is gone by then. `work` gets a CancelToken that
// cancel() sets; it polls it between rows or checks.
//
// Parallel: every run ends with its `done` (short independent calls: a plan, a check).
// Supersede: a new start cancels the run under way and drops its `done`, so only the
// newest answer arrives (the user pressed Test again).
class AsyncTask : public QObject
{
    Q_OBJECT

public:
    enum class Overlap
    {
        Parallel,
        Supersede,
    };
    using Work = std::function<void(const CancelToken& cancel)>;

    explicit AsyncTask(Overlap overlap = Overlap::Parallel, QObject* parent = nullptr);
    explicit AsyncTask(QObject* parent) : AsyncTask(Overlap::Parallel, parent) {}
    ~AsyncTask() override; // cancels and waits: bounded by the work's own timeouts

    void start(Work work, std::function<void()> done = {});
    // Cancels every run under way.
    void cancel();
    // A run under way (with Supersede: the newest one).
    bool isRunning() const;
    bool cancelRequested() const;
    // Runs `call` in this object's thread later, if the run that asks is still the newest
    // (for progress reports from the work; a superseded run's are dropped).
    void post(quint64 generation, std::function<void()> call);
    quint64 generation() const { return m_generation; }

Q_SIGNALS:
    void started();
    void finished();

private:
    struct Run
    {
        QPointer<QThread> thread;
        CancelToken cancel;
        quint64 generation = 0;
    };

    Overlap m_overlap;
    QList<Run> m_runs;
    quint64 m_generation = 0;
};

} // namespace omu

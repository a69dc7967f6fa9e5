#pragma once

#include "BackupProgress.h"
#include "CancelToken.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>

namespace omu {

// Runs one long piece of core work on its own thread (which opens its own database
// session) and reports to the thread that owns this object: progress (throttled by the
// work itself) and the end. cancel() asks the work to stop; it polls between rows.
class BackgroundJob : public QObject
{
    Q_OBJECT

public:
    using Work = std::function<void(const ProgressCallback& progress, const CancelToken& cancel)>;

    explicit BackgroundJob(QObject* parent = nullptr);
    ~BackgroundJob() override; // cancels and waits: every call the work makes has a timeout

    // Refuses (returns false) while a run is under way.
    bool start(Work work);
    void cancel();
    bool isRunning() const { return m_running; }
    bool cancelRequested() const { return m_running && m_cancel.isCancelled(); }
    const BackupProgress& progress() const { return m_progress; }

Q_SIGNALS:
    void started();
    void progressed();
    void finished();

private:
    QPointer<QThread> m_thread;
    CancelToken m_cancel;
    BackupProgress m_progress;
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace omu

#pragma once

#include "BackupProgress.h"
#include "common/AsyncTask.h"

#include <QObject>

#include <functional>

namespace omu {

// One long piece of backup work off the UI thread (AsyncTask; the work opens its own
// database session), reporting to the thread that owns this object: progress (throttled
// by the work itself) and the end. cancel() asks the work to stop; it polls between rows.
class BackupTask : public QObject
{
    Q_OBJECT

public:
    using Work = std::function<void(const ProgressCallback& progress, const CancelToken& cancel)>;

    explicit BackupTask(QObject* parent = nullptr);

    // Refuses (returns false) while a run is under way.
    bool start(Work work);
    void cancel();
    bool isRunning() const { return m_async->isRunning(); }
    bool cancelRequested() const { return m_async->cancelRequested(); }
    const BackupProgress& progress() const { return m_progress; }

Q_SIGNALS:
    void started();
    void progressed();
    void finished();

private:
    AsyncTask* m_async;
    BackupProgress m_progress;
};

} // namespace omu

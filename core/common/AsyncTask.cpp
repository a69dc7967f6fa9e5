#include "AsyncTask.h"

namespace omu {

AsyncTask::AsyncTask(Overlap overlap, QObject* parent) : QObject(parent), m_overlap(overlap) {}

AsyncTask::~AsyncTask()
{
    cancel();
    for (const Run& run : std::as_const(m_runs))
        if (run.thread)
            run.thread->wait();
}

void AsyncTask::start(Work work, std::function<void()> done)
{
    if (m_overlap == Overlap::Supersede)
        for (const Run& run : std::as_const(m_runs))
            run.cancel.cancel(); // it stops at its next check; its answer is dropped
    const quint64 generation = ++m_generation;
    const CancelToken cancel;
    QThread* thread = QThread::create([work = std::move(work), cancel] { work(cancel); });
    thread->setObjectName(QStringLiteral("omupgrade-async"));
    connect(thread, &QThread::finished, this, [this, thread, generation, done = std::move(done)] {
        m_runs.removeIf([thread](const Run& run) { return run.thread == thread || !run.thread; });
        if (m_overlap == Overlap::Supersede && generation != m_generation)
            return;
        if (done)
            done();
        Q_EMIT finished();
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_runs.append(Run{thread, cancel, generation});
    thread->start();
    Q_EMIT started();
}

void AsyncTask::cancel()
{
    for (const Run& run : std::as_const(m_runs))
        run.cancel.cancel();
}

bool AsyncTask::isRunning() const
{
    if (m_overlap == Overlap::Parallel)
        return !m_runs.isEmpty();
    for (const Run& run : m_runs)
        if (run.generation == m_generation)
            return true;
    return false;
}

bool AsyncTask::cancelRequested() const
{
    for (const Run& run : m_runs)
        if (run.generation == m_generation)
            return run.cancel.isCancelled();
    return false;
}

void AsyncTask::post(quint64 generation, std::function<void()> call)
{
    QPointer<AsyncTask> self(this);
    QMetaObject::invokeMethod(
        this,
        [self, generation, call = std::move(call)] {
            if (self && self->m_generation == generation && self->isRunning())
                call();
        },
        Qt::QueuedConnection);
}

} // namespace omu

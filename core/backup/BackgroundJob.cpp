#include "BackgroundJob.h"

namespace omu {

BackgroundJob::BackgroundJob(QObject* parent) : QObject(parent) {}

BackgroundJob::~BackgroundJob()
{
    m_cancel.cancel();
    if (m_thread)
        m_thread->wait();
}

bool BackgroundJob::start(Work work)
{
    if (m_running)
        return false;
    const quint64 generation = ++m_generation;
    m_cancel = CancelToken();
    m_progress = BackupProgress();
    const CancelToken cancel = m_cancel;
    QPointer<BackgroundJob> self(this);
    const ProgressCallback progress = [self, generation](const BackupProgress& report) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, report] {
                if (!self || generation != self->m_generation || !self->m_running)
                    return;
                self->m_progress = report;
                Q_EMIT self->progressed();
            },
            Qt::QueuedConnection);
    };
    QThread* thread =
        QThread::create([work = std::move(work), progress, cancel] { work(progress, cancel); });
    thread->setObjectName(QStringLiteral("omupgrade-backup-job"));
    connect(thread, &QThread::finished, this, [this, generation] {
        if (generation != m_generation)
            return;
        m_running = false;
        Q_EMIT finished();
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_thread = thread;
    m_running = true;
    thread->start();
    Q_EMIT started();
    return true;
}

void BackgroundJob::cancel()
{
    if (m_running)
        m_cancel.cancel();
}

} // namespace omu

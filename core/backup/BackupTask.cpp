#include "BackupTask.h"

#include <QPointer>

namespace omu {

BackupTask::BackupTask(QObject* parent) : QObject(parent), m_async(new AsyncTask(this)) {}

bool BackupTask::start(Work work)
{
    if (m_async->isRunning())
        return false;
    m_progress = BackupProgress();
    const quint64 generation = m_async->generation() + 1; // the run start() begins below
    QPointer<BackupTask> self(this);
    const ProgressCallback progress = [self, generation](const BackupProgress& report) {
        if (self)
            self->m_async->post(generation, [self, report] {
                self->m_progress = report;
                Q_EMIT self->progressed();
            });
    };
    m_async->start(
        [work = std::move(work), progress](const CancelToken& cancel) { work(progress, cancel); },
        [this] { Q_EMIT finished(); });
    Q_EMIT started();
    return true;
}

void BackupTask::cancel()
{
    m_async->cancel();
}

} // namespace omu

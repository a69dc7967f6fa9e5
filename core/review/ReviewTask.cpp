#include "ReviewTask.h"

#include <QMetaObject>

namespace omu {

ReviewTask::ReviewTask(QObject* parent) : QObject(parent) {}

ReviewTask::~ReviewTask()
{
    if (m_cancel)
        m_cancel->store(true);
    // Every database and network call has a timeout, so this wait is bounded.
    for (const auto& thread : std::as_const(m_threads))
        if (thread)
            thread->wait();
}

void ReviewTask::start(std::shared_ptr<const Catalog> catalog, const ReviewRequest& request)
{
    if (m_cancel)
        m_cancel->store(true); // the superseded run stops at its next check
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const quint64 generation = ++m_generation;
    auto outcome = std::make_shared<std::optional<Outcome>>();
    auto cancel = m_cancel;
    QPointer<ReviewTask> self(this);
    QThread* thread = QThread::create([catalog, request, outcome, cancel, self, generation] {
        *outcome = ReviewEngine::run(*catalog, request, cancel.get(),
                                     [self, generation](const QString& text) {
                                         QMetaObject::invokeMethod(
                                             self.data(),
                                             [self, generation, text] {
                                                 if (self && self->m_generation == generation)
                                                     Q_EMIT self->progress(text);
                                             },
                                             Qt::QueuedConnection);
                                     });
    });
    thread->setObjectName(QStringLiteral("omupgrade-review"));
    connect(thread, &QThread::finished, this, [this, thread, generation, outcome] {
        m_threads.removeAll(thread);
        if (generation != m_generation || !outcome->has_value())
            return;
        m_outcome.reset();
        m_outcome.emplace(std::move(**outcome));
        m_running = false;
        Q_EMIT finished();
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_threads.append(thread);
    m_running = true;
    thread->start();
    Q_EMIT started();
}

void ReviewTask::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

} // namespace omu

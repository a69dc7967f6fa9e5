#include "WorkerCall.h"

namespace omu {

WorkerCall::WorkerCall(QObject* parent) : QObject(parent) {}

WorkerCall::~WorkerCall()
{
    for (const auto& thread : std::as_const(m_threads))
        if (thread)
            thread->wait();
}

void WorkerCall::start(std::function<void()> work, std::function<void()> done)
{
    QThread* thread = QThread::create(std::move(work));
    thread->setObjectName(QStringLiteral("omupgrade-worker"));
    ++m_running;
    connect(thread, &QThread::finished, this, [this, thread, done = std::move(done)] {
        m_threads.removeAll(thread);
        --m_running;
        if (done)
            done();
        Q_EMIT finished();
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_threads.append(thread);
    thread->start();
}

} // namespace omu

#include "InspectionTask.h"

#include <memory>

namespace omu {

InspectionTask::InspectionTask(QObject* parent) : QObject(parent) {}

InspectionTask::~InspectionTask()
{
    // Every call the worker makes has a timeout, so this wait is bounded.
    for (const auto& thread : std::as_const(m_threads))
        if (thread)
            thread->wait();
}

void InspectionTask::start(const ConnectionProfile& profile)
{
    const quint64 generation = ++m_generation;
    auto outcome = std::make_shared<std::optional<Outcome>>();
    QThread* thread = QThread::create([profile, outcome] { *outcome = ServerInspector::inspect(profile); });
    thread->setObjectName(QStringLiteral("omupgrade-inspect"));
    connect(thread, &QThread::finished, this, [this, thread, generation, outcome] {
        m_threads.removeAll(thread);
        if (generation != m_generation || !outcome->has_value())
            return;
        m_outcome = std::move(*outcome);
        m_running = false;
        Q_EMIT finished();
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_threads.append(thread);
    m_running = true;
    thread->start();
    Q_EMIT started();
}

} // namespace omu

#include "TuningTask.h"

#include <memory>

namespace omu {

namespace {

struct Answer
{
    std::optional<Result<TuningReport>> report;
    std::optional<Result<TuningOutcome>> outcome;
};

} // namespace

TuningTask::TuningTask(QObject* parent) : QObject(parent) {}

TuningTask::~TuningTask()
{
    // Every database call has a timeout, so this wait is bounded.
    if (m_thread)
        m_thread->wait();
}

bool TuningTask::start(const Request& request)
{
    if (m_thread)
        return false;
    auto answer = std::make_shared<Answer>();
    QThread* thread = QThread::create([request, answer] {
        SortMemoryTuner tuner(request.profile, request.dataFolder);
        if (request.managed)
            tuner.setManagedService(*request.managed);
        if (request.action == Action::Apply)
            answer->outcome = tuner.apply(request.bytes);
        else if (request.action == Action::Revert)
            answer->outcome = tuner.revert(request.force);
        answer->report = tuner.show();
    });
    thread->setObjectName(QStringLiteral("omupgrade-tuning"));
    connect(thread, &QThread::finished, this, [this, thread, answer] {
        if (m_thread == thread)
            m_thread = nullptr;
        if (answer->report)
            m_report = std::move(answer->report);
        if (answer->outcome)
            m_outcome = std::move(answer->outcome);
        Q_EMIT finished();
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_thread = thread;
    m_lastAction = request.action;
    if (request.action != Action::Show)
        m_outcome.reset();
    thread->start();
    Q_EMIT started();
    return true;
}

} // namespace omu

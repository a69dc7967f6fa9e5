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

TuningTask::TuningTask(QObject* parent) : QObject(parent), m_async(new AsyncTask(this)) {}

bool TuningTask::start(const Request& request)
{
    if (m_async->isRunning())
        return false;
    auto answer = std::make_shared<Answer>();
    m_lastAction = request.action;
    if (request.action != Action::Show)
        m_outcome.reset();
    m_async->start(
        [request, answer](const CancelToken&) {
            SortMemoryTuner tuner(request.profile, request.dataFolder);
            if (request.managed)
                tuner.setManagedService(*request.managed);
            if (request.action == Action::Apply)
                answer->outcome = tuner.apply(request.bytes);
            else if (request.action == Action::Revert)
                answer->outcome = tuner.revert(request.force);
            answer->report = tuner.show();
        },
        [this, answer] {
            if (answer->report)
                m_report = std::move(answer->report);
            if (answer->outcome)
                m_outcome = std::move(answer->outcome);
            Q_EMIT finished();
        });
    Q_EMIT started();
    return true;
}

} // namespace omu

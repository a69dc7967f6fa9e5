#include "InspectionTask.h"

#include <memory>

namespace omu {

InspectionTask::InspectionTask(QObject* parent)
    : QObject(parent), m_async(new AsyncTask(AsyncTask::Overlap::Supersede, this))
{
}

void InspectionTask::start(const ConnectionProfile& profile)
{
    auto outcome = std::make_shared<std::optional<Outcome>>();
    m_async->start(
        [profile, outcome](const CancelToken&) { *outcome = ServerInspector::inspect(profile); },
        [this, outcome] {
            if (!outcome->has_value())
                return;
            m_outcome = std::move(*outcome);
            Q_EMIT finished();
        });
    Q_EMIT started();
}

} // namespace omu

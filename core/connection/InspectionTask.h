#pragma once

#include "ConnectionProfile.h"
#include "ServerInspector.h"

#include "common/AsyncTask.h"

#include <QObject>

#include <optional>

namespace omu {

// ServerInspector::inspect off the UI thread (AsyncTask, with its own connection);
// finished() in the owner's thread. Starting again while a run is under way supersedes
// it: the older result is dropped when it arrives.
class InspectionTask : public QObject
{
    Q_OBJECT

public:
    using Outcome = Result<InspectionReport, ConnectionFailure>;

    explicit InspectionTask(QObject* parent = nullptr);

    void start(const ConnectionProfile& profile);
    bool isRunning() const { return m_async->isRunning(); }
    // The last finished run's outcome; empty before the first one finishes.
    const std::optional<Outcome>& outcome() const { return m_outcome; }

Q_SIGNALS:
    void started();
    void finished();

private:
    AsyncTask* m_async;
    std::optional<Outcome> m_outcome;
};

} // namespace omu

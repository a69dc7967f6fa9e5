#pragma once

#include "ConnectionProfile.h"
#include "ServerInspector.h"

#include <QObject>
#include <QList>
#include <QPointer>
#include <QThread>

#include <optional>

namespace omu {

// Runs ServerInspector::inspect on a worker thread (with its own connection) and emits
// finished() in the owner's thread. Starting again while a run is under way supersedes
// it: the older result is dropped when it arrives.
class InspectionTask : public QObject
{
    Q_OBJECT

public:
    using Outcome = Result<InspectionReport, ConnectionFailure>;

    explicit InspectionTask(QObject* parent = nullptr);
    ~InspectionTask() override;

    void start(const ConnectionProfile& profile);
    bool isRunning() const { return m_running; }
    // The last finished run's outcome; empty before the first one finishes.
    const std::optional<Outcome>& outcome() const { return m_outcome; }

Q_SIGNALS:
    void started();
    void finished();

private:
    QList<QPointer<QThread>> m_threads; // a superseded run may still be finishing
    std::optional<Outcome> m_outcome;
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace omu

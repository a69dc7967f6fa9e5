#pragma once

#include "SortMemoryTuner.h"

#include "common/AsyncTask.h"

#include <QObject>

#include <optional>

namespace omu {

// One SortMemoryTuner call off the UI thread (AsyncTask, with its own connections);
// finished() in the owner's thread. After apply or revert it also reads the state again,
// so the caller can show what is in force now. One call at a time: start() is refused
// while a call runs.
class TuningTask : public QObject
{
    Q_OBJECT

public:
    enum class Action
    {
        Show,
        Apply,
        Revert
    };
    struct Request
    {
        Action action = Action::Show;
        ConnectionProfile profile;
        QString dataFolder;
        std::optional<ManagedService> managed;
        std::optional<qint64> bytes; // Apply: the value; empty: the recommendation
        bool force = false;          // Revert: even if someone changed it since
    };

    explicit TuningTask(QObject* parent = nullptr);

    bool start(const Request& request);
    bool isRunning() const { return m_async->isRunning(); }
    Action lastAction() const { return m_lastAction; }
    // The state after the last call; empty before the first one finishes.
    const std::optional<Result<TuningReport>>& report() const { return m_report; }
    // The last apply or revert; reset when another apply or revert starts.
    const std::optional<Result<TuningOutcome>>& outcome() const { return m_outcome; }

Q_SIGNALS:
    void started();
    void finished();

private:
    AsyncTask* m_async;
    Action m_lastAction = Action::Show;
    std::optional<Result<TuningReport>> m_report;
    std::optional<Result<TuningOutcome>> m_outcome;
};

} // namespace omu

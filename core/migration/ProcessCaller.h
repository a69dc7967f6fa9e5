#pragma once

#include "ProcessCall.h"

#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>

namespace omu {

// Runs one ProcessCall asynchronously: its input on stdin, its own time limit (killed
// when reached), stdout and stderr kept apart. `finished` comes exactly once per start.
class ProcessCaller : public QObject
{
    Q_OBJECT

public:
    explicit ProcessCaller(QObject* parent = nullptr);
    ~ProcessCaller() override;

    void start(const ProcessCall& call, const QProcessEnvironment& environment);
    // Kills it; `finished` still comes, with crashed set.
    void abort();
    bool isRunning() const { return m_running; }
    const ProcessCallOutcome& result() const { return m_result; }

    // The same, waiting in a local event loop: for builders that need the answer at once
    // (the command line, a worker thread). Bounded by the call's time limit.
    static ProcessCallOutcome runNow(const ProcessCall& call,
                                     const QProcessEnvironment& environment);

Q_SIGNALS:
    void finished();

private:
    void end();

    QProcess* m_process = nullptr;
    QTimer m_timer;
    ProcessCallOutcome m_result;
    bool m_running = false;
};

} // namespace omu

#pragma once

#include "MigrationStep.h"

#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>

namespace omu {

// Runs one MigrationStep asynchronously: its input on stdin, its own time limit (killed
// when reached), stdout and stderr kept apart. `finished` comes exactly once per start.
class MigrationStepCall : public QObject
{
    Q_OBJECT

public:
    explicit MigrationStepCall(QObject* parent = nullptr);
    ~MigrationStepCall() override;

    void start(const MigrationStep& step, const QProcessEnvironment& environment);
    // Kills it; `finished` still comes, with crashed set.
    void abort();
    bool isRunning() const { return m_running; }
    const MigrationStepResult& result() const { return m_result; }

    // The same, waiting in a local event loop: for builders that need the answer at once
    // (the command line, a worker thread). Bounded by the step's time limit.
    static MigrationStepResult runNow(const MigrationStep& step,
                                      const QProcessEnvironment& environment);

Q_SIGNALS:
    void finished();

private:
    void end();

    QProcess* m_process = nullptr;
    QTimer m_timer;
    MigrationStepResult m_result;
    bool m_running = false;
};

} // namespace omu

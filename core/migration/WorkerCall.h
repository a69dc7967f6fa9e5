#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>

namespace omu {

// Runs a short piece of core work (a plan, a check, a revert: each with its own database
// connection and timeouts) on a worker thread, then `done` in the owner's thread. Pages
// use it so the window never freezes on a network round trip.
class WorkerCall : public QObject
{
    Q_OBJECT

public:
    explicit WorkerCall(QObject* parent = nullptr);
    ~WorkerCall() override; // waits: the work is bounded by its timeouts

    void start(std::function<void()> work, std::function<void()> done);
    bool isRunning() const { return m_running > 0; }

Q_SIGNALS:
    void finished();

private:
    QList<QPointer<QThread>> m_threads;
    int m_running = 0;
};

} // namespace omu

#include "SessionWatchdog.h"

#include "connection/DatabaseConnector.h"
#include "connection/QueryRows.h"
#include "connection/SessionControl.h"

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>

namespace omu {

namespace {

using Clock = std::chrono::steady_clock;

qint64 nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch())
        .count();
}

// A session quiet for this long may be waiting for a lock: ask the server.
constexpr qint64 quietBeforeProbeMs = 2000;
constexpr qint64 probeEveryMs = 2000;
// After a cancel or a lock timeout, the statement's own cancel has this long before the
// socket is shut down.
constexpr qint64 graceMs = 800;
constexpr int tickMs = 100;

} // namespace

struct SessionWatchdog::State
{
    // Fixed at the start.
    ConnectionProfile profile;
    qint64 sessionId = 0;
    int sessionSocket = -1;
    QString schema;
    CancelToken cancel;
    WaitLimits limits;
    ProgressCallback forward;

    std::mutex mutex;
    std::condition_variable changed;
    bool stopping = false;
    std::atomic<qint64> lastBeatMs{0};

    // The monitor's view.
    Reason reason = Reason::None;
    qint64 actedAtMs = -1;
    bool socketShut = false;
    bool standingDown = false;
    LockWait lastWait;   // the latest answer that said "waiting"
    QString shownWait;   // what was reported, to report changes only
    BackupProgress last; // the latest report, to send notices with

    // Requests to the probe thread and its answers.
    bool probeWanted = false;
    bool cancelWanted = false;
    bool probeBusy = false;
    bool probeFinished = false;
    qint64 probeRequestedMs = -1;
    qint64 probeFailedMs = -1;
    int probeSocket = -1;
    std::optional<LockWait> answer;
    qint64 answerMs = -1;

    std::mutex forwardMutex; // reports come from the work's thread and the monitor's
};

SessionWatchdog::SessionWatchdog(DatabaseSession& session, const CancelToken& cancel,
                                 const WaitLimits& limits, const ProgressCallback& progress,
                                 const QString& schema)
    : m_state(std::make_shared<State>())
{
    // A socket shut down under the driver must end in an error, not in SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    State& state = *m_state;
    state.profile = session.profile();
    state.sessionId = SessionControl::serverId(session);
    state.sessionSocket = SessionControl::socketDescriptor(session);
    state.schema = schema;
    state.cancel = cancel;
    state.limits = limits;
    state.forward = progress;
    state.lastBeatMs = nowMs();
    m_monitor = std::thread([state = m_state] { monitor(state); });
    // Detached: a probe stuck connecting to a frozen server must not hold up the end.
    std::thread([state = m_state] { probeLoop(state); }).detach();
}

SessionWatchdog::~SessionWatchdog()
{
    State& state = *m_state;
    {
        std::lock_guard lock(state.mutex);
        state.stopping = true;
        state.changed.notify_all();
    }
    // The monitor never waits on the server: it ends within a tick.
    if (m_monitor.joinable())
        m_monitor.join();
    std::unique_lock lock(state.mutex);
    // A probe stuck on a frozen server lets go once its socket is shut; one still
    // connecting is left to finish on its own (it holds its state).
    if (state.probeBusy)
        SessionControl::shutDownSocket(state.probeSocket);
    state.changed.wait_for(lock, std::chrono::milliseconds(500),
                           [&] { return state.probeFinished; });
}

ProgressCallback SessionWatchdog::progress() const
{
    return [state = m_state](const BackupProgress& report) {
        state->lastBeatMs = nowMs();
        BackupProgress copy = report;
        {
            std::lock_guard lock(state->mutex);
            state->last = report;
            copy.waiting.clear();
        }
        if (state->forward) {
            std::lock_guard lock(state->forwardMutex);
            state->forward(copy);
        }
    };
}

void SessionWatchdog::standDown()
{
    std::lock_guard lock(m_state->mutex);
    m_state->socketShut = true; // nothing more to shut
    m_state->standingDown = true;
}

SessionWatchdog::Reason SessionWatchdog::reason() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->reason;
}

std::optional<Error> SessionWatchdog::verdict(const QString& failure) const
{
    const State& state = *m_state;
    std::lock_guard lock(m_state->mutex);
    Reason reason = state.reason;
    if (reason == Reason::None && !failure.isEmpty() && SessionControl::isLockTimeout(failure))
        reason = Reason::LockTimeout;
    switch (reason) {
    case Reason::None:
    case Reason::Cancelled:
        return std::nullopt;
    case Reason::LockTimeout: {
        const QString held =
            state.lastWait.waiting
                ? state.lastWait.describe().mid(QStringLiteral("waiting for ").size())
                : QStringLiteral("a lock held by another session");
        return makeError(
            QStringLiteral("waited %1 s for %2, and gave up")
                .arg(state.limits.lockTimeoutSeconds)
                .arg(held),
            state.profile.displayName(),
            QStringLiteral("Another session holds a table this step needs. Let it finish or end "
                           "it (the pid above), then try again; a longer lock timeout "
                           "(--lock-timeout SECONDS on the command line) waits longer."));
    }
    case Reason::Stalled:
        return makeError(
            QStringLiteral("the server answered nothing for %1 s, so the work was stopped")
                .arg(state.limits.stallTimeoutSeconds),
            state.profile.displayName(),
            QStringLiteral("Check the database server (is it running, frozen, out of disk, or cut "
                           "off by the network?), then try again; a longer stall timeout "
                           "(--stall-timeout SECONDS on the command line) waits longer."));
    }
    return std::nullopt;
}

Status SessionWatchdog::setServerLockTimeout(DatabaseSession& session, const WaitLimits& limits)
{
    return SessionControl::setLockTimeout(session, limits.lockTimeoutSeconds);
}

void SessionWatchdog::monitor(const std::shared_ptr<State>& keep)
{
    State& state = *keep;
    std::unique_lock lock(state.mutex);
    auto act = [&](Reason reason) {
        state.reason = reason;
        state.actedAtMs = nowMs();
        if (reason == Reason::Stalled) {
            // A frozen server answers no cancel: let go of it at once.
            SessionControl::shutDownSocket(state.sessionSocket);
            state.socketShut = true;
        } else {
            state.cancelWanted = true;
        }
        state.changed.notify_all();
    };
    auto notify = [&](const QString& waiting) {
        if (waiting == state.shownWait)
            return;
        state.shownWait = waiting;
        BackupProgress report = state.last;
        report.waiting = waiting;
        lock.unlock();
        if (state.forward) {
            std::lock_guard forward(state.forwardMutex);
            state.forward(report);
        }
        lock.lock();
    };
    while (!state.stopping) {
        state.changed.wait_for(lock, std::chrono::milliseconds(tickMs));
        if (state.stopping)
            break;
        const qint64 now = nowMs();
        if (state.standingDown)
            continue;
        if (state.reason == Reason::None && state.cancel.isCancelled())
            act(Reason::Cancelled);
        if (state.reason != Reason::None) {
            if (!state.socketShut && now - state.actedAtMs >= graceMs) {
                SessionControl::shutDownSocket(state.sessionSocket);
                state.socketShut = true;
            }
            continue;
        }
        const qint64 quiet = now - state.lastBeatMs;
        if (quiet < quietBeforeProbeMs) {
            if (!state.shownWait.isEmpty())
                notify(QString()); // the wait is over
            state.answer.reset();
            continue;
        }
        if (!state.probeBusy && !state.probeWanted &&
            now - state.probeRequestedMs >= probeEveryMs && now - state.probeFailedMs >= 5000) {
            state.probeWanted = true;
            state.probeRequestedMs = now;
            state.changed.notify_all();
        }
        const bool waiting =
            state.answer && state.answer->waiting && now - state.answerMs < 3 * probeEveryMs + 5000;
        if (waiting) {
            state.lastWait = *state.answer;
            const qint64 seconds = quiet / 1000;
            // Said when the holder changes, and every ten seconds with the time waited.
            const QString described = state.lastWait.describe();
            if (!state.shownWait.startsWith(described + QLatin1Char(' ')) || seconds % 10 == 0)
                notify(QStringLiteral("%1 for %2 s; giving up after %3 s")
                           .arg(described)
                           .arg(seconds)
                           .arg(state.limits.lockTimeoutSeconds));
            if (quiet >= qint64(state.limits.lockTimeoutSeconds) * 1000)
                act(Reason::LockTimeout);
        } else {
            const qint64 seconds = quiet / 1000;
            if (quiet >= 5000 && (state.shownWait.isEmpty() || seconds % 10 == 0))
                notify(QStringLiteral("no progress for %1 s%2; giving up after %3 s")
                           .arg(seconds)
                           .arg(state.probeFailedMs >= 0 || state.probeBusy
                                    ? QStringLiteral(": the server does not answer")
                                    : QString())
                           .arg(state.limits.stallTimeoutSeconds));
            if (quiet >= qint64(state.limits.stallTimeoutSeconds) * 1000)
                act(Reason::Stalled);
        }
    }
}

void SessionWatchdog::probeLoop(std::shared_ptr<State> keep)
{
    State& state = *keep;
    std::unique_ptr<DatabaseSession> probe;
    std::unique_lock lock(state.mutex);
    for (;;) {
        state.changed.wait(
            lock, [&] { return state.stopping || state.probeWanted || state.cancelWanted; });
        if (state.stopping && !state.cancelWanted)
            break;
        const bool cancel = state.cancelWanted;
        const bool look = state.probeWanted && !cancel;
        state.cancelWanted = false;
        state.probeWanted = false;
        state.probeBusy = true;
        lock.unlock();

        if (!probe) {
            ConnectionProfile profile = state.profile;
            profile.connectTimeoutSeconds = std::min(profile.connectTimeoutSeconds, 5);
            DatabaseConnector::Options options;
            options.readTimeoutSeconds = 5;
            options.applicationName = QStringLiteral("omupgrade-watchdog");
            auto opened = DatabaseConnector::open(profile, options);
            if (opened) {
                probe = std::move(opened).value();
                const int fd = SessionControl::socketDescriptor(*probe);
                lock.lock();
                state.probeSocket = fd;
                const bool stop = state.stopping && !cancel;
                lock.unlock();
                if (stop) {
                    lock.lock();
                    break;
                }
            }
        }
        std::optional<LockWait> answer;
        if (probe && cancel)
            static_cast<void>(SessionControl::cancelStatement(*probe, state.sessionId));
        else if (probe && look)
            if (auto found = SessionControl::lockWait(*probe, state.sessionId, state.schema))
                answer = found.value();

        lock.lock();
        state.probeBusy = false;
        if (look) {
            if (answer) {
                state.answer = answer;
                state.answerMs = nowMs();
                state.probeFailedMs = -1;
            } else {
                state.probeFailedMs = nowMs();
                probe.reset(); // connect again next time
                state.probeSocket = -1;
            }
        }
        state.changed.notify_all();
    }
    state.probeSocket = -1;
    lock.unlock();
    probe.reset();
    lock.lock();
    state.probeFinished = true;
    state.changed.notify_all();
}

} // namespace omu

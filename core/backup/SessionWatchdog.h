#pragma once

#include "BackupProgress.h"
#include "common/CancelToken.h"
#include "common/Result.h"
#include "connection/DatabaseSession.h"

#include <memory>
#include <optional>
#include <thread>

namespace omu {

// How long a backup, verify or restore may wait before the watchdog ends it.
struct WaitLimits
{
    int lockTimeoutSeconds = 120;  // waiting for a lock another session holds
    int stallTimeoutSeconds = 120; // no progress at all (a frozen or unreachable server)

    static constexpr int maxSeconds = 24 * 3600;
};

// Watches one long-running session from a thread of its own, so that nothing waits
// forever and a cancel is obeyed even while a statement blocks:
//   - a cancel (the button, SIGINT, SIGTERM) cancels the running statement from a second
//     connection (pg_cancel_backend / KILL QUERY) and, if the session has not let go
//     within a second, shuts its socket down;
//   - when no progress is reported for a few seconds, it asks the server (from the second
//     connection) whether the session waits for a lock, and reports "waiting for a lock
//     held by pid N (query …)" through the progress callback; after lockTimeoutSeconds of
//     waiting it cancels the statement;
//   - no progress for stallTimeoutSeconds without a lock wait the server confirms (a
//     frozen server answers nothing, not even the second connection) ends the session by
//     shutting its socket down.
// Progress is whatever passes through progress(): wrap the work's callback with it.
class SessionWatchdog
{
public:
    enum class Reason
    {
        None,
        Cancelled,
        LockTimeout,
        Stalled
    };

    // `schema`: the MySQL database or PostgreSQL schema worked on (names the sessions that
    // may hold a lock when the server cannot say which one does).
    SessionWatchdog(DatabaseSession& session, const CancelToken& cancel, const WaitLimits& limits,
                    const ProgressCallback& progress, const QString& schema);
    ~SessionWatchdog(); // stops watching; returns within about half a second
    SessionWatchdog(const SessionWatchdog&) = delete;
    SessionWatchdog& operator=(const SessionWatchdog&) = delete;

    // The callback to give the work: each report counts as progress and is passed on
    // (from two threads: the work's and the watchdog's; never at the same time).
    ProgressCallback progress() const;
    // Why the watchdog ended the session's statement, if it did.
    Reason reason() const;
    // The blocked statement has returned and the owner cleans up (drops a scratch copy):
    // no socket is shut down from now on. Lock waits of the cleanup are still bounded by
    // the server's own lock timeout.
    void standDown();
    // What to tell the user instead of the driver's words when the watchdog ended the
    // statement, or the server's own lock timeout did (`failure`: the driver's text).
    std::optional<Error> verdict(const QString& failure = {}) const;

    // The server's own lock timeout for the session, as a backstop: PostgreSQL's
    // lock_timeout, MySQL's lock_wait_timeout and innodb_lock_wait_timeout.
    static Status setServerLockTimeout(DatabaseSession& session, const WaitLimits& limits);

private:
    struct State;
    static void monitor(const std::shared_ptr<State>& state);
    static void probeLoop(std::shared_ptr<State> state);

    std::shared_ptr<State> m_state;
    std::thread m_monitor;
};

} // namespace omu

#pragma once

#include "common/Result.h"
#include "DatabaseSession.h"

#include <QString>

namespace omu {

// Who holds the lock a session waits for, as far as the server tells.
struct LockWait
{
    bool waiting = false; // the session waits for a lock right now
    qint64 holderId = 0;  // the holder's process id (PostgreSQL) or connection id; 0 unknown
    QString holderQuery;  // its running or last statement, masked and cut
    QString what;         // the kind of wait ("Waiting for table metadata lock", "relation")
    QString candidates;   // when the holder is unknown: sessions that may hold it

    // "waiting for a lock held by pid 4711 (query LOCK TABLE …)"
    QString describe() const;
};

// A session seen and steered from outside: its server-side id, its socket, and what a
// second connection can do to it (cancel its statement, find who blocks it). Used by
// the watchdog that keeps long backups and restores from waiting forever.
class SessionControl
{
public:
    // pg_backend_pid() / CONNECTION_ID(); 0 when it cannot be read.
    static qint64 serverId(DatabaseSession& session);
    // The connection's socket, from the driver's handle; -1 when unknown.
    static int socketDescriptor(DatabaseSession& session);
    // Ends every blocked read or write on the socket at once (the server may be frozen,
    // where no cancel request is ever answered). The descriptor stays open for its owner.
    static void shutDownSocket(int fd);

    // Cancels the statement session `id` runs, from the `other` session:
    // pg_cancel_backend() or KILL QUERY.
    static Status cancelStatement(DatabaseSession& other, qint64 id);
    // Whether session `id` waits for a lock and who holds it: pg_locks/pg_stat_activity on
    // PostgreSQL; on MySQL and MariaDB the processlist, InnoDB's lock waits and, where the
    // metadata_lock_info plugin is installed, the holder of a metadata lock (without it
    // the holder of a LOCK TABLES is not known, and the sessions in `schema` are named).
    static Result<LockWait> lockWait(DatabaseSession& other, qint64 id, const QString& schema);
    // The server's own lock timeout for `session`: PostgreSQL's lock_timeout, MySQL's
    // lock_wait_timeout and innodb_lock_wait_timeout (at least 1 s).
    static Status setLockTimeout(DatabaseSession& session, int seconds);
    // Whether a statement's failure is that timeout ending its wait (55P03, 1205).
    static bool isLockTimeout(const QString& failure);
    // After one of `session`'s statements gave up waiting (its lock timeout): who holds a
    // lock that keeps readers out of this database now, found as lockWait() finds holders.
    static LockWait lockHolders(DatabaseSession& session, const QString& schema);
};

} // namespace omu

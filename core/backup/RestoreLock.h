#pragma once

#include "common/Result.h"
#include "connection/DatabaseSession.h"

#include <QString>

namespace omu {

// The lock a restore holds on its target, kept by the server (GET_LOCK on MySQL and
// MariaDB, a session-level pg_try_advisory_lock on PostgreSQL), so a second restore into
// the same database sees it from any machine. It goes with the session: a restore that
// dies leaves no lock behind.
class RestoreLock
{
public:
    // Takes the lock for `schema` (the MySQL database or PostgreSQL schema) on `session`,
    // or says who holds it.
    static Status take(DatabaseSession& session, const QString& schema);
};

} // namespace omu

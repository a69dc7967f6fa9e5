#pragma once

#include "connection/ConnectionProfile.h"

#include <QString>

namespace omu::test {

// A second session holding one table locked until it goes (LOCK TABLES ... WRITE on
// MariaDB, LOCK TABLE ... IN ACCESS EXCLUSIVE MODE inside a transaction on PostgreSQL), for
// tests of lock waits. Its last statement is the LOCK, so that is what the server shows as
// its query.
class LockHolder
{
public:
    LockHolder(const ConnectionProfile& profile, const QString& table);
    ~LockHolder();
    LockHolder(const LockHolder&) = delete;
    LockHolder& operator=(const LockHolder&) = delete;

    qint64 id() const { return m_id; } // CONNECTION_ID() / pg_backend_pid()
    const QString& error() const { return m_error; }

private:
    QString m_name;
    QString m_error;
    qint64 m_id = 0;
};

} // namespace omu::test

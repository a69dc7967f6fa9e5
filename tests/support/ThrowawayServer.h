#pragma once

#include "connection/ConnectionProfile.h"

#include <QString>

namespace omu::test {

// A MariaDB or PostgreSQL server of a test's own (tests/support/throwaway-server.sh), in a
// folder below $OMU_SERVERS_DIR: a test that freezes a server, or needs a second one (a
// restore onto another server), leaves the shared servers alone. Stopped and removed when
// it goes; scripts/test's cleanup stops any a crashed test left.
class ThrowawayServer
{
public:
    ThrowawayServer() = default;
    ThrowawayServer(const ThrowawayServer&) = delete;
    ThrowawayServer& operator=(const ThrowawayServer&) = delete;
    ~ThrowawayServer();

    bool start(Engine engine, QString* error);
    // Creates `name` (UTF-8, as OpenMetadata's setup does).
    bool createDatabase(const QString& name, QString* error) const;

    qint64 pid() const { return m_pid; } // mysqld, or PostgreSQL's postmaster
    // Its admin account (omu_admin), on `database`.
    ConnectionProfile profile(const QString& database) const;

private:
    Engine m_engine = Engine::Unknown;
    QString m_dir;
    qint64 m_pid = 0;
    ConnectionProfile m_admin;
};

} // namespace omu::test

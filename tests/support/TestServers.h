#pragma once

#include "connection/ConnectionProfile.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace omu::test {

// The throwaway servers scripts/test starts (OMU_TEST_MARIADB_* / OMU_TEST_PG_*).
// admin() is a profile for the admin account with every privilege, pointing at `database`.
class TestServers
{
public:
    // nullopt when scripts/test did not start that server; tests then QFAIL with
    // unavailableMessage(), so a run without servers can never pass silently.
    static std::optional<ConnectionProfile> admin(Engine engine, const QString& database = {});
    static QString unavailableMessage(Engine engine);

    // A database (MariaDB) or database (PostgreSQL) with a name unique to this process.
    static QString uniqueName(const QString& prefix);
    static bool createDatabase(Engine engine, const QString& name, QString* error = nullptr);
    // The same on any server `server` reaches (a throwaway one; its database is ignored).
    static bool createDatabase(const ConnectionProfile& server, const QString& name,
                               QString* error = nullptr);
    static bool dropDatabase(Engine engine, const QString& name, QString* error = nullptr);

    // Runs one statement as the admin on `database` (the server's default when empty).
    static bool exec(Engine engine, const QString& database, const QString& sql,
                     QString* error = nullptr);
    static bool exec(const ConnectionProfile& profile, const QString& sql,
                     QString* error = nullptr);

    // A MariaDB user with every privilege on `database` only (not SUPER: it cannot SET
    // GLOBAL), as the migration's own user often is; dropMySqlUser() removes it.
    static bool createMySqlUser(const QString& user, const QString& password,
                                const QString& database, QString* error = nullptr);
    static void dropMySqlUser(const QString& user);

    // The first value `sql` returns through a connection opened just for it: a new session,
    // so it sees what the migration's next connection would ("<failed: ...>", "<null>",
    // "<no row>" and "<cannot connect: ...>" otherwise).
    static QString freshValue(const ConnectionProfile& profile, const QString& sql);

    // An open QSqlDatabase for the admin on `database`, with a unique connection name.
    // Remove it with QSqlDatabase::removeDatabase(db.connectionName()) after use.
    static QSqlDatabase open(Engine engine, const QString& database, QString* error = nullptr);
    // The same for any server (a throwaway one): `profile`, as it says.
    static QSqlDatabase open(const ConnectionProfile& profile, QString* error = nullptr);
};

} // namespace omu::test

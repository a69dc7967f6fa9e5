#pragma once

#include "common/Result.h"
#include "common/Version.h"
#include "connection/DatabaseSession.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace omu {

// What a database's own bookkeeping says about its migrations: SERVER_CHANGE_LOG (native
// versions applied), SERVER_MIGRATION_SQL_LOGS (statements run, per version) and
// DATABASE_CHANGE_LOG (Flyway). Read in one go on the caller's session.
struct DatabaseMigrationState
{
    bool hasChangeLog = false;                     // false: OpenMetadata 1.0.x or older
    QList<Version> appliedVersions;                // SERVER_CHANGE_LOG, numeric order
    QHash<QString, QSet<QString>> loggedChecksums; // version -> checksums in SQL_LOGS
    Version flywayVersion; // highest successful Flyway version; null if none
    int failedFlywayScripts = 0;

    // The numerically highest applied version; null when none.
    Version current() const;
    bool holds(const Version& version) const;
    // Versions with statements logged but no SERVER_CHANGE_LOG row: a run that stopped
    // in the middle of them.
    QStringList partiallyApplied() const;

    static Result<DatabaseMigrationState> read(DatabaseSession& session);
    // PostgreSQL has no read timeout on the connection: bound each statement instead.
    static void limitStatementTime(DatabaseSession& session, int seconds = 60);
    // Opens its own connection (with the profile's timeouts), for worker threads.
    static Result<DatabaseMigrationState> read(const ConnectionProfile& profile);
};

} // namespace omu

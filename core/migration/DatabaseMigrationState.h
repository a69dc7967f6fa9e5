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
// DATABASE_CHANGE_LOG (Flyway). Read in one go on the caller's session. Understands the
// 2.1 shape too: SERVER_CHANGE_LOG's migrationType (a BASELINE row stands for every
// version below it) and status (a STARTED or FAILED row is a step that did not finish).
struct DatabaseMigrationState
{
    bool hasChangeLog = false;                     // false: OpenMetadata 1.0.x or older
    QList<Version> appliedVersions;                // completed native steps, numeric order
    QHash<QString, QSet<QString>> loggedChecksums; // version -> checksums in SQL_LOGS
    Version flywayVersion; // highest successful Flyway version; null if none
    int failedFlywayScripts = 0;
    Version baseline; // "2.0.0-baseline": the schema of every version below 2.0.0
    struct Unfinished
    {
        QString version;
        QString status; // STARTED or FAILED
    };
    QList<Unfinished> unfinished; // steps a run left behind: repair, then migrate

    // The numerically highest applied version (or the baseline); null when none.
    Version current() const;
    bool holds(const Version& version) const;
    // Whether the database holds release `release`: it records `schema`, the newest
    // migration the release ships (1.3.1 has no folder of its own: 1.3.0), and no step
    // is unfinished. A null `schema` (the release's migrations unknown) asks for a row of
    // the release's own number.
    bool holdsRelease(const Version& release, const Version& schema) const;
    // Whether OpenMetadata's migration would run a native folder of this version: newer
    // than every applied step, not covered by a baseline, or left unfinished.
    bool isPending(const Version& folder) const;
    // Whether SERVER_MIGRATION_SQL_LOGS holds a statement's checksum, for any version:
    // OpenMetadata skips a statement it has run before wherever it was logged.
    bool isLogged(const QString& checksum) const;
    // Versions with statements logged but no completed SERVER_CHANGE_LOG row, and
    // unfinished steps: runs that stopped in the middle of them.
    QStringList partiallyApplied() const;

    static Result<DatabaseMigrationState> read(DatabaseSession& session);
    // PostgreSQL has no read timeout on the connection: bound each statement instead.
    static void limitStatementTime(DatabaseSession& session, int seconds = 60);
    // Opens its own connection (with the profile's timeouts), for worker threads.
    static Result<DatabaseMigrationState> read(const ConnectionProfile& profile);
};

} // namespace omu

#pragma once

#include "common/Result.h"
#include "DatabaseMigrationState.h"
#include "OpenMetadataDistribution.h"
#include "SqlScriptSplitter.h"

#include <QJsonObject>
#include <QList>

namespace omu {

// The statements of one file that have not run on this database yet.
struct PendingFile
{
    QString path; // absolute
    QList<SqlStatement> statements;
    int totalStatements = 0;
};

// One native version the migration will run, with what it will execute.
struct PendingVersion
{
    Version version;
    QString folder; // absolute
    QList<PendingFile> files;
    // SERVER_MIGRATION_SQL_LOGS already holds some of its statements: an earlier run
    // stopped inside this version.
    bool partiallyApplied = false;

    int pendingStatements() const;
};

// What `migrate` would do to this database, like Liquibase's update-sql: the Flyway
// scripts not applied yet, then each pending native version and its statements that are
// not in SERVER_MIGRATION_SQL_LOGS.
struct MigrationPlan
{
    Engine engine = Engine::Unknown;
    Version current; // null: 1.0.x or older (no SERVER_CHANGE_LOG)
    Version target;
    // The newest migration the target ships for this engine (1.3.0 for 1.3.1, which has no
    // folder of its own): a database holds the target when it records this version.
    Version targetSchema;
    // Steps an earlier run left STARTED or FAILED (2.1's SERVER_CHANGE_LOG): repair first.
    QList<DatabaseMigrationState::Unfinished> unfinished;
    QStringList unfinishedSteps() const; // "2.0.5 (STARTED)", for the gate
    QList<FlywayScript> pendingFlyway;
    QList<PendingVersion> pending; // upgrade order
    QString distributionRoot;
    MigrationTool tool = MigrationTool::OpenMetadataOps;

    bool upToDate() const
    {
        return pending.isEmpty() && pendingFlyway.isEmpty() && unfinished.isEmpty();
    }
    // The design's shape: {"current", "target", "pending": [{"version", "files",
    // "statements"}]}, plus "flyway" and per-version "partiallyApplied".
    QJsonObject toJson() const;
    // The SQL that will run, file by file, for people to read.
    QString toSqlText() const;
};

// Compares a distribution with a database. Refuses (an Error saying why and what to do)
// when the release is older than the database, when a gate of the release registry
// forbids the step (2.1 wants a database on 2.0.x), or when the distribution has no
// migrations for the database's engine.
class MigrationPlanner
{
public:
    static Result<MigrationPlan> plan(const DatabaseMigrationState& state,
                                      const OpenMetadataDistribution& distribution, Engine engine);
    static Result<MigrationPlan> plan(DatabaseSession& session,
                                      const OpenMetadataDistribution& distribution);
    // Opens its own connection; for worker threads.
    static Result<MigrationPlan> plan(const ConnectionProfile& profile,
                                      const OpenMetadataDistribution& distribution);
};

} // namespace omu

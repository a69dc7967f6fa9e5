#pragma once

#include "connection/ConnectionProfile.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace omu {

// A way the migration is known to fail, recognised in its log (or in the database's
// bookkeeping after it stopped), with what to do about it.
struct MigrationFailure
{
    enum class Kind
    {
        SortMemory,        // "Out of sort memory, consider increasing server sort buffer size"
        FlywayChecksum,    // "Migration checksum mismatch for migration version NNN"
        PendingMigrations, // "There are pending migrations to be run on the database"
        LostConnection,    // the tool lost (or never got) its database connection
        PartialRun, // stopped inside a version: some statements applied, version not recorded
        MissingMigrations,   // "Missing migrations that were not executed [...]" (folders moved)
        DuplicateIndex,      // "Duplicate key name" on a re-run CREATE INDEX (a changed statement)
        ExtensionNotAllowed, // pg_trgm "is not allow-listed" (Azure Database for PostgreSQL)
        SearchVersion,       // media_type_header_exception: client and server majors differ
        SearchClauses,       // OpenSearch too_many_nested_clauses (max_clause_count)
        SearchIndexMissing,  // index_not_found_exception during migrate
        Unknown,             // failed in a way not recognised: the last error line is shown
    };
    // The one-click next step the wizard offers (the CLI prints it as a command).
    enum class NextStep
    {
        None,
        BackToTuning,   // raise sort_buffer_size / work_mem, then Retry
        Repair,         // the tool's repair, then Retry
        RunMigration,   // the migration did not run: run it
        Retry,          // run the same command again
        RetryWithForce, // --force, only after the user confirms
    };

    Kind kind = Kind::Unknown;
    NextStep nextStep = NextStep::None;
    QString title;    // one line
    QString advice;   // what happened and what to do
    QString evidence; // the log line (or database fact) it was recognised by
    QString version;  // the native version concerned, when known

    static QString kindName(Kind kind);         // "sort-memory", "flyway-checksum", ...
    static QString nextStepName(NextStep step); // "back-to-tuning", "repair", ...
    QJsonObject toJson() const;
};

// Recognises the known failures in a finished run's log. The log lines must already be
// scrubbed of secrets (they end up in the advice's evidence).
class MigrationFailureClassifier
{
public:
    struct Input
    {
        QStringList logLines;
        int exitCode = 0;
        bool crashed = false; // killed by a signal (OOM killer, kill -9)
        bool cancelled = false;
        Engine engine = Engine::Unknown;
        QStringList partialVersions; // from DatabaseMigrationState::partiallyApplied()
        QString runningVersion;      // the version the log last started, if unfinished
    };
    static QList<MigrationFailure> classify(const Input& input);
};

} // namespace omu

#include "MigrationFailure.h"

#include <QRegularExpression>

namespace omu {

QString MigrationFailure::kindName(Kind kind)
{
    switch (kind) {
    case Kind::SortMemory:
        return QStringLiteral("sort-memory");
    case Kind::FlywayChecksum:
        return QStringLiteral("flyway-checksum");
    case Kind::PendingMigrations:
        return QStringLiteral("pending-migrations");
    case Kind::LostConnection:
        return QStringLiteral("lost-connection");
    case Kind::PartialRun:
        return QStringLiteral("partial-run");
    case Kind::MissingMigrations:
        return QStringLiteral("missing-migrations");
    case Kind::DuplicateIndex:
        return QStringLiteral("duplicate-index");
    case Kind::ExtensionNotAllowed:
        return QStringLiteral("extension-not-allowed");
    case Kind::SearchVersion:
        return QStringLiteral("search-version");
    case Kind::SearchClauses:
        return QStringLiteral("search-clauses");
    case Kind::SearchIndexMissing:
        return QStringLiteral("search-index-missing");
    case Kind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString MigrationFailure::nextStepName(NextStep step)
{
    switch (step) {
    case NextStep::None:
        return QStringLiteral("none");
    case NextStep::BackToTuning:
        return QStringLiteral("back-to-tuning");
    case NextStep::Repair:
        return QStringLiteral("repair");
    case NextStep::RunMigration:
        return QStringLiteral("run-migration");
    case NextStep::Retry:
        return QStringLiteral("retry");
    case NextStep::RetryWithForce:
        return QStringLiteral("retry-with-force");
    }
    return {};
}

QJsonObject MigrationFailure::toJson() const
{
    return QJsonObject{{QStringLiteral("kind"), kindName(kind)},
                       {QStringLiteral("nextStep"), nextStepName(nextStep)},
                       {QStringLiteral("title"), title},
                       {QStringLiteral("advice"), advice},
                       {QStringLiteral("evidence"), evidence},
                       {QStringLiteral("version"), version}};
}

namespace {

struct Pattern
{
    MigrationFailure::Kind kind;
    QRegularExpression expression;
};

const QList<Pattern>& patterns()
{
    using Kind = MigrationFailure::Kind;
    const auto ci = QRegularExpression::CaseInsensitiveOption;
    static const QList<Pattern> list{
        {Kind::SortMemory, QRegularExpression(QStringLiteral("Out of sort memory"), ci)},
        {Kind::FlywayChecksum,
         QRegularExpression(
             QStringLiteral(R"(Migration checksum mismatch for migration version\s+(\S+))"), ci)},
        {Kind::FlywayChecksum,
         QRegularExpression(QStringLiteral(R"(Detected failed migration to version\s+(\S+))"), ci)},
        {Kind::PendingMigrations,
         QRegularExpression(QStringLiteral("There are pending migrations to be run"), ci)},
        {Kind::LostConnection,
         QRegularExpression(
             QStringLiteral("Communications link failure|Lost connection to (MySQL )?server|"
                            "server has gone away|PSQLException: Connection to .* refused|"
                            "An I/O error occurred while sending to the backend|"
                            "This connection has been closed|Connection refused|"
                            "Connection is not available|Unable to obtain connection"),
             ci)},
        {Kind::MissingMigrations,
         QRegularExpression(
             QStringLiteral(R"(Missing migrations that were not executed\s*(\[[^\]]*\]))"), ci)},
        {Kind::DuplicateIndex,
         QRegularExpression(QStringLiteral(R"(Duplicate key name '([^']+)')"), ci)},
        {Kind::ExtensionNotAllowed,
         QRegularExpression(QStringLiteral(R"re(extension "([^"]+)" is not allow-listed)re"), ci)},
        {Kind::SearchVersion,
         QRegularExpression(QStringLiteral("media_type_header_exception"), ci)},
        {Kind::SearchClauses,
         QRegularExpression(QStringLiteral("too_many_nested_clauses|maxClauseCount is set to"),
                            ci)},
        {Kind::SearchIndexMissing,
         QRegularExpression(
             QStringLiteral(R"(index_not_found_exception(?:.*no such index \[([^\]]+)\])?)"), ci)},
    };
    return list;
}

QString sortSetting(Engine engine)
{
    return engine == Engine::Postgres ? QStringLiteral("work_mem")
           : engine == Engine::MySql
               ? QStringLiteral("sort_buffer_size")
               : QStringLiteral("sort_buffer_size (MySQL) / work_mem (PostgreSQL)");
}

} // namespace

QList<MigrationFailure> MigrationFailureClassifier::classify(const Input& input)
{
    using Kind = MigrationFailure::Kind;
    using Step = MigrationFailure::NextStep;
    QList<MigrationFailure> failures;
    const auto has = [&](Kind kind) {
        for (const auto& failure : failures)
            if (failure.kind == kind)
                return true;
        return false;
    };
    const bool failed = input.exitCode != 0 || input.crashed;

    for (const QString& line : input.logLines) {
        for (const Pattern& pattern : patterns()) {
            const auto match = pattern.expression.match(line);
            if (!match.hasMatch() || has(pattern.kind))
                continue;
            // A pending-migrations message only matters when the run failed with it.
            if (!failed && pattern.kind != Kind::PendingMigrations)
                continue;
            MigrationFailure failure;
            failure.kind = pattern.kind;
            failure.evidence = line.trimmed().left(400);
            failure.version = input.runningVersion;
            switch (pattern.kind) {
            case Kind::SortMemory:
                failure.nextStep = Step::BackToTuning;
                failure.title = QStringLiteral("The database ran out of sort memory");
                failure.advice =
                    QStringLiteral("The data migration%1 sorts more than %2 allows. Raise it "
                                   "(double it, at least 20 MB; the need grows with "
                                   "query_entity), then retry: the statements already applied "
                                   "are logged and skipped.")
                        .arg(input.runningVersion.isEmpty()
                                 ? QString()
                                 : QStringLiteral(" of %1").arg(input.runningVersion),
                             sortSetting(input.engine));
                break;
            case Kind::FlywayChecksum:
                failure.nextStep = Step::Repair;
                failure.version = match.captured(1);
                failure.title = QStringLiteral("Flyway's recorded checksums do not match the "
                                               "release's scripts");
                failure.advice =
                    QStringLiteral("DATABASE_CHANGE_LOG records Flyway script %1 with another "
                                   "checksum (or as failed). Run the tool's repair: it rewrites "
                                   "the recorded checksums and removes failed entries, without "
                                   "touching your metadata. Then retry the migration.")
                        .arg(match.captured(1));
                break;
            case Kind::PendingMigrations:
                failure.nextStep = Step::RunMigration;
                failure.title = QStringLiteral("Migrations are still pending");
                failure.advice = QStringLiteral(
                    "OpenMetadata refuses to start while the database is behind the release: the "
                    "migration has not run on this database (or ran on another one). Run the "
                    "migration against this database.");
                break;
            case Kind::LostConnection:
                failure.nextStep = Step::Retry;
                failure.title = QStringLiteral("The tool lost its database connection");
                failure.advice = QStringLiteral(
                    "Check that the database is up and reachable from where the tool runs (host "
                    "and port as seen from there, firewall, the docker network), then retry: "
                    "statements already applied are logged and skipped.");
                break;
            case Kind::MissingMigrations:
                failure.nextStep = Step::RetryWithForce;
                failure.title = QStringLiteral("OpenMetadata finds migrations it never ran");
                failure.advice =
                    QStringLiteral(
                        "The server's check lists %1 as not executed: migration folders "
                        "were added or removed between patch releases, so a database "
                        "that skipped them never ran them. Re-run the migration with "
                        "--force (it re-runs every version and skips statements already "
                        "logged), with the backup at hand; if it still fails, move to the "
                        "newest patch of the line, which fixes the folders.")
                        .arg(match.captured(1));
                break;
            case Kind::DuplicateIndex:
                failure.nextStep = Step::None;
                failure.title = QStringLiteral("An index the migration creates already exists");
                failure.advice =
                    QStringLiteral(
                        "Index %1 was created by an earlier run, and the statement "
                        "creating it ran again because its text changed (reordered "
                        "migration files give statements a new hash in "
                        "SERVER_MIGRATION_SQL_LOGS). Use the newest patch release, whose "
                        "files are restored byte for byte; do not drop the index by "
                        "hand unless the release notes say so.")
                        .arg(match.captured(1));
                break;
            case Kind::ExtensionNotAllowed:
                failure.nextStep = Step::None;
                failure.title =
                    QStringLiteral("PostgreSQL refuses the %1 extension").arg(match.captured(1));
                failure.advice =
                    QStringLiteral("Azure Database for PostgreSQL only creates allow-listed "
                                   "extensions. Add %1 to the server parameter azure.extensions, "
                                   "save (restart if asked), run CREATE EXTENSION IF NOT EXISTS %1 "
                                   "in the OpenMetadata database, then retry the migration.")
                        .arg(match.captured(1));
                break;
            case Kind::SearchVersion:
                failure.nextStep = Step::None;
                failure.title = QStringLiteral("The search engine is of another major version");
                failure.advice = QStringLiteral(
                    "Elasticsearch answered media_type_header_exception: the release's client and "
                    "the server differ in major version. OpenMetadata up to 1.11 needs "
                    "Elasticsearch 8.x (OpenSearch 2.x), from 1.12 Elasticsearch 9.x (OpenSearch "
                    "3.x). Move the engine to the version the target needs, then retry and "
                    "reindex.");
                break;
            case Kind::SearchClauses:
                failure.nextStep = Step::None;
                failure.title = QStringLiteral("OpenSearch rejects the query: too many clauses");
                failure.advice = QStringLiteral(
                    "OpenSearch's default indices.query.bool.max_clause_count is lower than "
                    "Elasticsearch's. Set indices.query.bool.max_clause_count: 4096 in "
                    "opensearch.yml (or the domain's advanced options), restart it, then retry.");
                break;
            case Kind::SearchIndexMissing:
                failure.nextStep = Step::None;
                failure.title = QStringLiteral("A search index the migration updates is missing");
                failure.advice =
                    QStringLiteral("The migration updates the search indexes%1, and the engine "
                                   "does not have one. Check that the release points at the right "
                                   "search engine (the search settings in openmetadata.yaml), "
                                   "recreate the indexes (openmetadata-ops.sh reindex "
                                   "--recreate-indexes, 1.3+), then retry the migration.")
                        .arg(match.captured(1).isEmpty()
                                 ? QString()
                                 : QStringLiteral(" (%1)").arg(match.captured(1)));
                break;
            default:
                break;
            }
            failures << failure;
        }
    }

    // Stopped inside a version: its statements are partly applied and it is not recorded.
    if ((failed || input.cancelled) && !input.partialVersions.isEmpty()) {
        MigrationFailure failure;
        failure.kind = Kind::PartialRun;
        failure.nextStep = Step::RetryWithForce;
        failure.version = input.partialVersions.first();
        failure.title = QStringLiteral("Version %1 is partly applied").arg(failure.version);
        failure.evidence = QStringLiteral("SERVER_MIGRATION_SQL_LOGS holds statements of %1, "
                                          "SERVER_CHANGE_LOG does not record it")
                               .arg(input.partialVersions.join(QStringLiteral(", ")));
        failure.advice =
            QStringLiteral(
                "The run stopped in the middle of %1%2. A plain retry continues from the first "
                "statement not logged. If it fails on a change that already took effect, retry "
                "with "
                "--force: it re-runs every version and carries on past failing statements, so only "
                "do it once you have confirmed, with the backup at hand.")
                .arg(failure.version,
                     input.crashed ? QStringLiteral(" (the tool was killed)") : QString());
        failures << failure;
    }

    if (failed && !input.cancelled && failures.isEmpty()) {
        MigrationFailure failure;
        failure.kind = Kind::Unknown;
        failure.nextStep = Step::Retry;
        failure.version = input.runningVersion;
        failure.title =
            input.crashed
                ? QStringLiteral("The migration tool was killed")
                : QStringLiteral("The migration failed (exit code %1)").arg(input.exitCode);
        static const QRegularExpression errorLine(
            QStringLiteral(R"((ERROR|Exception|Failed due to|FATAL))"));
        for (auto it = input.logLines.crbegin(); it != input.logLines.crend(); ++it)
            if (errorLine.match(*it).hasMatch()) {
                failure.evidence = it->trimmed().left(400);
                break;
            }
        failure.advice = QStringLiteral(
            "This failure is not one omupgrade knows. Read the log around the evidence line; the "
            "database is as the progress shows. Fix the cause and retry, or restore the backup.");
        failures << failure;
    }
    return failures;
}

} // namespace omu

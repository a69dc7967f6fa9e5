#include "MigrationPlan.h"

#include "connection/TextFile.h"

#include "connection/DatabaseConnector.h"
#include "releases/UpgradePath.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTextStream>

namespace omu {

int PendingVersion::pendingStatements() const
{
    int count = 0;
    for (const auto& file : files)
        count += int(file.statements.size());
    return count;
}

QStringList MigrationPlan::unfinishedSteps() const
{
    QStringList steps;
    for (const auto& step : unfinished)
        steps << QStringLiteral("%1 (%2)").arg(step.version, step.status);
    return steps;
}

QJsonObject MigrationPlan::toJson() const
{
    const QDir root(distributionRoot);
    QJsonArray pendingJson;
    for (const auto& version : pending) {
        QJsonArray files;
        QJsonArray statements;
        for (const auto& file : version.files) {
            files.append(root.relativeFilePath(file.path));
            for (const auto& statement : file.statements)
                statements.append(statement.text);
        }
        pendingJson.append(
            QJsonObject{{QStringLiteral("version"), version.version.toString()},
                        {QStringLiteral("files"), files},
                        {QStringLiteral("statements"), statements},
                        {QStringLiteral("partiallyApplied"), version.partiallyApplied}});
    }
    QJsonArray flyway;
    for (const auto& script : pendingFlyway)
        flyway.append(QJsonObject{{QStringLiteral("version"), script.version.toString()},
                                  {QStringLiteral("file"), root.relativeFilePath(script.path)}});
    QJsonArray unfinishedJson;
    for (const auto& step : unfinished)
        unfinishedJson.append(QJsonObject{{QStringLiteral("version"), step.version},
                                          {QStringLiteral("status"), step.status}});
    return QJsonObject{
        {QStringLiteral("current"),
         current.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(current.toString())},
        {QStringLiteral("target"), target.toString()},
        {QStringLiteral("targetSchema"), targetSchema.isNull()
                                             ? QJsonValue(QJsonValue::Null)
                                             : QJsonValue(targetSchema.toString())},
        {QStringLiteral("unfinished"), unfinishedJson},
        {QStringLiteral("engine"), engineName(engine)},
        {QStringLiteral("tool"), tool == MigrationTool::OpenMetadataOps
                                     ? QStringLiteral("openmetadata-ops.sh")
                                     : QStringLiteral("bootstrap_storage.sh")},
        {QStringLiteral("flyway"), flyway},
        {QStringLiteral("pending"), pendingJson},
    };
}

QString MigrationPlan::toSqlText() const
{
    QString text;
    QTextStream out(&text);
    const QDir root(distributionRoot);
    for (const auto& step : unfinished)
        out << "-- " << step.version << " was left " << step.status
            << " by an earlier run: run the release's repair first, then migrate\n";
    for (const auto& script : pendingFlyway)
        out << "-- Flyway " << script.version.toString() << ": "
            << root.relativeFilePath(script.path) << "\n";
    for (const auto& version : pending) {
        out << "-- ===== " << version.version.toString()
            << (version.partiallyApplied ? " (partly applied before)" : "") << " =====\n";
        for (const auto& file : version.files) {
            out << "-- " << root.relativeFilePath(file.path) << ": " << file.statements.size()
                << " of " << file.totalStatements << " statements still to run\n";
            for (const auto& statement : file.statements)
                out << statement.text << ";\n";
        }
        out << "-- then the release's own data migration for " << version.version.toString()
            << ", if it has one\n";
    }
    return text;
}

Result<MigrationPlan> MigrationPlanner::plan(const DatabaseMigrationState& state,
                                             const OpenMetadataDistribution& distribution,
                                             Engine engine)
{
    MigrationPlan plan;
    plan.engine = engine;
    plan.current = state.current();
    plan.target = distribution.version();
    plan.distributionRoot = distribution.root();
    plan.tool = distribution.tool();
    plan.unfinished = state.unfinished;

    if (!plan.current.isNull() && plan.target < plan.current)
        return makeError(
            QStringLiteral("the distribution is OpenMetadata %1, older than the database (%2)")
                .arg(plan.target.toString(), plan.current.toString()),
            distribution.root(),
            QStringLiteral("A migration only goes forward. Unpack release %1 or newer; to go back "
                           "to %1, restore the backup taken before the upgrade instead.")
                .arg(plan.current.toString()));

    // A gate of the registry (2.1 refuses databases older than 2.0.x, even with --force).
    if (!plan.current.isNull())
        if (const Status gate =
                UpgradePath::checkDirect(ReleaseRegistry::builtIn(), plan.current, plan.target);
            !gate.ok())
            return makeError(gate.error().message, distribution.root(), gate.error().advice);

    const QString engineFolder = OpenMetadataDistribution::engineFolder(engine);
    bool anyForEngine = false;
    for (const auto& folder : distribution.nativeFolders())
        anyForEngine = anyForEngine || folder.engines.contains(engineFolder);
    if (!distribution.nativeFolders().isEmpty() && !anyForEngine)
        return makeError(
            QStringLiteral("the distribution has no %1 migrations (its native "
                           "folders hold only %2)")
                .arg(engineFolder,
                     distribution.nativeFolders().first().engines.join(QStringLiteral(", "))),
            QDir(distribution.root()).filePath(QStringLiteral("bootstrap/sql/migrations/native")),
            QStringLiteral("This database runs on %1: use the release built for it.")
                .arg(engine == Engine::Postgres ? QStringLiteral("PostgreSQL")
                                                : QStringLiteral("MySQL")));

    for (const auto& script : distribution.flywayScripts(engine))
        if (state.flywayVersion.isNull() || state.flywayVersion < script.version)
            plan.pendingFlyway << script;

    plan.targetSchema = distribution.newestMigration(engine);
    for (const auto& folder : distribution.nativeFolders()) {
        if (plan.target < folder.version)
            continue; // a later folder shipped early: the release does not run it
        if (!state.isPending(folder.version))
            continue;
        if (!folder.engines.contains(engineFolder))
            return makeError(QStringLiteral("the distribution's migration %1 has no %2 folder")
                                 .arg(folder.version.toString(), engineFolder),
                             folder.path,
                             QStringLiteral("The distribution looks incomplete or built for "
                                            "another engine: unpack the release tarball again."));
        PendingVersion pending{folder.version, folder.path, {}, false};
        for (const QString& path : distribution.nativeFiles(folder, engine)) {
            // Random bytes are not statements: a file that is not text is an error.
            const auto text = TextFile::read(path, QStringLiteral("migration file"));
            if (!text)
                return makeError(text.error().message, path,
                                 QStringLiteral("The release looks damaged: unpack the tarball "
                                                "again."));
            const auto statements = SqlScriptSplitter::parse(text.value(), engine);
            if (!statements)
                return makeError(QStringLiteral("the release's own parser would refuse this "
                                                "file: %1")
                                     .arg(statements.error().message),
                                 path,
                                 QStringLiteral("The distribution looks damaged: unpack the "
                                                "release tarball again."));
            PendingFile entry{path, {}, int(statements->size())};
            const QSet<QString> ownLog = state.loggedChecksums.value(folder.version.toString());
            for (const auto& statement : statements.value()) {
                // OpenMetadata skips a statement logged before, whatever version logged it.
                const QString checksum = SqlScriptSplitter::checksum(statement.text);
                if (!state.isLogged(checksum))
                    entry.statements << statement;
                else if (ownLog.contains(checksum))
                    pending.partiallyApplied = true; // an earlier run of this very version
            }
            pending.files << entry;
        }
        plan.pending << pending;
    }
    return plan;
}

Result<MigrationPlan> MigrationPlanner::plan(DatabaseSession& session,
                                             const OpenMetadataDistribution& distribution)
{
    const auto state = DatabaseMigrationState::read(session);
    if (!state)
        return state.error();
    return plan(state.value(), distribution, session.engine());
}

Result<MigrationPlan> MigrationPlanner::plan(const ConnectionProfile& profile,
                                             const OpenMetadataDistribution& distribution)
{
    const auto state = DatabaseMigrationState::read(profile);
    if (!state)
        return state.error();
    return plan(state.value(), distribution, profile.engine);
}

} // namespace omu

#include "MigrationPlan.h"

#include "connection/TextFile.h"

#include "connection/DatabaseConnector.h"

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
    return QJsonObject{
        {QStringLiteral("current"),
         current.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(current.toString())},
        {QStringLiteral("target"), target.toString()},
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

    if (!plan.current.isNull() && plan.target < plan.current)
        return makeError(
            QStringLiteral("the distribution is OpenMetadata %1, older than the database (%2)")
                .arg(plan.target.toString(), plan.current.toString()),
            distribution.root(),
            QStringLiteral("A migration only goes forward. Unpack release %1 or newer; to go back "
                           "to %1, restore the backup taken before the upgrade instead.")
                .arg(plan.current.toString()));

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

    for (const auto& folder : distribution.nativeFolders()) {
        if (!plan.current.isNull() && !(plan.current < folder.version))
            continue;
        if (plan.target < folder.version)
            continue; // a later folder shipped early: the release does not run it
        if (!folder.engines.contains(engineFolder))
            return makeError(QStringLiteral("the distribution's migration %1 has no %2 folder")
                                 .arg(folder.version.toString(), engineFolder),
                             folder.path,
                             QStringLiteral("The distribution looks incomplete or built for "
                                            "another engine: unpack the release tarball again."));
        PendingVersion pending{folder.version, folder.path, {}, false};
        const QSet<QString> logged = state.loggedChecksums.value(folder.version.toString());
        for (const QString& path : distribution.nativeFiles(folder, engine)) {
            // Random bytes are not statements: a file that is not text is an error.
            const auto text = TextFile::read(path, QStringLiteral("migration file"));
            if (!text)
                return makeError(text.error().message, path,
                                 QStringLiteral("The release looks damaged: unpack the tarball "
                                                "again."));
            const auto statements = SqlScriptSplitter::split(text.value(), engine);
            PendingFile entry{path, {}, int(statements.size())};
            for (const auto& statement : statements) {
                if (logged.contains(SqlScriptSplitter::checksum(statement.text)))
                    pending.partiallyApplied = true;
                else
                    entry.statements << statement;
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

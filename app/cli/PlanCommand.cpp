#include "PlanCommand.h"

#include "CommandSupport.h"
#include "migration/MigrationPlan.h"

#include <QDir>
#include <QJsonDocument>
#include <QTextStream>

namespace omu::cli {

void PlanCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        {QStringLiteral("distribution"),
         QStringLiteral("The new release's unpacked tarball (holds bootstrap/ and conf/)."),
         QStringLiteral("dir")},
        {QStringLiteral("sql"), QStringLiteral("Print every statement that will run.")},
    });
}

int PlanCommand::run(const CommandContext& context)
{
    QTextStream err(stderr);
    const CommandSupport support(context);
    if (!support.noStrayArguments())
        return ExitBadUsage;
    if (!context.parser.isSet(QStringLiteral("distribution"))) {
        err << "omupgrade: plan needs --distribution DIR (the new release's unpacked tarball).\n";
        return ExitBadUsage;
    }
    const auto resolved = ConnectionResolver::resolve(context.sources);
    if (!resolved)
        return support.fail(resolved.error());
    const auto distribution =
        OpenMetadataDistribution::read(context.parser.value(QStringLiteral("distribution")));
    if (!distribution)
        return support.fail(distribution.error());
    const auto plan = MigrationPlanner::plan(resolved.value().profile, distribution.value());
    if (!plan)
        return support.fail(plan.error());

    if (context.json) {
        QTextStream(stdout) << QJsonDocument(plan->toJson()).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    QTextStream out(stdout);
    out << "Database      OpenMetadata "
        << (plan->current.isNull() ? QStringLiteral("1.0.x or older") : plan->current.toString())
        << "\nDistribution  OpenMetadata " << plan->target.toString() << " ("
        << distribution->versionSource() << "), " << distribution->toolScript() << "\n";
    if (!plan->targetSchema.isNull() && !(plan->targetSchema == plan->target))
        out << "              its newest migration is " << plan->targetSchema.toString()
            << ": a database that records it holds " << plan->target.toString() << "\n";
    for (const auto& step : plan->unfinished)
        out << "Unfinished    " << step.version << " (" << step.status
            << "): run the release's repair first (migrate --repair), then migrate\n";
    if (plan->upToDate()) {
        out << "Nothing to migrate: the database already holds the release.\n";
        return ExitOk;
    }
    const QDir root(plan->distributionRoot);
    for (const auto& script : plan->pendingFlyway)
        out << "Flyway        " << script.version.toString() << "  "
            << root.relativeFilePath(script.path) << "\n";
    for (const auto& pending : plan->pending) {
        out << "Version       " << pending.version.toString() << "  " << pending.pendingStatements()
            << " statement(s) to run"
            << (pending.partiallyApplied ? QStringLiteral(" (partly applied by an earlier run)")
                                         : QString())
            << "\n";
        for (const auto& file : pending.files)
            out << "                " << root.relativeFilePath(file.path) << ": "
                << file.statements.size() << " of " << file.totalStatements << "\n";
    }
    if (context.parser.isSet(QStringLiteral("sql")))
        out << "\n" << plan->toSqlText();
    return ExitOk;
}

} // namespace omu::cli

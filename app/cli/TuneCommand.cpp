#include "TuneCommand.h"

#include "CommandSupport.h"
#include "common/ByteSize.h"
#include "tuning/SortMemoryTuner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace omu::cli {

namespace {

QString indented(const QString& text, const QString& prefix = QStringLiteral("    "))
{
    QStringList lines = text.trimmed().split(QLatin1Char('\n'));
    for (QString& line : lines)
        line.prepend(prefix);
    return lines.join(QLatin1Char('\n'));
}

void printState(QTextStream& out, const TuningReport& report)
{
    const QString server = report.flavour == QLatin1String("mariadb") ? QStringLiteral("MariaDB")
                           : report.flavour == QLatin1String("postgresql")
                               ? QStringLiteral("PostgreSQL")
                               : QStringLiteral("MySQL");
    out << report.parameter << " on " << server;
    if (report.managed.isManaged())
        out << " (" << report.managed.name << ")";
    out << ", database " << report.database << ", user " << report.user << "\n";
    out << "  In force      "
        << ByteSize::withDescription(report.newSessionBytes, report.newSessionValue)
        << " for a new connection\n";
    if (report.engine == Engine::MySql && report.globalBytes != report.newSessionBytes)
        out << "  Global        " << report.globalBytes << "\n";
    out << "  Source        " << report.sourceText << "\n";
    for (const auto& entry : report.overrides)
        if (entry.levelName() != report.source)
            out << "  Also set for  " << entry.levelName() << ": " << entry.value
                << " (a stronger setting wins)\n";
    const auto& size = report.queryEntity;
    if (size.present && size.measured)
        out << "  query_entity  " << size.rows << (size.rows == 1 ? " row" : " rows")
            << ", largest document " << ByteSize::describe(size.largestDocumentBytes) << ", "
            << ByteSize::describe(size.totalDocumentBytes) << " in all\n";
    else
        out << "  query_entity  " << size.note << "\n";
    out << "  Recommended   "
        << ByteSize::withDescription(report.recommendation.bytes, report.recommendation.serverValue)
        << "\n"
        << indented(report.recommendation.reason, QStringLiteral("                ")) << "\n";
    out << "  Rights        " << report.privileges.explanation << "\n";
    if (report.pending)
        out << "  To revert     omupgrade set " << report.pending->appliedValue
            << "; the original was "
            << (report.pending->originalSet ? report.pending->originalValue
                                            : QStringLiteral("no setting at that level"))
            << "\n";
    // A managed service has no config file, and a managed MySQL refuses SET GLOBAL.
    const bool managed = report.managed.isManaged();
    if (!(managed && report.engine == Engine::MySql))
        out << "\nSQL for a DBA:\n"
            << indented(report.instructions.dbaSql) << "\n"
            << indented(report.instructions.dbaRevertSql) << "\n";
    if (!managed)
        out << "\nTo keep it after a restart, in " << report.instructions.configFile << ":\n"
            << indented(report.instructions.configSnippet) << "\n";
    if (!report.instructions.managedRoute.isEmpty())
        out << "\n"
            << report.managed.name << ":\n"
            << indented(report.instructions.managedRoute) << "\n";
    for (const QString& warning : report.warnings)
        out << "warning: " << warning << "\n";
}

} // namespace

void TuneCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        {QStringLiteral("value"),
         QStringLiteral("tune apply: the value (20MB, 20971520, 20 MiB); default: the "
                        "recommendation."),
         QStringLiteral("size")},
        {QStringLiteral("scope"),
         QStringLiteral("tune apply on PostgreSQL: auto (default), database or role."),
         QStringLiteral("scope")},
        {QStringLiteral("force"),
         QStringLiteral("tune revert: put the original back even if someone changed the value "
                        "since.")},
    });
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QStringLiteral("show, apply or revert."));
}

int TuneCommand::run(const CommandContext& context)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QCommandLineParser& parser = context.parser;
    const CommandSupport support(context);
    auto usage = [&](const QString& message) { return support.badUsage(message); };
    if (context.arguments.isEmpty())
        return usage(QStringLiteral("tune needs an action: show, apply or revert."));
    if (!support.noStrayArguments(1))
        return ExitBadUsage;
    const QString action = context.arguments.first();
    if (action != QLatin1String("show") && action != QLatin1String("apply") &&
        action != QLatin1String("revert"))
        return usage(
            QStringLiteral("tune does not know \"%1\": use show, apply or revert.").arg(action));

    std::optional<qint64> bytes;
    if (parser.isSet(QStringLiteral("value"))) {
        if (action != QLatin1String("apply"))
            return usage(QStringLiteral("--value only goes with tune apply."));
        const auto parsed = ByteSize::parse(parser.value(QStringLiteral("value")));
        if (!parsed)
            return usage(QStringLiteral("--value: %1\n%2")
                             .arg(parsed.error().message, parsed.error().advice));
        bytes = parsed.value();
    }
    TuningScope scope = TuningScope::Automatic;
    if (parser.isSet(QStringLiteral("scope"))) {
        const auto parsed = tuningScopeFromName(parser.value(QStringLiteral("scope")));
        if (action != QLatin1String("apply"))
            return usage(QStringLiteral("--scope only goes with tune apply."));
        if (!parsed)
            return usage(QStringLiteral("--scope must be auto, database or role, not \"%1\".")
                             .arg(parser.value(QStringLiteral("scope"))));
        scope = *parsed;
    }
    const bool force = parser.isSet(QStringLiteral("force"));
    if (force && action != QLatin1String("revert"))
        return usage(QStringLiteral("--force only goes with tune revert."));

    const auto resolved = ConnectionResolver::resolve(context.sources);
    if (!resolved)
        return support.fail(resolved.error(), {{QStringLiteral("action"), action}});
    const ConnectionProfile& profile = resolved.value().profile;
    const SortMemoryTuner tuner(profile, support.dataFolder());

    std::optional<Result<TuningOutcome>> outcome;
    if (action == QLatin1String("apply")) {
        err << "Applying "
            << (bytes ? ByteSize::describe(*bytes) : QStringLiteral("the recommendation")) << " on "
            << profile.displayName() << " ...\n";
        err.flush();
        outcome = tuner.apply(bytes, scope);
    } else if (action == QLatin1String("revert")) {
        err << "Reverting on " << profile.displayName() << " ...\n";
        err.flush();
        outcome = tuner.revert(force);
    }
    // The state as a new connection sees it now (after the change, if one was made).
    const auto state = tuner.show();

    int exitCode = ExitOk;
    std::optional<Error> failure;
    if (outcome && !outcome->ok())
        failure = outcome->error();
    else if (!state.ok() && !outcome)
        failure = state.error();
    if (failure)
        exitCode = ExitFailed;
    else if (!outcome && state.ok() &&
             (state.value().belowRecommendation() || state.value().pending ||
              !state.value().privileges.canApply || !state.value().warnings.isEmpty()))
        exitCode = ExitWarnings;

    if (context.json) {
        QJsonObject document{{QStringLiteral("action"), action},
                             {QStringLiteral("connection"), profile.toJson()},
                             {QStringLiteral("state"), state.ok()
                                                           ? QJsonValue(state.value().toJson())
                                                           : QJsonValue(QJsonValue::Null)}};
        if (outcome && outcome->ok())
            document.insert(QStringLiteral("result"), outcome->value().toJson());
        if (failure)
            document.insert(QStringLiteral("error"), CommandSupport::errorJson(*failure));
        out << QJsonDocument(document).toJson(QJsonDocument::Indented);
    } else {
        if (state.ok() && action == QLatin1String("show"))
            printState(out, state.value());
        if (outcome && outcome->ok()) {
            out << outcome->value().message << "\n";
            for (const QString& warning : outcome->value().warnings)
                out << "warning: " << warning << "\n";
        }
    }
    if (failure)
        err << "omupgrade: " << failure->toString() << "\n";
    return exitCode;
}

} // namespace omu::cli

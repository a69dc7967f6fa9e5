#include "InspectCommand.h"

#include "CommandSupport.h"
#include "common/DisplayText.h"
#include "connection/ServerInspector.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QTextStream>

namespace omu::cli {

namespace {

// The shared error shape, with what kind of failure it was.
QJsonObject errorJson(const QString& kind, const Error& error)
{
    QJsonObject json = CommandSupport::errorJson(error);
    json.insert(QStringLiteral("kind"), kind);
    return json;
}

void printText(QTextStream& out, const ResolvedConnection& resolved,
               const Result<InspectionReport, ConnectionFailure>* inspection)
{
    const auto& profile = resolved.profile;
    out << "Connection\n";
    auto field = [&](const char* name, const QString& value) {
        const QString origin = resolved.origins.value(QString::fromLatin1(name));
        // Values come from files: escaped and cut before they reach the terminal.
        out << QStringLiteral("  %1 %2")
                   .arg(QLatin1String(name), -10)
                   .arg(DisplayText::value(value, 120), -28);
        if (!origin.isEmpty())
            out << "  from " << origin;
        out << "\n";
    };
    field("engine", engineName(profile.engine));
    field("host", profile.host);
    field("port", QString::number(profile.port));
    field("database", profile.database);
    if (profile.engine == Engine::Postgres)
        field("schema", profile.effectiveSchema());
    field("user", profile.user);
    field("password",
          profile.password.isEmpty() ? QStringLiteral("(none)") : QStringLiteral("***"));
    field("tls", tlsModeName(profile.tlsMode));
    for (const QString& warning : resolved.warnings)
        out << "  warning: " << warning << "\n";
    if (!inspection)
        return;
    // A failure goes to stderr once (failureText), not here as well.
    if (!inspection->ok())
        return;
    out << "\n";
    const auto& report = inspection->value();
    out << "Server        " << report.server.flavour << " " << report.server.version;
    if (report.server.managed.isManaged())
        out << " on " << report.server.managed.name;
    out << "\n";
    if (report.problem)
        return;
    const auto& om = report.openMetadata;
    out << "OpenMetadata  "
        << (om.version.isEmpty() ? QStringLiteral("1.0.x or older") : om.version);
    if (!om.flywayVersion.isEmpty())
        out << " (flyway " << om.flywayVersion << ")";
    out << "\nTables        " << om.tables.size() << ", "
        << QLocale::c().formattedDataSize(om.totalBytes) << "\n";
    for (const auto& table : om.tables)
        out << QStringLiteral("  %1 %2 rows%3  %4\n")
                   .arg(table.name, -34)
                   .arg(table.rows, 10)
                   .arg(table.rowsExact ? QStringLiteral(" ") : QStringLiteral("~"))
                   .arg(QLocale::c().formattedDataSize(table.bytes));
    out << "Privileges    "
        << (report.privileges.missing.isEmpty()
                ? QStringLiteral("all the upgrade needs")
                : QStringLiteral("missing: ") +
                      report.privileges.missing.join(QStringLiteral("; ")))
        << "\n";
    for (const QString& warning : report.warnings)
        out << "warning: " << warning << "\n";
}

// The failure, said once on stderr: what happened, what to do, the server's own words.
QString failureText(const ConnectionFailure& failure)
{
    QString text = QStringLiteral("omupgrade: %1 (%2)\n")
                       .arg(failure.summary, ConnectionFailure::kindName(failure.kind));
    if (!failure.advice.isEmpty())
        text += QStringLiteral("  What to do: %1\n").arg(failure.advice);
    if (!failure.detail.isEmpty())
        text += QStringLiteral("  Server said: %1\n").arg(failure.detail);
    return DisplayText::lines(text); // nothing a server or file said may drive the terminal
}

} // namespace

int InspectCommand::run(const CommandContext& context)
{
    const ConnectionSources& sources = context.sources;
    const bool json = context.json;
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!CommandSupport(context).noStrayArguments())
        return ExitBadUsage;
    const auto resolved = ConnectionResolver::resolve(sources);
    if (!resolved) {
        if (json)
            out << QJsonDocument(
                       QJsonObject{{QStringLiteral("error"),
                                    errorJson(QStringLiteral("resolve"), resolved.error())}})
                       .toJson();
        err << "omupgrade: " << resolved.error().toString() << "\n";
        return ExitFailed;
    }

    const auto inspection = ServerInspector::inspect(resolved.value().profile);
    int exitCode = ExitOk;
    if (!inspection.ok() || inspection.value().problem)
        exitCode = ExitFailed;
    else if (!inspection.value().warnings.isEmpty() || !resolved.value().warnings.isEmpty() ||
             !inspection.value().privileges.missing.isEmpty())
        exitCode = ExitWarnings;

    if (!json) {
        printText(out, resolved.value(), &inspection);
        out.flush();
        if (!inspection.ok())
            err << failureText(inspection.error());
        else if (inspection.value().problem)
            err << failureText(*inspection.value().problem);
        return exitCode;
    }

    QJsonObject connection = resolved.value().profile.toJson();
    QJsonObject origins;
    for (auto it = resolved.value().origins.cbegin(); it != resolved.value().origins.cend(); ++it)
        origins.insert(it.key(), it.value());
    connection.insert(QStringLiteral("origins"), origins);
    QJsonObject document{{QStringLiteral("connection"), connection}};
    QJsonArray warnings = QJsonArray::fromStringList(resolved.value().warnings);
    if (!inspection.ok()) {
        const auto& failure = inspection.error();
        document.insert(
            QStringLiteral("server"),
            QJsonObject{{QStringLiteral("reachable"), false},
                        {QStringLiteral("error"),
                         errorJson(ConnectionFailure::kindName(failure.kind), failure.toError())}});
        document.insert(QStringLiteral("openmetadata"), QJsonValue::Null);
        err << "omupgrade: " << DisplayText::lines(failure.summary) << "\n";
    } else {
        const auto& report = inspection.value();
        document.insert(QStringLiteral("server"), report.serverJson());
        document.insert(QStringLiteral("openmetadata"), report.openMetadataJson());
        document.insert(QStringLiteral("privileges"), report.privilegesJson());
        for (const QString& warning : report.warnings)
            warnings.append(warning);
        if (report.problem)
            err << "omupgrade: " << DisplayText::lines(report.problem->summary) << "\n";
    }
    document.insert(QStringLiteral("warnings"), warnings);
    out << QJsonDocument(document).toJson(QJsonDocument::Indented);
    return exitCode;
}

} // namespace omu::cli

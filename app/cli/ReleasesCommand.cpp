#include "ReleasesCommand.h"

#include "ExitCode.h"
#include "ReleaseJson.h"
#include "review/Catalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

namespace omu::cli {

int ReleasesCommand::run(const CommandContext& context)
{
    QTextStream err(stderr);
    if (!context.arguments.isEmpty()) {
        err << "omupgrade: unexpected argument \"" << context.arguments.first()
            << "\".\nTry 'omupgrade --help'.\n";
        return ExitBadUsage;
    }
    const ReleaseRegistry& registry = ReleaseRegistry::builtIn();
    if (registry.isEmpty()) {
        err << "omupgrade: " << ReleaseRegistry::builtInError() << "\n";
        return ExitFailed;
    }
    const auto catalog = Catalog::loadBuiltIn();
    if (!catalog) {
        err << "omupgrade: " << catalog.error().toString() << "\n";
        return ExitFailed;
    }
    const Version coverage = catalog->coverage();

    if (context.json) {
        QJsonArray releases;
        for (const ReleaseLine& line : registry.lines())
            for (const Release& release : line.releases)
                releases.append(ReleaseJson::release(release, line, coverage));
        QTextStream(stdout) << QJsonDocument(
                                   QJsonObject{
                                       {QStringLiteral("releases"), releases},
                                       {QStringLiteral("catalogCoverage"),
                                        coverage.isNull() ? QString() : coverage.toString()},
                                   })
                                   .toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    QTextStream out(stdout);
    out << "OpenMetadata releases this omupgrade knows: " << registry.releases().size() << ", from "
        << registry.releases().first().version.toString() << " to "
        << registry.newest()->version.toString() << ".\nThe review's catalog covers breaking "
        << "changes up to " << (coverage.isNull() ? QStringLiteral("none") : coverage.toString())
        << "; a review past it reports the releases it did not check as a blocker.\n";
    const auto& lines = registry.lines();
    for (auto line = lines.crbegin(); line != lines.crend(); ++line) {
        out << "\n" << line->name << ".x\n";
        for (const RequirementValue& value : line->requirements.listing())
            out << "  " << QStringLiteral("%1").arg(value.what + QLatin1Char(':'), -30)
                << value.value << "\n";
        for (const Gate& gate : line->gates)
            out << "  Gate " << gate.id << ": " << gate.why << " (" << gate.source << ")\n";
        if (!line->notes.isEmpty())
            out << "  Note: " << line->notes << "\n";
        for (auto release = line->releases.crbegin(); release != line->releases.crend(); ++release)
            out << "    " << QStringLiteral("%1").arg(release->version.toString(), -9)
                << QStringLiteral("%1").arg(release->dateText(), -19)
                << (!coverage.isNull() && !(coverage < release->version) ? "reviewed"
                                                                         : "not covered")
                << "\n";
    }
    out << "\nSources per line: omupgrade releases --json (requires.sources).\n";
    return ExitOk;
}

} // namespace omu::cli

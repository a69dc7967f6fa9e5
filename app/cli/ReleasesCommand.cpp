#include "ReleasesCommand.h"

#include "CommandSupport.h"
#include "ReleaseJson.h"
#include "review/Catalog.h"

#include <QJsonArray>
#include <QTextStream>

namespace omu::cli {

int ReleasesCommand::run(const CommandContext& context)
{
    const CommandSupport support(context);
    if (!support.noStrayArguments())
        return ExitBadUsage;
    const ReleaseRegistry& registry = ReleaseRegistry::builtIn();
    if (registry.isEmpty())
        return support.fail(makeError(ReleaseRegistry::builtInError()));
    const auto catalog = Catalog::loadBuiltIn();
    if (!catalog)
        return support.fail(catalog.error());
    const Version coverage = catalog->coverage();

    if (context.json) {
        QJsonArray releases;
        for (const ReleaseLine& line : registry.lines())
            for (const Release& release : line.releases)
                releases.append(ReleaseJson::release(release, line, coverage));
        support.printJson(QJsonObject{
            {QStringLiteral("releases"), releases},
            {QStringLiteral("catalogCoverage"),
             coverage.isNull() ? QString() : coverage.toString()},
        });
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

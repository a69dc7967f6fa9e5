#include "PathCommand.h"

#include "CommandSupport.h"
#include "ReleaseJson.h"
#include "releases/UpgradePath.h"
#include "review/Catalog.h"

#include <QJsonArray>
#include <QTextStream>

namespace omu::cli {

void PathCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        {QStringLiteral("from"), QStringLiteral("The release the database is at now."),
         QStringLiteral("version")},
        {QStringLiteral("to"), QStringLiteral("The target release."), QStringLiteral("version")},
    });
}

int PathCommand::run(const CommandContext& context)
{
    const CommandSupport support(context);
    const QCommandLineParser& parser = context.parser;
    if (!support.noStrayArguments())
        return ExitBadUsage;
    if (!parser.isSet(QStringLiteral("from")) || !parser.isSet(QStringLiteral("to")))
        return support.badUsage(
            QStringLiteral("path needs --from VER and --to VER, e.g. --from 1.3.0 --to 2.0.10."));
    const ReleaseRegistry& registry = ReleaseRegistry::builtIn();
    if (registry.isEmpty())
        return support.fail(makeError(ReleaseRegistry::builtInError()));
    const QString from = parser.value(QStringLiteral("from"));
    const QString to = parser.value(QStringLiteral("to"));
    const auto path = UpgradePath::plan(registry, from, to);
    if (!path) {
        // A release the registry does not know, or a target behind --from, is a wrong
        // command line; a gate no known release gets past is a blocking problem.
        const bool usage = registry.resolveTarget(to, {}).ok() == false ||
                           registry.resolveCurrent(from, {}).ok() == false ||
                           *Version::parse(to) < *Version::parse(from);
        support.fail(path.error());
        return usage ? ExitBadUsage : ExitFailed;
    }
    const auto catalog = Catalog::loadBuiltIn();
    const Version coverage = catalog ? catalog->coverage() : Version();
    QList<const Release*> notCovered;
    for (const Release* release : path->crossed(registry))
        if (coverage.isNull() || coverage < release->version)
            notCovered << release;
    const ReleaseLine* target = registry.lineOf(path->to());

    if (context.json) {
        QJsonObject document = path->toJson();
        document.insert(QStringLiteral("requires"), ReleaseJson::requirements(*target));
        QStringList uncovered;
        for (const Release* release : notCovered)
            uncovered << release->version.toString();
        document.insert(QStringLiteral("notCovered"), QJsonArray::fromStringList(uncovered));
        support.printJson(document);
        return ExitOk;
    }
    QTextStream out(stdout);
    out << path->toText() << "\nWhat OpenMetadata " << path->to().toString() << " needs:\n";
    for (const RequirementValue& value : target->requirements.listing())
        out << "  " << QStringLiteral("%1").arg(value.what + QLatin1Char(':'), -30) << value.value
            << "\n";
    if (!notCovered.isEmpty())
        out << "\nNot covered by this omupgrade's catalog (up to "
            << (coverage.isNull() ? QStringLiteral("none") : coverage.toString())
            << "): " << describeReleases(notCovered)
            << ".\nThe review reports them as a blocker; read their release notes yourself.\n";
    return ExitOk;
}

} // namespace omu::cli

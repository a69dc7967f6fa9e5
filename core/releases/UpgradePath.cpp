#include "UpgradePath.h"

#include <QJsonArray>
#include <QMap>
#include <QTextStream>

namespace omu {

namespace {

// The stops gates force on the way from `from` to `to`, in order; an error when a gate
// cannot be passed.
Result<QMap<Version, const Gate*>> gateStops(const ReleaseRegistry& registry, const Version& from,
                                             const Version& to)
{
    QMap<Version, const Gate*> stops;
    Version position = from;
    for (const ReleaseLine& line : registry.lines()) {
        if (!(position < line.newest()) || to < line.first())
            continue; // behind us, or beyond the target
        for (const Gate& gate : line.gates) {
            if (!gate.blocks(position))
                continue;
            const ReleaseLine* via = registry.line(gate.via);
            const Version stop = via ? via->newest() : Version();
            if (stop.isNull() || gate.blocks(stop) || !(position < stop))
                return makeError(
                    QStringLiteral("no upgrade path from %1 to %2: %3 (gate %4), "
                                   "and no known %5 release satisfies it")
                        .arg(from.toString(), to.toString(), gate.why, gate.id, gate.via),
                    {}, gate.source);
            stops.insert(stop, &gate);
            position = stop;
        }
    }
    return stops;
}

} // namespace

Result<UpgradePath> UpgradePath::plan(const ReleaseRegistry& registry, const QString& fromText,
                                      const QString& toText)
{
    const auto from = registry.resolveCurrent(fromText, QStringLiteral("the current release"));
    if (!from)
        return from.error();
    const auto to = registry.resolveTarget(toText, QStringLiteral("the target release"));
    if (!to)
        return to.error();
    if (*to < *from)
        return makeError(
            QStringLiteral("the target %1 is behind the database, which is at %2")
                .arg(to->toString(), from->toString()),
            {},
            QStringLiteral("OpenMetadata cannot be downgraded by a migration; to go back, restore "
                           "the backup taken before the upgrade."));
    UpgradePath path;
    path.m_from = *from;
    path.m_to = *to;
    const auto stops = gateStops(registry, *from, *to);
    if (!stops)
        return stops.error();

    // Points where a hop ends: each stop, each first release of a line whose requirements
    // differ from the line before it, and the target.
    QMap<Version, QList<RequirementChange>> changes;
    const ReleaseLine* previous = registry.lineOf(*from);
    for (const ReleaseLine& line : registry.lines()) {
        if (!previous || !(*Version::parse(previous->name) < *Version::parse(line.name)) ||
            *to < line.first())
            continue;
        const auto changed = Requirements::changes(previous->requirements, line.requirements);
        if (!changed.isEmpty() && *from < line.first())
            changes.insert(line.first(), changed);
        previous = &line;
    }
    QList<Version> points = changes.keys() + stops->keys();
    points << *to;
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());

    Version position = *from;
    for (const Version& point : points) {
        if (!(position < point))
            continue;
        UpgradeHop hop{position, point, stops->contains(point), {}, changes.value(point)};
        QStringList why;
        if (hop.requiredStop) {
            const Gate* gate = stops->value(point);
            why << QStringLiteral("required stop: %1").arg(gate->why);
        }
        if (!hop.changes.isEmpty()) {
            QStringList what;
            for (const RequirementChange& change : hop.changes)
                what << change.what;
            why << QStringLiteral("from %1 on, new: %2")
                       .arg(point.toString(), what.join(QStringLiteral(", ")));
        }
        if (why.isEmpty())
            why << (point == *to && path.m_hops.isEmpty()
                        ? QStringLiteral("direct: no required stop, nothing around it changes")
                        : QStringLiteral("to the target"));
        hop.why = why.join(QStringLiteral("; "));
        path.m_hops << hop;
        position = point;
    }
    return path;
}

Status UpgradePath::checkDirect(const ReleaseRegistry& registry, const Version& from,
                                const Version& to, bool force)
{
    for (const ReleaseLine& line : registry.lines()) {
        if (line.releases.isEmpty() || to < line.first() || !(from < line.newest()))
            continue;
        for (const Gate& gate : line.gates)
            if (gate.blocks(from) && !(force && gate.forceBypasses)) {
                const ReleaseLine* via = registry.line(gate.via);
                return makeError(
                    QStringLiteral("OpenMetadata %1 refuses a database at %2: %3")
                        .arg(to.toString(), from.toString(), gate.why),
                    gate.source,
                    via && !via->newest().isNull()
                        ? QStringLiteral(
                              "Upgrade to %1 first (the newest %2 release), then to %3.%4")
                              .arg(via->newest().toString(), gate.via, to.toString(),
                                   gate.forceBypasses ? QString()
                                                      : QStringLiteral(" --force does not get "
                                                                       "past this."))
                        : QString());
            }
    }
    return {};
}

QList<Version> UpgradePath::requiredStops() const
{
    QList<Version> list;
    for (const UpgradeHop& hop : m_hops)
        if (hop.requiredStop)
            list << hop.to;
    return list;
}

QList<const Release*> UpgradePath::crossed(const ReleaseRegistry& registry) const
{
    return registry.between(m_from, m_to);
}

QJsonObject UpgradePath::toJson() const
{
    QJsonArray hops;
    for (const UpgradeHop& hop : m_hops)
        hops.append(hop.toJson());
    QJsonArray stops;
    for (const Version& stop : requiredStops())
        stops.append(stop.toString());
    return QJsonObject{{QStringLiteral("from"), m_from.toString()},
                       {QStringLiteral("to"), m_to.toString()},
                       {QStringLiteral("hops"), hops},
                       {QStringLiteral("requiredStops"), stops}};
}

QString UpgradePath::toText() const
{
    QString text;
    QTextStream out(&text);
    const auto stops = requiredStops();
    out << "Upgrade path: OpenMetadata " << m_from.toString() << " -> " << m_to.toString() << " ("
        << m_hops.size() << (m_hops.size() == 1 ? " hop" : " hops") << ", "
        << (stops.isEmpty() ? QStringLiteral("no required stop")
                            : QStringLiteral("stop first at %1").arg([&] {
                                  QStringList names;
                                  for (const Version& v : stops)
                                      names << v.toString();
                                  return names.join(QStringLiteral(", "));
                              }()))
        << ")\n";
    if (m_hops.isEmpty())
        out << "  Nothing to do: the database is already at the target.\n";
    for (const UpgradeHop& hop : m_hops) {
        out << "\n  " << hop.from.toString() << " -> " << hop.to.toString()
            << (hop.requiredStop ? "  [required stop]" : "") << "\n    " << hop.why << "\n";
        for (const RequirementChange& change : hop.changes)
            out << "    " << change.what << ": " << change.before << " -> " << change.after << "\n";
    }
    return text;
}

} // namespace omu

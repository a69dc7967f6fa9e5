#pragma once

#include "common/Result.h"
#include "ReleaseRegistry.h"
#include "UpgradeHop.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace omu {

// The way from the release a database is at to a target, like GitLab's Upgrade Path tool
// but computed from the registry: the stops the target's gates require (2.1 wants the
// newest 2.0 first), and, between them, the points where what the deployment needs
// changes (migration tool, Java, search engine, database minimum, ...).
class UpgradePath
{
public:
    // Refuses, with the reason, an unknown release, a target behind the database, and a
    // gate the path cannot pass.
    static Result<UpgradePath> plan(const ReleaseRegistry& registry, const QString& from,
                                    const QString& to);

    // Whether a database at `from` may migrate straight to `to` in one run: refused when a
    // gate of a line up to `to` blocks it (and `force` does not bypass that gate).
    static Status checkDirect(const ReleaseRegistry& registry, const Version& from,
                              const Version& to, bool force = false);

    Version from() const { return m_from; }
    Version to() const { return m_to; }
    const QList<UpgradeHop>& hops() const { return m_hops; }
    QList<Version> requiredStops() const;
    // Every release the path crosses, after `from` up to `to`.
    QList<const Release*> crossed(const ReleaseRegistry& registry) const;

    // The design's shape: {"from", "to", "hops": [...]}, plus "requiredStops".
    QJsonObject toJson() const;
    // The hops as lines of text, for the command line.
    QString toText() const;

private:
    Version m_from;
    Version m_to;
    QList<UpgradeHop> m_hops;
};

} // namespace omu

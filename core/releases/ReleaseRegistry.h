#pragma once

#include "common/Result.h"
#include "ReleaseLine.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace omu {

// Every OpenMetadata release the tool knows, per line with its requirements and gates:
// YAML files compiled in under :/releases (resources/releases/, one file per line).
// Loading validates every file and fails with every problem, each naming file and line.
class ReleaseRegistry
{
public:
    static constexpr const char* builtInFolder = ":/releases";

    // The compiled-in registry, loaded once. Empty (and builtInError() set) only when the
    // program was built with a broken registry, which the tests prevent.
    static const ReleaseRegistry& builtIn();
    static QString builtInError();

    static Result<ReleaseRegistry> loadFolder(const QString& folder);
    // (file name, YAML text) pairs.
    static Result<ReleaseRegistry> parse(const QList<QPair<QString, QByteArray>>& files);

    bool isEmpty() const { return m_releases.isEmpty(); }
    const QList<ReleaseLine>& lines() const { return m_lines; }   // oldest first
    const QList<Release>& releases() const { return m_releases; } // upgrade order
    QStringList versions() const;

    const Release* find(const Version& version) const;
    const ReleaseLine* line(const QString& name) const;
    const ReleaseLine* lineOf(const Version& version) const; // by major.minor
    const Release* newest() const { return m_releases.isEmpty() ? nullptr : &m_releases.last(); }
    // The known releases closest to `version`: the nearest below and above (up to `count`).
    QList<const Release*> nearest(const Version& version, int count = 3) const;
    // Known releases with after < version <= upTo, oldest first.
    QList<const Release*> between(const Version& after, const Version& upTo) const;

    // A target must be a known release; a typed one that is not is refused with the
    // nearest known releases. `role` names it in the message ("target", "--to").
    Result<Version> resolveTarget(const QString& text, const QString& role) const;
    // The release running now may be a migration version inside a known line (the
    // database records its newest migration folder, e.g. 1.3.0 for a 1.3.1 install).
    Result<Version> resolveCurrent(const QString& text, const QString& role) const;

private:
    Error unknown(const QString& text, const QString& role, const Version& version) const;

    QList<ReleaseLine> m_lines;
    QList<Release> m_releases;
};

// "1.3.2-1.3.4, 1.4.0-1.4.8": releases grouped by line into runs, for messages that would
// otherwise list a hundred versions.
QString describeReleases(const QList<const Release*>& releases);

} // namespace omu

#include "ReleaseRegistry.h"

#include "common/FolderFiles.h"
#include "ReleaseLineReader.h"

#include <QHash>

#include <algorithm>

namespace omu {

namespace {

struct BuiltIn
{
    ReleaseRegistry registry;
    QString error;
};

const BuiltIn& builtInRegistry()
{
    static const BuiltIn loaded = [] {
        BuiltIn result;
        auto registry =
            ReleaseRegistry::loadFolder(QString::fromLatin1(ReleaseRegistry::builtInFolder));
        if (registry && !registry.value().isEmpty())
            result.registry = std::move(registry).value();
        else
            result.error = registry ? QStringLiteral("the built-in release registry is missing; "
                                                     "rebuild the program with its resources")
                                    : registry.error().toString();
        return result;
    }();
    return loaded;
}

QString lineName(const Version& version)
{
    return QStringLiteral("%1.%2").arg(version.part(0)).arg(version.part(1));
}

} // namespace

const ReleaseRegistry& ReleaseRegistry::builtIn()
{
    return builtInRegistry().registry;
}

QString ReleaseRegistry::builtInError()
{
    return builtInRegistry().error;
}

Result<ReleaseRegistry> ReleaseRegistry::loadFolder(const QString& folder)
{
    const auto files = readFolderFiles(folder, {QStringLiteral("*.yaml")},
                                       QStringLiteral("release registry file"));
    if (!files)
        return files.error();
    return parse(files.value());
}

Result<ReleaseRegistry> ReleaseRegistry::parse(const QList<QPair<QString, QByteArray>>& files)
{
    ReleaseRegistry registry;
    QStringList errors;
    QHash<QString, QString> lineFiles;
    for (const auto& [name, text] : files) {
        auto line = ReleaseLineReader::read(name, text);
        if (!line) {
            errors << line.error().message;
            continue;
        }
        if (lineFiles.contains(line->name)) {
            errors << QStringLiteral("%1: line %2 is already defined in %3")
                          .arg(name, line->name, lineFiles.value(line->name));
            continue;
        }
        lineFiles.insert(line->name, name);
        registry.m_lines << std::move(line).value();
    }
    std::sort(registry.m_lines.begin(), registry.m_lines.end(),
              [](const ReleaseLine& a, const ReleaseLine& b) {
                  return *Version::parse(a.name) < *Version::parse(b.name);
              });
    for (const ReleaseLine& line : registry.m_lines) {
        for (const Gate& gate : line.gates)
            if (!lineFiles.contains(gate.via) ||
                !(*Version::parse(gate.via) < *Version::parse(line.name)))
                errors << QStringLiteral("%1: gate %2 stops at line \"%3\", which must be an "
                                         "earlier line of the registry")
                              .arg(line.file, gate.id, gate.via);
        registry.m_releases << line.releases;
    }
    if (!errors.isEmpty())
        return makeError(QStringLiteral("the release registry is invalid:\n  ") +
                             errors.join(QStringLiteral("\n  ")),
                         {}, QStringLiteral("Fix these files in resources/releases/."));
    return registry;
}

QStringList ReleaseRegistry::versions() const
{
    QStringList list;
    for (const Release& release : m_releases)
        list << release.version.toString();
    return list;
}

const Release* ReleaseRegistry::find(const Version& version) const
{
    for (const Release& release : m_releases)
        if (release.version == version)
            return &release;
    return nullptr;
}

const ReleaseLine* ReleaseRegistry::line(const QString& name) const
{
    for (const ReleaseLine& line : m_lines)
        if (line.name == name)
            return &line;
    return nullptr;
}

const ReleaseLine* ReleaseRegistry::lineOf(const Version& version) const
{
    return line(lineName(version));
}

QList<const Release*> ReleaseRegistry::nearest(const Version& version, int count) const
{
    QList<const Release*> below;
    QList<const Release*> above;
    for (const Release& release : m_releases)
        (release.version < version ? below : above) << &release;
    QList<const Release*> chosen;
    // Alternate: the closest below, the closest above, ...
    while (chosen.size() < count && (!below.isEmpty() || !above.isEmpty())) {
        if (!below.isEmpty())
            chosen << below.takeLast();
        if (chosen.size() < count && !above.isEmpty())
            chosen << above.takeFirst();
    }
    std::sort(chosen.begin(), chosen.end(),
              [](const Release* a, const Release* b) { return a->version < b->version; });
    return chosen;
}

QList<const Release*> ReleaseRegistry::between(const Version& after, const Version& upTo) const
{
    QList<const Release*> list;
    for (const Release& release : m_releases)
        if (after < release.version && !(upTo < release.version))
            list << &release;
    return list;
}

Error ReleaseRegistry::unknown(const QString& text, const QString& role,
                               const Version& version) const
{
    QStringList names;
    for (const Release* release : nearest(version))
        names << release->version.toString();
    const Release* latest = newest();
    return makeError(
        QStringLiteral("%1 %2 is not a release this version of omupgrade knows").arg(role, text),
        {},
        latest ? QStringLiteral("The nearest known releases are %1; the newest is %2. A newer "
                                "release needs a newer omupgrade.")
                     .arg(names.join(QStringLiteral(", ")), latest->version.toString())
               : QString());
}

Result<Version> ReleaseRegistry::resolveTarget(const QString& text, const QString& role) const
{
    const auto version = Version::parse(text);
    if (!version)
        return makeError(
            QStringLiteral("%1 \"%2\" is not a version").arg(role, text), {},
            QStringLiteral("Give it as numbers, e.g. %1.")
                .arg(newest() ? newest()->version.toString() : QStringLiteral("1.3.1")));
    if (!find(*version))
        return unknown(text, role, *version);
    return *version;
}

Result<Version> ReleaseRegistry::resolveCurrent(const QString& text, const QString& role) const
{
    const auto version = Version::parse(text);
    if (!version)
        return makeError(QStringLiteral("%1 \"%2\" is not a version").arg(role, text), {},
                         QStringLiteral("Give it as numbers, e.g. 1.1.5."));
    if (!find(*version) && !lineOf(*version))
        return unknown(text, role, *version);
    return *version;
}

QString describeReleases(const QList<const Release*>& releases)
{
    QStringList runs;
    qsizetype i = 0;
    while (i < releases.size()) {
        qsizetype j = i;
        while (j + 1 < releases.size() && releases.at(j + 1)->line == releases.at(i)->line)
            ++j;
        runs << (i == j ? releases.at(i)->version.toString()
                        : QStringLiteral("%1-%2").arg(releases.at(i)->version.toString(),
                                                      releases.at(j)->version.toString()));
        i = j + 1;
    }
    return runs.join(QStringLiteral(", "));
}

} // namespace omu

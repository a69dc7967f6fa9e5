#pragma once

#include "Detector.h"
#include "SpecReader.h"
#include "YamlPath.h"

#include <QList>
#include <QRegularExpression>

#include <functional>
#include <optional>

namespace omu {

// What the YAML detectors share: which files (`files: [config, helm, workflows,
// compose]`), the key path, and two optional conditions: `onlyIf` (a path that must exist
// in the document, e.g. "database" to recognise an openmetadata.yaml, or {path, matches}
// for a value elsewhere in the document, e.g. the workflow's connection type) and `when`
// (a sibling key whose value must match, e.g. the connection's type: Trino; with `up: N`
// a key of the mapping N levels above, e.g. the image of the compose service whose
// deploy.replicas is checked).
class YamlScope
{
public:
    // Reads files/path/onlyIf/when from the spec.
    void read(SpecReader& reader);

    const YamlPath& path() const { return m_path; }

    // Calls visit(source, document) for every document in scope; returns the reasons for
    // the inputs that could not be looked at when none could.
    QString
    forEachDocument(const DetectorContext& context,
                    const std::function<void(const YamlSource&, const YAML::Node&)>& visit) const;
    // Calls visit(source, match) for every key the path names, in the documents in scope,
    // that `when` accepts; returns what forEachDocument returns.
    QString forEachKey(const DetectorContext& context,
                       const std::function<void(const YamlSource&, const YamlMatch&)>& visit) const;
    // Whether a mapping satisfies `when` (for a key: the mapping holding it), given the
    // document and the mapping's concrete path in it (for `up`).
    bool accepts(const YAML::Node& document, const QStringList& mappingPath,
                 const YAML::Node& mapping) const;

    // Where a node is, 1-based, falling back to the key when the value has no text of
    // its own (a null value is reported by yaml-cpp at the next token).
    static std::pair<int, int> position(const YAML::Node& node);

private:
    bool onlyIfHolds(const YAML::Node& document) const;
    bool whenHolds(const YAML::Node& mapping) const;

    QList<InputKind> m_files;
    YamlPath m_path;
    std::optional<YamlPath> m_onlyIf;
    QRegularExpression m_onlyIfMatches;
    bool m_hasOnlyIfMatches = false;
    QString m_whenKey;
    QRegularExpression m_whenMatches;
    int m_whenUp = 0;
};

} // namespace omu

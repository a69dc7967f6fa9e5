#pragma once

#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <optional>
#include <vector>

namespace omu {

// One place a YamlPath matched: the key node (null for the document root or a sequence
// item), its value and the mapping that holds it.
//
// Never assign YAML::Node handles that are already set: yaml-cpp's operator= rewrites the
// node they point at, which corrupts the tree. Matches are only ever copy-constructed.
struct YamlMatch
{
    YamlMatch(QStringList path, YAML::Node key, YAML::Node value, YAML::Node parent, bool hasKey)
        : path(std::move(path)), key(key), value(value), parent(parent), hasKey(hasKey)
    {
    }
    YamlMatch(const YamlMatch&) = default;
    YamlMatch& operator=(const YamlMatch&) = delete;

    QStringList path; // concrete keys, "[3]" for sequence items
    YAML::Node key;
    YAML::Node value;
    YAML::Node parent;
    bool hasKey = false;
};

// A dotted path into a YAML document, as the catalog writes it:
//   "secretsManagerConfiguration.secretsManager"  exact keys from the root
//   "source.*.config"                              '*' is any one key or sequence item
//   "**.sandboxDomain"                             '**' is any depth, including none
//   "source.sourceConfig.config.(jobId|projectId)" one of these keys
// An empty path is the document root.
class YamlPath
{
public:
    static std::optional<YamlPath> parse(const QString& text, QString* error = nullptr);

    QString toString() const { return m_segments.join(QLatin1Char('.')); }
    bool isRoot() const { return m_segments.isEmpty(); }
    QString lastKey() const { return m_segments.isEmpty() ? QString() : m_segments.last(); }
    YamlPath parent() const;

    std::vector<YamlMatch> find(const YAML::Node& root) const;
    // The place a concrete path (keys, "[3]" for a sequence item, as YamlMatch::path holds
    // them) names in a document; nothing when a step is missing. The root itself for an
    // empty path.
    static std::optional<YamlMatch> at(const YAML::Node& root, const QStringList& concretePath);

private:
    void match(const YamlMatch& current, int segment, std::vector<YamlMatch>& out) const;

    QStringList m_segments;
};

} // namespace omu

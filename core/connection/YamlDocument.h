#pragma once

#include "common/Result.h"

#include <QString>

#include <yaml-cpp/yaml.h>

#include <optional>

namespace omu {

// A parsed YAML file that remembers its name, so every value read from it can say
// where it came from ("openmetadata.yaml:57"). Loading never throws: yaml-cpp's
// exceptions become errors naming file:line:column.
class YamlDocument
{
public:
    // kind names the file in messages, e.g. "OpenMetadata configuration".
    static Result<YamlDocument> load(const QString& path, const QString& kind);
    static Result<YamlDocument> parse(const QString& text, const QString& fileName,
                                      const QString& kind);

    const YAML::Node& root() const { return m_root; }
    QString fileName() const { return m_fileName; }

    // "file:line" (1-based) of a node, or just the file name when yaml-cpp has no mark.
    QString where(const YAML::Node& node) const;

    // The child of a mapping, or nothing when node is not a mapping or lacks the key.
    static std::optional<YAML::Node> child(const YAML::Node& node, const char* key);
    // The text of a scalar; nothing for a missing node, "" for a null one, nothing for a
    // sequence or mapping.
    static std::optional<QString> scalar(const YAML::Node& node);

private:
    YAML::Node m_root;
    QString m_fileName;
};

} // namespace omu

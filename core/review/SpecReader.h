#pragma once

#include "common/Result.h"

#include <QSet>
#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <optional>

namespace omu {

// Reads the fields of one catalog mapping (an entry, a detector, an autofix) and collects
// what is wrong with it: a missing required field, a wrong type, a bad regular
// expression, a field nobody reads (usually a typo). finish() returns every complaint at
// once, each naming the field and its line in the catalog file.
class SpecReader
{
public:
    SpecReader(const YAML::Node& node, QString what);

    QString string(const char* key, bool required);
    QStringList stringList(const char* key, bool required); // a list, or a single string
    bool boolean(const char* key, bool fallback);
    // A regular expression, checked to compile; returned as written.
    QString regex(const char* key, bool required);
    std::optional<YAML::Node> node(const char* key, bool required);

    bool has(const char* key) const;
    void fail(const QString& message);
    // Every complaint, or nothing when the mapping is fine.
    std::optional<Error> finish();

private:
    std::optional<YAML::Node> find(const char* key, bool required);
    QString lineOf(const YAML::Node& node) const;

    YAML::Node m_node;
    QString m_what;
    QSet<QString> m_read;
    QStringList m_errors;
};

} // namespace omu

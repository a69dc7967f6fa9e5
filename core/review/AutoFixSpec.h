#pragma once

#include "common/Result.h"

#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <optional>

namespace omu {

// An automatic fix as the catalog writes it. Every kind is a text edit at a place
// yaml-cpp (or the env file's line) reports, so everything else in the file stays
// byte-for-byte:
//   rename-key   {to}                 the key's name becomes `to`
//   change-value {to}                 the value (or the default in ${VAR:-default}, or the
//                                     env file's value) becomes `to`, quoting kept
//   replace-text {pattern, with}      a regular expression replaced inside the value
//   replace-key  {lines}              the "key: value" line becomes these lines ({value}
//                                     is the old value); for env files the KEY=value line
//   delete-block {deleteEmptyParent}  the key and everything nested under it go
//   add-block    {lines}              the lines are added to the mapping that lacks the key
//   move-key     {to}                 the key and its block move to `to`, a dotted path
//                                     from the mapping holding it (a.b.key); the mappings
//                                     on the way are made when missing, and the key is
//                                     renamed when `to` ends in another name
// unlessPresent names keys (or variables) whose presence makes the fix a manual job.
struct AutoFixSpec
{
    enum class Kind
    {
        RenameKey,
        ChangeValue,
        ReplaceText,
        ReplaceKey,
        DeleteBlock,
        AddBlock,
        MoveKey
    };

    Kind kind = Kind::RenameKey;
    QString to;
    QString pattern;
    QString with;
    QStringList lines;
    QStringList unlessPresent;
    bool deleteEmptyParent = false;

    static QString kindName(Kind kind);
    // Errors name the offending field; `where` is prefixed by the caller.
    static Result<AutoFixSpec> parse(const YAML::Node& node);
};

} // namespace omu

#pragma once

#include <QString>
#include <QStringList>

namespace omu {

// Where an automatic fix would edit, in terms that survive earlier edits to the same
// file: a YAML key by its concrete path, a YAML mapping that lacks a key, or the line of
// an env file that sets a variable. The fix re-locates it in the file as it is then.
struct FixTarget
{
    enum class Kind
    {
        YamlKey,    // path names the key whose key or value is edited
        YamlParent, // path names the mapping ("" for the root) that lacks missingKey
        EnvEntry,   // envKey set on envLine of file
    };

    Kind kind = Kind::YamlKey;
    QString file;
    QStringList path;
    QString missingKey;
    QString envKey;
    int envLine = 0; // 1-based
};

} // namespace omu

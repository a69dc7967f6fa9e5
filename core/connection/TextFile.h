#pragma once

#include "common/Result.h"

#include <QString>

namespace omu {

// Reads a whole configuration file the user pointed at, and turns the usual mistakes
// (wrong path, a folder, no permission, a binary picked by accident) into errors that
// say which file and what to do.
class TextFile
{
public:
    // kind names the file in messages, e.g. "OpenMetadata configuration" or "env file".
    static Result<QString> read(const QString& path, const QString& kind);

    // The name used in messages and origins: the file name without its folder.
    static QString displayName(const QString& path);
};

} // namespace omu

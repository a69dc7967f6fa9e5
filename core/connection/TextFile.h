#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>

namespace omu {

// Reads a whole configuration file the user pointed at, and turns the usual mistakes
// (wrong path, a folder, no permission, a binary picked by accident) into errors that
// say which file and what to do. Reads in chunks up to a hard cap, so a device
// (/dev/zero) or an endless pipe ends in an error, not in an exhausted memory; a named
// pipe (FIFO) nobody writes to ends after `waitSeconds` instead of blocking forever, and
// process substitution (`--config <(...)`, a pipe already open) works as a file does.
class TextFile
{
public:
    // Configuration files are small; anything bigger is almost certainly the wrong file.
    static constexpr qint64 maxBytes = 16 * 1024 * 1024;
    // A secret's file (--password-file) holds one line.
    static constexpr qint64 maxSecretBytes = 64 * 1024;
    static constexpr int waitSeconds = 15;

    // kind names the file in messages, e.g. "OpenMetadata configuration" or "env file".
    static Result<QString> read(const QString& path, const QString& kind);
    // The first line (without its line break) of a file holding a secret; an empty first
    // line is an error, since an empty password is never what the file was meant to say.
    static Result<QString> readSecretLine(const QString& path, const QString& kind);
    // The raw bytes, at most `cap` (a longer file is an error).
    static Result<QByteArray> readBytes(const QString& path, const QString& kind, qint64 cap);

    // The name used in messages and origins: the file name without its folder.
    static QString displayName(const QString& path);
};

} // namespace omu

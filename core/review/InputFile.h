#pragma once

#include "common/Result.h"
#include "ReviewProblem.h"

#include <QByteArray>
#include <QString>

namespace omu {

// Reads one file the review looks at, as bytes (edits are made on bytes so that the
// positions yaml-cpp reports apply unchanged). Refuses what cannot be a configuration or
// source file: missing, a folder, unreadable, larger than maxBytes, binary, not UTF-8.
class InputFile
{
public:
    // Configuration, workflow and connector files are small; a 50 MB "YAML" is a dump or
    // the wrong file, and parsing it would take minutes and gigabytes.
    static constexpr qint64 maxBytes = 16LL * 1024 * 1024;

    // kind names the file in messages ("OpenMetadata configuration", "workflow").
    static Result<QByteArray, ReviewProblem> read(const QString& path, const QString& kind);
    // The same checks, and the file as text (decoded once, without its byte order mark).
    static Result<QString, ReviewProblem> readText(const QString& path, const QString& kind);

    // The UTF-8 byte order mark, which the review strips before parsing and keeps on write.
    static QByteArray byteOrderMark() { return QByteArrayLiteral("\xEF\xBB\xBF"); }

private:
    static Result<QByteArray, ReviewProblem> read(const QString& path, const QString& kind,
                                                  QString& text);
};

} // namespace omu

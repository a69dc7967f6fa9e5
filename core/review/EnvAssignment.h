#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace omu {

// The byte positions of one KEY=value line of an env file, so a fix can change the
// value (inside its quotes) or replace the line and leave every other byte alone.
struct EnvAssignment
{
    qsizetype lineStart = 0;
    qsizetype lineEnd = 0; // before "\n" / "\r\n"
    qsizetype valueStart = 0;
    qsizetype valueEnd = 0; // inside the quotes, if any
    QString value;          // as written between valueStart and valueEnd

    // The line that sets key: line (1-based) when it does, else the last line that does.
    static std::optional<EnvAssignment> find(const QByteArray& content, const QString& key,
                                             int line);
    // Whether any line sets key.
    static bool isSet(const QByteArray& content, const QString& key);
};

} // namespace omu

#pragma once

#include <QByteArray>
#include <QString>

namespace omu {

// A unified diff (as `diff -u` prints it, three lines of context) between two versions
// of a file, for the preview before a fix is written.
class UnifiedDiff
{
public:
    static QString make(const QByteArray& before, const QByteArray& after, const QString& path);
};

} // namespace omu

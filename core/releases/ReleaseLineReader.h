#pragma once

#include "common/Result.h"
#include "ReleaseLine.h"

#include <QByteArray>
#include <QString>

namespace omu {

// Reads one resources/releases/<line>.yaml: the line, its requirements and their sources,
// gates and releases. Every problem is collected and named with the file and its line
// ("1.12.yaml: release 1.12.3: \"date\" must be YYYY-MM-DD (line 14)").
class ReleaseLineReader
{
public:
    static Result<ReleaseLine> read(const QString& fileName, const QByteArray& text);
};

} // namespace omu

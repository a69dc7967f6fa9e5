#pragma once

#include "releases/ReleaseRegistry.h"

#include <QJsonObject>

namespace omu::cli {

// The JSON of the registry's pieces, shared by `releases` and `path`.
class ReleaseJson
{
public:
    // {"java", "elasticsearch": {"min", "below", "text"}, ..., "sources"}
    static QJsonObject requirements(const ReleaseLine& line);
    // {"version", "date", "line", "requires", "gates", "source", "note", "covered"}
    static QJsonObject release(const Release& release, const ReleaseLine& line,
                               const Version& coverage);
};

} // namespace omu::cli

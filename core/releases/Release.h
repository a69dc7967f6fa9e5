#pragma once

#include "common/Version.h"

#include <QString>

namespace omu {

// One GA release of OpenMetadata, as resources/releases/<line>.yaml lists it.
struct Release
{
    Version version;
    QString line;   // "1.12"
    QString date;   // YYYY-MM-DD, or empty when no source gave it
    QString source; // where the release and its date were read
    QString note;   // anything unsettled about it

    QString dateText() const { return date.isEmpty() ? QStringLiteral("date not verified") : date; }
};

} // namespace omu

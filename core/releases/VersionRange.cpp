#include "VersionRange.h"

namespace omu {

bool VersionRange::contains(const Version& version) const
{
    if (!min.isNull() && version < min)
        return false;
    return below.isNull() || version < below;
}

QString VersionRange::describe() const
{
    if (min.isNull() && below.isNull())
        return QStringLiteral("any");
    if (below.isNull())
        return QStringLiteral("%1 or later").arg(min.toString());
    // "below 10.0.0" reads as a major version: 9.x
    const bool wholeMajor = below.part(1) == 0 && below.part(2) == 0;
    const QString upper = wholeMajor ? QStringLiteral("%1.x").arg(below.part(0) - 1)
                                     : QStringLiteral("below %1").arg(below.toString());
    if (min.isNull())
        return upper;
    return wholeMajor && min.part(0) == below.part(0) - 1
               ? QStringLiteral("%1 (%2 or later)").arg(upper, min.toString())
               : QStringLiteral("%1 to %2").arg(min.toString(), upper);
}

} // namespace omu

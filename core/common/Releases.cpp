#include "Releases.h"

namespace omu {

QStringList knownReleases()
{
    return {
        QStringLiteral("1.1.0"), QStringLiteral("1.1.1"), QStringLiteral("1.1.2"),
        QStringLiteral("1.1.3"), QStringLiteral("1.1.4"), QStringLiteral("1.1.5"),
        QStringLiteral("1.1.6"), QStringLiteral("1.1.7"), QStringLiteral("1.2.0"),
        QStringLiteral("1.2.1"), QStringLiteral("1.2.2"), QStringLiteral("1.2.3"),
        QStringLiteral("1.2.4"), QStringLiteral("1.2.5"), QStringLiteral("1.3.0"),
        QStringLiteral("1.3.1"),
    };
}

} // namespace omu

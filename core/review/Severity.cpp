#include "Severity.h"

namespace omu {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Blocker:
        return QStringLiteral("blocker");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Notice:
        break;
    }
    return QStringLiteral("notice");
}

std::optional<Severity> severityFromName(const QString& name)
{
    if (name == QLatin1String("blocker"))
        return Severity::Blocker;
    if (name == QLatin1String("warning"))
        return Severity::Warning;
    if (name == QLatin1String("notice"))
        return Severity::Notice;
    return std::nullopt;
}

} // namespace omu

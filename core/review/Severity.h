#pragma once

#include <QString>

#include <optional>

namespace omu {

// How much a catalog entry matters, in the order MySQL Shell's upgrade checker uses:
// a blocker stops a safe upgrade, a warning will break something, a notice is advice.
enum class Severity
{
    Blocker,
    Warning,
    Notice
};

QString severityName(Severity severity); // "blocker", "warning", "notice"
std::optional<Severity> severityFromName(const QString& name);

} // namespace omu

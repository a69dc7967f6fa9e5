#pragma once

#include <QString>

namespace omu {

// How a long operation ended: exactly one of the three, the same for a backup, a restore,
// a review or the migration tool. Cancelled is not a failure: the user asked for it.
enum class Ending
{
    Succeeded,
    Failed,
    Cancelled,
};

// "succeeded", "failed", "cancelled": as written in journals and JSON.
inline QString endingName(Ending ending)
{
    switch (ending) {
    case Ending::Succeeded:
        return QStringLiteral("succeeded");
    case Ending::Failed:
        return QStringLiteral("failed");
    case Ending::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

} // namespace omu

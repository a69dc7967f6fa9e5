#pragma once

#include "common/Result.h"
#include "connection/ConnectionProfile.h"

#include <QString>

#include <functional>

namespace omu {

// What the After step needs from the tuning step: put back the value it changed, as
// recorded in the journal, and say what it did. The default goes through
// SortMemoryTuner (core/tuning), which journals the revert itself; tests and other
// front ends may swap it.
struct TuningRevertOutcome
{
    bool reverted = false; // something was put back (false: nothing was pending)
    QString message;       // for people
};

using TuningReverter = std::function<Result<TuningRevertOutcome>(const ConnectionProfile& profile,
                                                                 const QString& dataFolder)>;

TuningReverter defaultTuningReverter();

} // namespace omu

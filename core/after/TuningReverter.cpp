#include "TuningReverter.h"

#include "tuning/SortMemoryTuner.h"

namespace omu {

TuningReverter defaultTuningReverter()
{
    return [](const ConnectionProfile& profile,
              const QString& dataFolder) -> Result<TuningRevertOutcome> {
        const SortMemoryTuner tuner(profile, dataFolder);
        const auto outcome = tuner.revert();
        if (!outcome)
            return outcome.error();
        return TuningRevertOutcome{outcome.value().changed, outcome.value().message};
    };
}

} // namespace omu

#pragma once

#include "tuning/SortMemoryTuner.h"

#include <QString>

namespace omu::ui::tuningtext {

// An apply or revert, for the result banner: what a new connection reads now, or what
// went wrong and what to do ("ok" or "failed" in `state`).
QString outcomeHtml(const Result<TuningOutcome>& outcome, QString* state);

} // namespace omu::ui::tuningtext

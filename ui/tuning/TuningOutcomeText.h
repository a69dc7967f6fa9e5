#pragma once

#include "tuning/SortMemoryTuner.h"

#include <QString>

namespace omu::ui::tuningtext {

// Text with its line breaks kept, for the tuning step's multi-line messages and advice.
QString escapedLines(const QString& text);
// An apply or revert, for the result banner: what a new connection reads now, or what
// went wrong and what to do ("ok" or "failed" in `state`).
QString outcomeHtml(const Result<TuningOutcome>& outcome, QString* state);

} // namespace omu::ui::tuningtext

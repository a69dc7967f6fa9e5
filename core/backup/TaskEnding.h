#pragma once

namespace omu {

// How a long operation ended. Cancelled is not a failure: the user asked for it.
enum class TaskEnding
{
    Succeeded,
    Cancelled,
    Failed
};

} // namespace omu

#pragma once

#include <QStringList>

namespace omu {

// OpenMetadata releases the tool knows how to reach, oldest first. The breaking-change
// catalog covers every step between them.
QStringList knownReleases();

} // namespace omu

#pragma once

#include <QString>

namespace omu::test {

// A file below tests/data/ (OMU_TEST_DATA_DIR, set by ctest).
QString dataPath(const QString& relative);

} // namespace omu::test

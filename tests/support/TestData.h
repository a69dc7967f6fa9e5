#pragma once

#include <QByteArray>
#include <QString>

namespace omu::test {

// A file below tests/data/ (OMU_TEST_DATA_DIR, set by ctest).
QString dataPath(const QString& relative);

// Writes `content` to `path` (its folder made first); false when that failed.
bool writeFile(const QString& path, const QByteArray& content);
// The whole file; empty when it cannot be read.
QByteArray readFile(const QString& path);

} // namespace omu::test

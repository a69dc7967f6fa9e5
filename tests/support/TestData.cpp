#include "TestData.h"

#include <QDir>

namespace omu::test {

QString dataPath(const QString& relative)
{
    QString root = qEnvironmentVariable("OMU_TEST_DATA_DIR");
    if (root.isEmpty())
        root = QStringLiteral(OMU_TEST_SOURCE_DIR "/data");
    return QDir(root).filePath(relative);
}

} // namespace omu::test

#include "TestData.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace omu::test {

QString dataPath(const QString& relative)
{
    QString root = qEnvironmentVariable("OMU_TEST_DATA_DIR");
    if (root.isEmpty())
        root = QStringLiteral(OMU_TEST_SOURCE_DIR "/data");
    return QDir(root).filePath(relative);
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(content) == content.size();
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace omu::test

#include "TextFile.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

namespace omu {

namespace {
// Configuration files are small; anything bigger is almost certainly the wrong file.
constexpr qint64 maxSize = 16 * 1024 * 1024;
} // namespace

QString TextFile::displayName(const QString& path)
{
    const QString name = QFileInfo(path).fileName();
    return name.isEmpty() ? path : name;
}

Result<QString> TextFile::read(const QString& path, const QString& kind)
{
    const QString name = displayName(path);
    const QFileInfo info(path);
    if (!info.exists())
        return makeError(QStringLiteral("the %1 %2 does not exist").arg(kind, path), name,
                         QStringLiteral("Check the path, or leave the field empty to skip it."));
    if (info.isDir())
        return makeError(QStringLiteral("the %1 %2 is a folder, not a file").arg(kind, path), name,
                         QStringLiteral("Point at the file itself."));
    if (info.size() > maxSize)
        return makeError(QStringLiteral("the %1 %2 is %3 bytes, too large to be one")
                             .arg(kind, path, QString::number(info.size())),
                         name, QStringLiteral("Check that you picked the right file."));

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            QStringLiteral("the %1 %2 cannot be read: %3").arg(kind, path, file.errorString()),
            name,
            QStringLiteral("Check the file's permissions (it must be readable by your user)."));
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return makeError(
            QStringLiteral("the %1 %2 cannot be read: %3").arg(kind, path, file.errorString()),
            name, QStringLiteral("Check the file's permissions and the disk."));

    // A NUL byte or invalid UTF-8 means someone picked an archive, an image or a
    // keystore instead of the text file.
    if (bytes.contains('\0'))
        return makeError(QStringLiteral("the %1 %2 is a binary file, not text").arg(kind, path),
                         name, QStringLiteral("Check that you picked the right file."));
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return makeError(
            QStringLiteral("the %1 %2 is not UTF-8 text").arg(kind, path), name,
            QStringLiteral("Check that you picked the right file, or save it as UTF-8."));
    return text;
}

} // namespace omu

#include "InputFile.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

#include <algorithm>

namespace omu {

Result<QByteArray, ReviewProblem> InputFile::read(const QString& path, const QString& kind)
{
    QString ignored;
    return read(path, kind, ignored);
}

Result<QString, ReviewProblem> InputFile::readText(const QString& path, const QString& kind)
{
    QString text;
    auto bytes = read(path, kind, text);
    if (!bytes)
        return bytes.error();
    return text;
}

Result<QByteArray, ReviewProblem> InputFile::read(const QString& path, const QString& kind,
                                                  QString& text)
{
    const QFileInfo info(path);
    auto problem = [&](const QString& message, const QString& advice) {
        return ReviewProblem{path, 0, 0, message, advice};
    };
    if (!info.exists())
        return problem(QStringLiteral("the %1 does not exist").arg(kind),
                       QStringLiteral("Check the path."));
    if (info.isDir())
        return problem(QStringLiteral("the %1 is a folder, not a file").arg(kind),
                       QStringLiteral("Point at the file itself."));
    if (info.size() > maxBytes)
        return problem(QStringLiteral("the %1 is %2 MB, too large to be one (the limit is %3 MB); "
                                      "it was not checked")
                           .arg(kind)
                           .arg(double(info.size()) / (1024.0 * 1024.0), 0, 'f', 1)
                           .arg(maxBytes / (1024 * 1024)),
                       QStringLiteral("Check that this is the file the deployment really uses."));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return problem(QStringLiteral("the %1 cannot be read: %2").arg(kind, file.errorString()),
                       QStringLiteral("Check the file's permissions."));
    // Sized by what the file holds: a buffer of maxBytes for every small file would cost an
    // allocation of 16 MB per file on a folder of thousands.
    QByteArray bytes = file.read(std::min(info.size(), maxBytes) + 1);
    if (!file.atEnd() && bytes.size() <= maxBytes)
        bytes += file.read(maxBytes + 1 - bytes.size()); // it grew since it was looked at
    if (file.error() != QFileDevice::NoError)
        return problem(QStringLiteral("the %1 cannot be read: %2").arg(kind, file.errorString()),
                       QStringLiteral("Check the file's permissions and the disk."));
    if (bytes.contains('\0'))
        return problem(
            QStringLiteral("the %1 is a binary file, not text; it was not checked").arg(kind),
            QStringLiteral("Check that you picked the right file."));
    const qsizetype start = bytes.startsWith(byteOrderMark()) ? 3 : 0;
    QStringDecoder decoder(QStringDecoder::Utf8);
    text = decoder.decode(QByteArrayView(bytes).sliced(start));
    if (decoder.hasError())
        return problem(
            QStringLiteral("the %1 is not UTF-8 text; it was not checked").arg(kind),
            QStringLiteral("Save it as UTF-8, or check that you picked the right file."));
    return bytes;
}

} // namespace omu

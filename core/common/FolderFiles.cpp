#include "FolderFiles.h"

#include <QDir>
#include <QFile>

namespace omu {

Result<QList<QPair<QString, QByteArray>>>
readFolderFiles(const QString& folder, const QStringList& patterns, const QString& what)
{
    const QDir dir(folder);
    QList<QPair<QString, QByteArray>> files;
    for (const QString& name : dir.entryList(patterns, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            return makeError(QStringLiteral("cannot read the %1: %2").arg(what, file.errorString()),
                             dir.filePath(name));
        files.append({name, file.readAll()});
    }
    return files;
}

} // namespace omu

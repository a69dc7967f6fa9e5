#include "RunningToolFinder.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace omu {

QList<RunningTool> RunningToolFinder::find(const QString& distributionRoot,
                                           const QString& procFolder)
{
    QList<RunningTool> found;
    if (distributionRoot.isEmpty())
        return found;
    // The canonical path too: the tool may have been started through a symlink or not.
    QStringList roots{QDir::cleanPath(QFileInfo(distributionRoot).absoluteFilePath())};
    const QString canonical = QFileInfo(distributionRoot).canonicalFilePath();
    if (!canonical.isEmpty() && !roots.contains(canonical))
        roots << canonical;
    const qint64 self = QCoreApplication::applicationPid();
    const QStringList entries = QDir(procFolder).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric || pid == self)
            continue;
        QFile cmdline(procFolder + QLatin1Char('/') + entry + QStringLiteral("/cmdline"));
        if (!cmdline.open(QIODevice::ReadOnly))
            continue; // gone meanwhile, or not ours to read
        const QList<QByteArray> arguments = cmdline.readAll().split('\0');
        // The release's tool: a script under <root>/bootstrap/ (openmetadata-ops.sh,
        // bootstrap_storage.sh and what they start), or the java they run, whose main class
        // is OpenMetadataOperations with the release's libraries. Not the server, an editor
        // on conf/, a tail on logs/, or an omupgrade that was given the folder.
        bool bootstrapScript = false;
        bool operationsClass = false;
        bool namesRoot = false;
        for (const QByteArray& argument : arguments) {
            const QString text = QString::fromLocal8Bit(argument);
            for (const QString& root : std::as_const(roots)) {
                if (text.startsWith(root + QStringLiteral("/bootstrap/")))
                    bootstrapScript = true;
                if (text.contains(root + QLatin1Char('/')))
                    namesRoot = true;
            }
            if (text.contains(QLatin1String("OpenMetadataOperations")) ||
                text.contains(QLatin1String("TablesInitializer")))
                operationsClass = true;
        }
        const bool matches = bootstrapScript || (operationsClass && namesRoot);
        if (!matches)
            continue;
        QStringList words;
        for (const QByteArray& argument : arguments)
            if (!argument.isEmpty())
                words << QString::fromLocal8Bit(argument);
        found << RunningTool{pid, words.join(QLatin1Char(' ')).left(300)};
    }
    return found;
}

} // namespace omu

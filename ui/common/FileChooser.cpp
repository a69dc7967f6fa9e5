#include "FileChooser.h"

#include <QAbstractFileIconProvider>
#include <QDir>
#include <QFileInfo>
#include <QMimeDatabase>

namespace omu::ui::filechooser {

namespace {

// Icons and the "Type" column from the name alone: never opens the file.
class NameOnlyIconProvider : public QAbstractFileIconProvider
{
public:
    QIcon icon(IconType type) const override { return QAbstractFileIconProvider::icon(type); }
    QIcon icon(const QFileInfo& info) const override { return icon(info.isDir() ? Folder : File); }
    QString type(const QFileInfo& info) const override
    {
        if (info.isDir())
            return QAbstractFileIconProvider::type(info); // "Folder", "Drive": from stat
        const QMimeType mime =
            QMimeDatabase().mimeTypeForFile(info.fileName(), QMimeDatabase::MatchExtension);
        return mime.comment().isEmpty() ? mime.name() : mime.comment();
    }
};

QAbstractFileIconProvider* nameOnlyIconProvider()
{
    static NameOnlyIconProvider provider; // outlives every dialog
    return &provider;
}

// Back to a safe folder before the dialog closes: Qt stores the last folder for the next
// dialog (QtProject.conf, "lastVisited") and the history along with it.
void leaveSafely(QFileDialog& dialog)
{
    if (isPseudoFileSystem(dialog.directory().absolutePath()))
        dialog.setDirectory(QDir::homePath());
    QStringList history = dialog.history();
    history.removeIf(isPseudoFileSystem);
    dialog.setHistory(history);
}

} // namespace

// The constructor is given the start folder: with none, Qt's dialog opens where the last
// one closed, before prepare() could keep it out of /proc.
static QStringList choose(QWidget* parent, const QString& caption, const QString& start,
                          const QString& filter, QFileDialog::FileMode mode)
{
    QFileDialog dialog(parent, caption, startFolder(start), filter);
    dialog.setObjectName(QStringLiteral("fileChooser"));
    dialog.setFileMode(mode);
    if (mode == QFileDialog::Directory)
        dialog.setOption(QFileDialog::ShowDirsOnly);
    prepare(dialog, start);
    if (mode != QFileDialog::Directory && QFileInfo(start).isFile() && !isPseudoFileSystem(start))
        dialog.selectFile(start);
    const bool accepted = dialog.exec() == QDialog::Accepted;
    const QStringList chosen = accepted ? dialog.selectedFiles() : QStringList();
    leaveSafely(dialog);
    return chosen;
}

bool isPseudoFileSystem(const QString& path)
{
    if (path.isEmpty())
        return false;
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    for (const QLatin1String root :
         {QLatin1String("/proc"), QLatin1String("/sys"), QLatin1String("/dev")})
        if (clean == root || clean.startsWith(root + QLatin1Char('/')))
            return true;
    return false;
}

QString startFolder(const QString& start)
{
    QString folder = start.trimmed();
    if (!folder.isEmpty() && !QFileInfo(folder).isDir())
        folder = QFileInfo(folder).absolutePath();
    // The nearest folder that exists (a backup folder not created yet).
    while (!folder.isEmpty() && !QFileInfo(folder).isDir() && folder != QDir::rootPath())
        folder = QFileInfo(folder).absolutePath();
    if (folder.isEmpty() || !QFileInfo(folder).isDir() || isPseudoFileSystem(folder))
        return QDir::homePath();
    return QFileInfo(folder).absoluteFilePath();
}

void prepare(QFileDialog& dialog, const QString& start)
{
    dialog.setOptions(dialog.options() | QFileDialog::DontUseNativeDialog |
                      QFileDialog::DontUseCustomDirectoryIcons);
    dialog.setIconProvider(nameOnlyIconProvider());
    dialog.setDirectory(startFolder(start));
    QStringList history = dialog.history();
    history.removeIf(isPseudoFileSystem);
    dialog.setHistory(history);
}

QString openFile(QWidget* parent, const QString& caption, const QString& start,
                 const QString& filter)
{
    return choose(parent, caption, start, filter, QFileDialog::ExistingFile).value(0);
}

QStringList openFiles(QWidget* parent, const QString& caption, const QString& start,
                      const QString& filter)
{
    return choose(parent, caption, start, filter, QFileDialog::ExistingFiles);
}

QString folder(QWidget* parent, const QString& caption, const QString& start)
{
    return choose(parent, caption, start, QString(), QFileDialog::Directory).value(0);
}

} // namespace omu::ui::filechooser

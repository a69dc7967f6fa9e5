#include "UpgradeJournal.h"

#include "common/PrivateFolder.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace omu {

QString UpgradeJournal::deploymentId(const ConnectionProfile& profile)
{
    const QString key = QStringLiteral("%1|%2|%3|%4|%5")
                            .arg(engineName(profile.engine), profile.host.toLower())
                            .arg(profile.port)
                            .arg(profile.database, profile.effectiveSchema());
    const QByteArray hash =
        QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex();
    // Readable for support staff, unique by the hash.
    QString readable =
        QStringLiteral("%1-%2-%3")
            .arg(engineName(profile.engine), profile.host.toLower(), profile.database);
    readable.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    return readable.left(80) + QLatin1Char('-') + QString::fromLatin1(hash.left(12));
}

UpgradeJournal UpgradeJournal::forDeployment(const ConnectionProfile& profile,
                                             const QString& dataFolder)
{
    QString root = dataFolder;
    if (root.isEmpty())
        root = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return UpgradeJournal(QDir(root).filePath(
        QStringLiteral("deployments/%1/journal.jsonl").arg(deploymentId(profile))));
}

UpgradeJournal::UpgradeJournal(QString path) : m_path(std::move(path)) {}

Status UpgradeJournal::createFolder() const
{
    // <data folder>/deployments/<id>: all three private, also when an older run made
    // them under a permissive umask.
    const QString folder = QFileInfo(m_path).absolutePath();
    const QString deployments = QFileInfo(folder).absolutePath();
    QStringList folders{folder};
    if (QFileInfo(deployments).fileName() == QLatin1String("deployments"))
        folders = QStringList{QFileInfo(deployments).absolutePath(), deployments, folder};
    for (const QString& each : std::as_const(folders))
        if (const Status made = PrivateFolder::create(each); !made)
            return makeError(
                QStringLiteral("cannot create the journal folder: %1").arg(made.error().message),
                each, QStringLiteral("Check that your home folder is writable."));
    return {};
}

Status UpgradeJournal::append(const QString& step, const QString& event, const QJsonObject& data)
{
    if (const Status folder = createFolder(); !folder)
        return folder;
    const QJsonObject entry{
        {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("step"), step},
        {QStringLiteral("event"), event},
        {QStringLiteral("data"), data},
    };
    QByteArray line = QJsonDocument(entry).toJson(QJsonDocument::Compact) + '\n';
    const int fd =
        ::open(m_path.toLocal8Bit().constData(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0)
        return makeError(QStringLiteral("cannot open the journal: %1")
                             .arg(QString::fromLocal8Bit(std::strerror(errno))),
                         m_path);
    // A crash mid-write leaves a last line without its newline; finish it first, or this
    // entry would be glued to it and skipped with it when reading.
    const off_t size = ::lseek(fd, 0, SEEK_END);
    char last = '\n';
    if (size > 0 && ::pread(fd, &last, 1, size - 1) == 1 && last != '\n')
        line.prepend('\n');
    // One write() of one line with O_APPEND: no interleaving, at worst a torn last line.
    const ssize_t written = ::write(fd, line.constData(), size_t(line.size()));
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (written != line.size() || !synced)
        return makeError(QStringLiteral("cannot write the journal: %1")
                             .arg(QString::fromLocal8Bit(std::strerror(errno))),
                         m_path, QStringLiteral("Free some disk space and try again."));
    return {};
}

Result<QList<UpgradeJournal::Entry>> UpgradeJournal::entries() const
{
    QList<Entry> result;
    QFile file(m_path);
    if (!file.exists())
        return result;
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot read the journal: %1").arg(file.errorString()),
                         m_path);
    while (!file.atEnd()) {
        const QByteArray line = file.readLine();
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.isEmpty())
            continue; // a line torn by a crash
        result.append(Entry{object.value(QStringLiteral("time")).toString(),
                            object.value(QStringLiteral("step")).toString(),
                            object.value(QStringLiteral("event")).toString(),
                            object.value(QStringLiteral("data")).toObject()});
    }
    return result;
}

std::optional<UpgradeJournal::Entry> UpgradeJournal::latest(const QString& step,
                                                            const QString& event) const
{
    const auto all = entries();
    if (!all)
        return std::nullopt;
    for (auto it = all.value().crbegin(); it != all.value().crend(); ++it)
        if (it->step == step && (event.isEmpty() || it->event == event))
            return *it;
    return std::nullopt;
}

} // namespace omu

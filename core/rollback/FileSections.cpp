#include "FileSections.h"

#include "backup/Sha256.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace omu {

Result<QList<FileSection>> FileSections::fromManifest(const BackupManifest& manifest,
                                                      const QString& file)
{
    QList<FileSection> sections;
    qint64 offset = 0;
    for (const BackupManifest::Table& table : manifest.tables) {
        sections << FileSection{table.sqlName, offset, table.bytes, table.rows, table.sha256};
        offset += table.bytes;
    }
    const qint64 size = QFileInfo(file).size();
    if (offset != size || size != manifest.bytes)
        return makeError(QStringLiteral("the backup does not match its manifest: the file holds "
                                        "%1 bytes, its tables %2, the manifest says %3")
                             .arg(size)
                             .arg(offset)
                             .arg(manifest.bytes),
                         file,
                         QStringLiteral("Nothing was changed. It is damaged or incomplete; use "
                                        "another backup."));
    return sections;
}

QList<SectionPart> FileSections::split(const QList<FileSection>& sections, qint64 partBytes)
{
    QList<int> order(sections.size());
    for (int i = 0; i < sections.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return sections.at(a).bytes > sections.at(b).bytes; });
    QList<SectionPart> parts;
    for (int index : order) {
        const FileSection& section = sections.at(index);
        const qint64 count = std::max<qint64>(1, (section.bytes + partBytes - 1) / partBytes);
        for (qint64 i = 0; i < count; ++i)
            parts << SectionPart{index, section.offset + section.bytes * i / count,
                                 section.offset + section.bytes * (i + 1) / count};
    }
    return parts;
}

Status FileSections::verifyHashes(const QString& file, const QList<FileSection>& sections,
                                  const CancelToken& cancel)
{
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot read the backup: %1").arg(input.errorString()),
                         file);
    QByteArray block(1024 * 1024, Qt::Uninitialized);
    Sha256 hash;
    for (const FileSection& section : sections) {
        qint64 left = section.bytes;
        while (left > 0) {
            if (cancel.isCancelled())
                return makeError(QStringLiteral("cancelled"));
            const qint64 n = input.read(block.data(), std::min<qint64>(left, block.size()));
            if (n <= 0)
                return makeError(QStringLiteral("the backup ends early, in the lines of %1")
                                     .arg(section.sqlName),
                                 file,
                                 QStringLiteral("It is damaged or incomplete; use another "
                                                "backup."));
            hash.addData(QByteArrayView(block.constData(), n));
            left -= n;
        }
        const QString digest = QString::fromLatin1(hash.hexDigest());
        if (digest != section.sha256)
            return makeError(QStringLiteral("the backup does not match its manifest: the lines "
                                            "of %1 (bytes %2 to %3) have SHA-256 %4, the "
                                            "manifest says %5")
                                 .arg(section.sqlName)
                                 .arg(section.offset)
                                 .arg(section.end())
                                 .arg(digest, section.sha256),
                             file,
                             QStringLiteral("It was changed or damaged after the backup; use "
                                            "another backup. `omupgrade verify` names the "
                                            "lines."));
    }
    return {};
}

} // namespace omu

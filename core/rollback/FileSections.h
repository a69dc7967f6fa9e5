#pragma once

#include "backup/BackupManifest.h"
#include "common/CancelToken.h"
#include "common/Result.h"

#include <QList>
#include <QString>

namespace omu {

// Where each table's lines lie in a backup file, from its manifest: the sections follow
// one another in the manifest's order and cover the file exactly, each holding its
// TRUNCATE line and its INSERT lines. That lets a rollback load parts of the file on
// several connections at once and check each section's SHA-256 on the side.
struct FileSection
{
    QString sqlName; // as the lines write it
    qint64 offset = 0;
    qint64 bytes = 0;
    qint64 rows = 0;
    QString sha256;

    qint64 end() const { return offset + bytes; }
};

// A byte range of one section; a line belongs to the part its first byte lies in.
struct SectionPart
{
    int section = 0;
    qint64 begin = 0;
    qint64 end = 0;
};

class FileSections
{
public:
    // The sections of `file` as `manifest` lays them out; an error when they do not cover
    // the file exactly (a file cut short, grown, or not the manifest's).
    static Result<QList<FileSection>> fromManifest(const BackupManifest& manifest,
                                                   const QString& file);

    // Parts of at most about `partBytes`, the largest sections first.
    static QList<SectionPart> split(const QList<FileSection>& sections, qint64 partBytes);

    // Reads the file once and checks every section's SHA-256 against the manifest.
    static Status verifyHashes(const QString& file, const QList<FileSection>& sections,
                               const CancelToken& cancel);
};

} // namespace omu

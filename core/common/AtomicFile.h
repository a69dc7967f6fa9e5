#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace omu {

// Writes a whole file so that a crash leaves either the old content or the new one:
// a temporary file beside the target, fsync, rename over the target, fsync the folder.
// Files holding secrets pass Private so they are created 0600 from the first byte.
class AtomicFile
{
public:
    enum class Access
    {
        Private,
        Shared
    }; // 0600 or 0644 (before umask)
    enum class Existing
    {
        Replace,
        Refuse
    };

    static Status write(const QString& path, const QByteArray& content,
                        Access access = Access::Private, Existing existing = Existing::Replace);

    // fsync a folder so a rename inside it survives a power cut.
    static Status syncFolder(const QString& folder);
};

} // namespace omu

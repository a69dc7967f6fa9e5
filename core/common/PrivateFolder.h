#pragma once

#include "Result.h"

#include <QString>

namespace omu {

// Folders that hold journals, logs and reports: mode 0700 whatever the umask, so nobody
// else can read them or put their own journal in place (a journal's "original" values
// are written back to the server by `tune revert`).
class PrivateFolder
{
public:
    enum class Existing
    {
        Narrow, // one of ours: an existing folder of this user's is set to 0700 as well
        Keep    // one the user chose: an existing folder is left as it is
    };

    // Creates `path` and every missing parent as 0700.
    static Status create(const QString& path, Existing existing = Existing::Narrow);
};

} // namespace omu

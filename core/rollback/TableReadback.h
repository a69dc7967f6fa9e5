#pragma once

#include "backup/BackupTable.h"
#include "backup/LineSetDigest.h"
#include "common/CancelToken.h"
#include "common/Result.h"
#include "connection/DatabaseSession.h"

namespace omu {

// Reads a table back from the server as ChunkLoader digests what it loads: on PostgreSQL
// the dumped columns as text through COPY ... TO STDOUT (the same rows COPY received, byte
// for byte, when the values arrived intact), on MySQL the lines a backup would write. The
// session must have the backup's output settings (prepare()).
class TableReadback
{
public:
    struct Read
    {
        qint64 rows = 0;
        LineSetDigest digest;
    };

    // The output settings a backup reads with (dates, floats, time zone, bytea, escapes).
    static Status prepare(DatabaseSession& session);
    static Result<Read> read(DatabaseSession& session, const BackupTable& table,
                             const CancelToken& cancel);
};

} // namespace omu

#pragma once

#include "BackupTable.h"
#include "common/CancelToken.h"
#include "common/Result.h"
#include "connection/DatabaseSession.h"
#include "DumpSink.h"

#include <functional>

namespace omu {

// Writes one table in the official format: its TRUNCATE line, then one INSERT line per row,
// each line in one write() to the sink (which hashes them, see BackupFileWriter).
class TableDumper
{
public:
    struct Outcome
    {
        qint64 rows = 0;
        qint64 bytes = 0;
    };
    // Called every few rows with the rows and bytes of this table so far.
    using Progress = std::function<void(qint64 rows, qint64 bytes)>;

    static Result<Outcome> dump(DatabaseSession& session, const BackupTable& table, DumpSink& sink,
                                const CancelToken& cancel, const Progress& progress = {});
};

} // namespace omu

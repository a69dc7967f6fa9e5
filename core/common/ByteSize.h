#pragma once

#include "common/Result.h"

#include <QString>
#include <QtGlobal>

namespace omu {

// Sizes as people and servers write them: 20971520, 20MB, 20 MiB, 20M, 512kB, 1GB.
// Units are powers of 1024 whichever way they are spelt (MB = MiB), because that is how
// MySQL and PostgreSQL read them too.
class ByteSize
{
public:
    static constexpr qint64 KiB = 1024;
    static constexpr qint64 MiB = 1024 * KiB;
    static constexpr qint64 GiB = 1024 * MiB;

    // The largest value omupgrade will set: the server allocates this much per sort in
    // every connection that sorts, so far more than this risks running it out of memory.
    static constexpr qint64 maximumBytes = 1 * GiB;

    // Parses `text`; a bare number counts `bareUnit` bytes each (1 for user input and
    // MySQL, 1024 for a PostgreSQL work_mem written without a unit). Refuses negatives,
    // fractions, unknown units and anything above `maximum`, with a message saying why.
    // Values read back from a server pass a larger maximum: they are whatever was set.
    static Result<qint64> parse(const QString& text, qint64 bareUnit = 1,
                                qint64 maximum = maximumBytes);

    // "20 MB", "512 kB", "1.5 GB", "100 bytes": for people.
    static QString describe(qint64 bytes);
    // "20971520 (20 MB)", or just "20MB" when the server's own spelling already says it.
    static QString withDescription(qint64 bytes, const QString& serverValue);
    // The value as MySQL takes it: bytes, "20971520".
    static QString mySqlValue(qint64 bytes);
    // The value as PostgreSQL takes it, in whole kB: "20MB", "1GB", "20500kB".
    static QString postgresValue(qint64 bytes);
    // Rounds up to a whole kB (work_mem's unit).
    static qint64 roundUpToKiB(qint64 bytes);
};

} // namespace omu

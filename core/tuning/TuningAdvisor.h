#pragma once

#include "common/ByteSize.h"
#include "common/Result.h"
#include "connection/ConnectionProfile.h"
#include "QueryEntitySize.h"
#include "TuningRecommendation.h"

namespace omu {

// The recommendation rule, and the limits any value must respect.
//
// Rule: the larger of 20 MB (OpenMetadata's documented value) and 16 times the largest
// JSON document in query_entity, rounded up to a whole MB, never above 256 MB.
// Why 16: MySQL 8 sorts rows that carry JSON/TEXT with the documents inside the sort
// buffer and fails with "Out of sort memory" when the buffer cannot hold about 15 of the
// largest rows (MySQL bug 103325); 16 leaves a little headroom. PostgreSQL does not fail
// but spills such sorts to disk; the same rule keeps them in memory. The number of rows
// does not change the need: a long sort that does not fit is merged from disk, slower but
// correct. The cap stops one odd document from asking for gigabytes per connection.
class TuningAdvisor
{
public:
    static constexpr qint64 floorBytes = 20 * ByteSize::MiB;
    static constexpr qint64 capBytes = 256 * ByteSize::MiB;
    static constexpr int largestDocumentFactor = 16;

    static TuningRecommendation recommend(const QueryEntitySize& queryEntity, Engine engine);
    // After the migration ran out of sort memory with `inForceBytes`: the value in force
    // proved too small whatever the rule said, so twice it (at least the usual
    // recommendation), rounded up to a whole MB. A real failure outweighs the usual cap;
    // only the hard limit (ByteSize::maximumBytes) still applies.
    static TuningRecommendation
    afterSortMemoryFailure(qint64 inForceBytes, const TuningRecommendation& usual, Engine engine);

    // The server's own lower limit: MySQL 8 refuses less than 32 kB, PostgreSQL 64 kB.
    static qint64 minimumBytes(Engine engine);
    // Refuses values the server would truncate or that exceed ByteSize::maximumBytes.
    static Status checkValue(qint64 bytes, Engine engine);
    // "sort_buffer_size" or "work_mem".
    static QString parameterName(Engine engine);
    // The value in the server's terms (bytes for MySQL, kB-based text for PostgreSQL).
    static QString serverValue(qint64 bytes, Engine engine);
};

} // namespace omu

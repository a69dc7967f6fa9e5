#pragma once

#include "common/Result.h"
#include "connection/DatabaseSession.h"
#include "TuningReport.h"

#include <optional>

namespace omu {

// Reads what the tuning step reports, on a session the caller has just opened: a new
// session's own values are exactly what the migration's new connections will get.
// Runs in the calling thread (call it from a worker).
class TuningReader
{
public:
    // Everything but `pending` and `instructions` (the journal's and the snippets' part).
    // `managed`, when known (the Connection page's inspection), skips detecting it again.
    static Result<TuningReport> read(DatabaseSession& session,
                                     const std::optional<ManagedService>& managed = std::nullopt);

    // What this session got for sort_buffer_size / work_mem, in bytes and as the server
    // writes it. On a session opened just now, that is the value new connections get.
    struct SessionValue
    {
        qint64 bytes = -1;
        QString text;
    };
    static Result<SessionValue> sessionValue(DatabaseSession& session);
    // MySQL @@GLOBAL.sort_buffer_size.
    static Result<qint64> globalBytes(DatabaseSession& session);
    // PostgreSQL: the work_mem default set for `role` in the current database (level
    // AlterRoleInDatabase) or for the current database (AlterDatabase); nullopt: none.
    static Result<std::optional<SettingOverride>>
    overrideAt(DatabaseSession& session, TuningRoute level, const QString& role);

    static QueryEntitySize measureQueryEntity(DatabaseSession& session);
    // Seconds a query_entity scan may take before the recommendation falls back to 20 MB.
    static constexpr int measureTimeoutSeconds = 120;
};

} // namespace omu

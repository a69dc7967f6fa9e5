#pragma once

#include "TuningInstructions.h"
#include "TuningReport.h"

namespace omu {

// The by-hand instructions for a value: SQL for a DBA (and its revert), the config-file
// lines, and the managed service's route. The report supplies the engine, names, the
// original to revert to (the pending change's, or what is there now) and the service.
class TuningSnippets
{
public:
    static TuningInstructions build(const TuningReport& report, qint64 targetBytes);

    // The statements that set / put back the value at one level, exactly as omupgrade
    // runs them. `value` is in the server's terms; an empty `value` on PostgreSQL means
    // RESET (no setting at that level).
    static QString mySqlSetGlobal(const QString& value);
    static QString postgresAlter(TuningRoute level, const QString& database, const QString& role,
                                 const QString& value);
};

} // namespace omu

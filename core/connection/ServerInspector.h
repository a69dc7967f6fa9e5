#pragma once

#include "common/Result.h"
#include "ConnectionFailure.h"
#include "DatabaseSession.h"
#include "InspectionReport.h"

namespace omu {

// Connects and finds out what the later steps need to know: the server and its flavour,
// a managed service, the OpenMetadata version and flyway level, table sizes, and what
// the user may do. Runs in the calling thread (call it from a worker).
class ServerInspector
{
public:
    static Result<InspectionReport, ConnectionFailure> inspect(const ConnectionProfile& profile);
    static InspectionReport inspect(DatabaseSession& session);
    // Only the server: flavour, version, managed service (a few quick queries).
    static ServerDetails inspectServer(DatabaseSession& session);

    // Tables up to this size get an exact COUNT(*); larger ones the catalog's estimate,
    // so that inspecting a 30 GB database stays quick.
    static constexpr qint64 exactCountLimitBytes = 256LL * 1024 * 1024;
};

} // namespace omu

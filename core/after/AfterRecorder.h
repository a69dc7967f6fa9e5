#pragma once

#include "AfterUpgrade.h"
#include "IngestionClientCommands.h"
#include "journal/JournalRecorder.h"
#include "migration/OpenMetadataServerClient.h"
#include "TuningReverter.h"

namespace omu {

// The After step's journal entries (step "after"): the database verified to hold the
// target, the new server's version, the reindex, the ingestion lines given, the tuning
// put back and the report written. The report reads them back.
class AfterRecorder : public JournalRecorder
{
public:
    using JournalRecorder::JournalRecorder;

    // "verified" when the database holds the target, "verify-failed" otherwise.
    Status verified(const QString& target, const AfterUpgrade::Verification& verification) const;
    Status serverVersion(const QString& url, const QString& target,
                         const OpenMetadataServerClient::VersionAnswer& answer) const;
    // `method`: "api" (the Search Indexing application) or "ops" (openmetadata-ops.sh).
    // Never the token: only how it went.
    Status reindexed(const QString& method,
                     const OpenMetadataServerClient::ReindexAnswer& answer) const;
    Status ingestionCommands(const IngestionCommands& commands) const;
    // The tuning step records its own "reverted"; this notes the After step asked for it.
    Status tuningReverted(const Result<TuningRevertOutcome>& result) const;
    Status reported(const QString& jsonFile, const QString& htmlFile) const;
};

} // namespace omu

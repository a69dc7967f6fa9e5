#pragma once

#include "DatabaseMigrationState.h"
#include "IngestionClientCommands.h"
#include "journal/UpgradeJournal.h"
#include "OpenMetadataServerClient.h"
#include "TuningReverter.h"

namespace omu {

// The After step's checks and their journal entries (step "after"): the database records
// the target, the new server reports the target, the reindex was triggered, the ingestion
// commands were given. Each is a plain call the page and the command line share.
class AfterUpgrade
{
public:
    static constexpr const char* step = "after";

    struct Verification
    {
        bool holdsTarget = false;
        QStringList versions; // SERVER_CHANGE_LOG, numeric order
        QStringList partiallyApplied;
        QString message;
    };
    // Reads SERVER_CHANGE_LOG on its own connection: call from a worker thread. The
    // database holds `target` when it records `targetSchema`, the newest migration the
    // release ships (a patch release without a folder of its own is the normal case);
    // without it, a row of the target's own number is asked for.
    static Result<Verification> verify(const ConnectionProfile& profile, const QString& target,
                                       const QString& targetSchema = {});

    static Status recordVerified(UpgradeJournal& journal, const QString& target,
                                 const Verification& verification);
    static Status recordServerVersion(UpgradeJournal& journal, const QString& url,
                                      const QString& target,
                                      const OpenMetadataServerClient::VersionAnswer& answer);
    // Never the token: only how it went.
    static Status recordReindex(UpgradeJournal& journal, const QString& method,
                                const OpenMetadataServerClient::ReindexAnswer& answer);
    static Status recordIngestionCommands(UpgradeJournal& journal,
                                          const IngestionCommands& commands);
    static Status recordTuningRevert(UpgradeJournal& journal,
                                     const Result<TuningRevertResult>& result);

    // The target the migration aimed at, from the journal ("" when none ran).
    static QString targetFromJournal(const UpgradeJournal& journal);
    // The newest migration that target ships, as the migration's plan found it ("" when
    // the journal does not say).
    static QString targetSchemaFromJournal(const UpgradeJournal& journal);
};

} // namespace omu

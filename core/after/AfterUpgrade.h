#pragma once

#include "common/Result.h"
#include "connection/ConnectionProfile.h"
#include "report/UpgradeReport.h"

#include <QStringList>

namespace omu {

// The After step's work that the page and the command line share: check the database
// holds the target, and write the report (recorded in the journal).
class AfterUpgrade
{
public:
    struct Verification
    {
        bool holdsTarget = false;
        // Not known either way: the database records the newest migration of the target's
        // line below the target, and what the target ships was not given (a patch release
        // usually ships none of its own). Never read as "migrated".
        bool undetermined = false;
        QStringList versions; // SERVER_CHANGE_LOG, numeric order
        QStringList partiallyApplied;
        QString message; // what was found; the caller says what to do
    };
    // Reads SERVER_CHANGE_LOG on its own connection: call from a worker thread. The
    // database holds `target` when it records `targetSchema`, the newest migration the
    // release ships (a patch release without a folder of its own is the normal case);
    // without it, a row of the target's own number is asked for.
    static Result<Verification> verify(const ConnectionProfile& profile, const QString& target,
                                       const QString& targetSchema = {});
    // The newest migration the release in `distributionRoot` ships for `engine`, when that
    // folder holds `target`; empty otherwise (no folder, another release, unreadable).
    static QString shippedMigration(const QString& distributionRoot, Engine engine,
                                    const QString& target);

    // Builds the report from the journal (secrets redacted: the profile's password, and
    // `secrets`), writes it to `folder` (empty: beside the journal) and records it.
    // `connection`: the fields with their origins (ConnectionOrigins); empty: the profile's.
    struct Report
    {
        QJsonObject json;
        UpgradeReport::Written files;
    };
    static Result<Report> writeReport(const ConnectionProfile& profile, const QString& dataFolder,
                                      const QString& folder, const QStringList& secrets = {},
                                      const QList<ConnectionField>& connection = {});
    static QString defaultReportFolder(const ConnectionProfile& profile, const QString& dataFolder);
};

} // namespace omu

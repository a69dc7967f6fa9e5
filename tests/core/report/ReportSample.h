#pragma once

#include "connection/ConnectionResolver.h"
#include "report/ConnectionOrigins.h"
#include "report/UpgradeReport.h"

#include <QString>
#include <QStringList>

namespace omu::test {

// A deployment's journal as a real upgrade leaves it, written through the recorders the
// wizard and the command line use: a verified backup, sort_buffer_size raised and put
// back, a review with fixed, acknowledged and open findings, a migration 1.1.5 -> 1.2.0
// through the (stand-in) tool's log, and the After checks. Used by test_report and by
// scripts/report-screenshot (through report-sample).
struct ReportSample
{
    enum class Ending
    {
        Upgraded,     // the database records the target
        NotConfirmed, // the tool said success, SERVER_CHANGE_LOG disagrees (verify-failed)
        BackupOnly,   // nothing after the backup ran
    };

    QString dataFolder;
    ConnectionProfile profile;
    QList<ConnectionField> connection; // with origins
    QStringList findingTitles;         // every finding the review recorded
    QString logFile;

    // Writes it all under `folder` (the data folder; the journal and log go where they
    // would for this deployment).
    static ReportSample write(const QString& folder, Ending ending = Ending::Upgraded);
    static QString password() { return QStringLiteral("Qw3rty-mysql-S3cret"); }

    // The report of it, as the After step builds it, written to `folder`.
    struct Report
    {
        QJsonObject json;
        UpgradeReport::Written files;
    };
    Result<Report> writeReport(const QString& folder) const;
};

} // namespace omu::test

#pragma once

#include <QString>
#include <QtGlobal>

#include <functional>

namespace omu {

// A snapshot of a backup, verify or restore under way, reported about ten times a second
// and at every table boundary.
struct BackupProgress
{
    enum class Phase
    {
        Preparing, // connecting, reading the catalog, checking space
        Dumping,   // writing the backup file
        Finishing, // fsync, manifest, rename
        Verifying, // reading the file back against the manifest
        Replaying, // deep verify: replaying into the scratch copy
        Comparing, // deep verify: dumping the scratch copy again
        Restoring
    };

    Phase phase = Phase::Preparing;
    QString table;      // the table being worked on
    int tableIndex = 0; // 0-based
    int tableCount = 0;
    qint64 tableRows = 0;
    qint64 tableRowsEstimate = 0; // 0 when unknown
    qint64 tableBytes = 0;

    qint64 rows = 0;         // rows so far, all tables
    qint64 rowsEstimate = 0; // 0 when unknown
    qint64 bytes = 0;        // bytes written (backup) or read (verify, restore)
    double fraction = 0;     // 0..1 of the whole phase
    double seconds = 0;
    double bytesPerSecond = 0;
    double rowsPerSecond = 0;
    double secondsLeft = -1; // -1 until it can be estimated
    QString message;         // a short line for logs ("reading the catalog", ...)
    // Set while the work waits on the server: "waiting for a lock held by pid N (query …)
    // for 12 s", or that the server has answered nothing for a while. Empty otherwise.
    QString waiting;

    static QString phaseName(Phase phase);
    // One line for a terminal: "table_entity (4/24) 1,200/2,000 rows | 37% 120.5 MB 45.2 MB/s 0:21
    // left"
    QString summaryLine() const;
};

using ProgressCallback = std::function<void(const BackupProgress&)>;

} // namespace omu

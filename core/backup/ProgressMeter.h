#pragma once

#include "BackupProgress.h"

#include <QElapsedTimer>
#include <QList>

namespace omu {

// Turns "rows done in table i" into the overall fraction, throughput and time left, and
// decides when a report is due (every `intervalMs`, and at every table boundary).
class ProgressMeter
{
public:
    struct TableWeight
    {
        QString name;
        qint64 rowsEstimate = 0;
        qint64 weight = 0; // bytes expected from this table (at least 1)
    };

    ProgressMeter(BackupProgress::Phase phase, QList<TableWeight> tables, ProgressCallback callback,
                  int intervalMs = 100);

    void startTable(int index);
    // A better row estimate for a table (an exact count taken just before reading it).
    void setTableEstimate(int index, qint64 rows);
    // Rows and bytes of the current table so far; `totalBytes` across all tables.
    void update(qint64 tableRows, qint64 tableBytes, qint64 totalBytes, bool force = false);
    void finishTable(qint64 tableRows, qint64 tableBytes, qint64 totalBytes);
    // For phases measured in bytes of a file (verify, restore): fraction = done / total.
    void updateBytes(qint64 doneBytes, qint64 totalBytes, const QString& table, qint64 tableRows,
                     bool force = false);
    void setMessage(const QString& message);

    const BackupProgress& current() const { return m_progress; }
    double elapsedSeconds() const { return m_timer.elapsed() / 1000.0; }

private:
    void report(bool force);

    QList<TableWeight> m_tables;
    qint64 m_totalWeight = 0;
    qint64 m_doneWeight = 0; // tables finished
    qint64 m_rowsBeforeTable = 0;
    ProgressCallback m_callback;
    int m_intervalMs;
    QElapsedTimer m_timer;
    qint64 m_lastReportMs = -1;
    BackupProgress m_progress;
};

} // namespace omu

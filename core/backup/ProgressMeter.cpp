#include "ProgressMeter.h"

#include <algorithm>

namespace omu {

ProgressMeter::ProgressMeter(BackupProgress::Phase phase, QList<TableWeight> tables,
                             ProgressCallback callback, int intervalMs)
    : m_tables(std::move(tables)), m_callback(std::move(callback)), m_intervalMs(intervalMs)
{
    m_timer.start();
    m_progress.phase = phase;
    m_progress.tableCount = int(m_tables.size());
    for (TableWeight& table : m_tables) {
        table.weight = std::max<qint64>(1, table.weight);
        m_totalWeight += table.weight;
        m_progress.rowsEstimate += table.rowsEstimate;
    }
}

void ProgressMeter::startTable(int index)
{
    m_progress.tableIndex = index;
    m_progress.table = index < m_tables.size() ? m_tables.at(index).name : QString();
    m_progress.tableRowsEstimate = index < m_tables.size() ? m_tables.at(index).rowsEstimate : 0;
    m_progress.tableRows = 0;
    m_progress.tableBytes = 0;
    report(true);
}

void ProgressMeter::setTableEstimate(int index, qint64 rows)
{
    if (index < 0 || index >= m_tables.size())
        return;
    m_progress.rowsEstimate += rows - m_tables[index].rowsEstimate;
    m_tables[index].rowsEstimate = rows;
}

void ProgressMeter::update(qint64 tableRows, qint64 tableBytes, qint64 totalBytes, bool force)
{
    m_progress.tableRows = tableRows;
    m_progress.tableBytes = tableBytes;
    m_progress.rows = m_rowsBeforeTable + tableRows;
    m_progress.bytes = totalBytes;
    if (m_totalWeight > 0 && m_progress.tableIndex < m_tables.size()) {
        const TableWeight& table = m_tables.at(m_progress.tableIndex);
        // Estimates are only estimates: a table never counts for more than its share.
        const double inTable =
            table.rowsEstimate > 0 ? std::min(0.99, double(tableRows) / table.rowsEstimate) : 0.5;
        m_progress.fraction =
            std::min(0.999, (m_doneWeight + inTable * table.weight) / double(m_totalWeight));
    }
    report(force);
}

void ProgressMeter::finishTable(qint64 tableRows, qint64 tableBytes, qint64 totalBytes)
{
    if (m_progress.tableIndex < m_tables.size())
        m_doneWeight += m_tables.at(m_progress.tableIndex).weight;
    m_progress.tableRows = tableRows;
    m_progress.tableBytes = tableBytes;
    m_rowsBeforeTable += tableRows;
    m_progress.rows = m_rowsBeforeTable;
    m_progress.bytes = totalBytes;
    m_progress.fraction = m_totalWeight > 0 ? double(m_doneWeight) / m_totalWeight : 1.0;
    report(true);
}

void ProgressMeter::updateBytes(qint64 doneBytes, qint64 totalBytes, const QString& table,
                                qint64 tableRows, bool force)
{
    if (table != m_progress.table) {
        m_progress.table = table;
        m_progress.tableRows = 0;
        for (int i = 0; i < m_tables.size(); ++i)
            if (m_tables.at(i).name == table) {
                m_progress.tableIndex = i;
                m_progress.tableRowsEstimate = m_tables.at(i).rowsEstimate;
            }
        force = true;
    }
    m_progress.rows += tableRows - m_progress.tableRows;
    m_progress.tableRows = tableRows;
    m_progress.bytes = doneBytes;
    m_progress.fraction = totalBytes > 0 ? std::min(1.0, double(doneBytes) / totalBytes) : 0;
    report(force);
}

void ProgressMeter::setMessage(const QString& message)
{
    m_progress.message = message;
    report(true);
}

void ProgressMeter::report(bool force)
{
    if (!m_callback)
        return;
    const qint64 now = m_timer.elapsed();
    if (!force && m_lastReportMs >= 0 && now - m_lastReportMs < m_intervalMs)
        return;
    m_lastReportMs = now;
    m_progress.seconds = now / 1000.0;
    if (m_progress.seconds > 0.05) {
        m_progress.bytesPerSecond = m_progress.bytes / m_progress.seconds;
        m_progress.rowsPerSecond = m_progress.rows / m_progress.seconds;
    }
    m_progress.secondsLeft =
        m_progress.fraction > 0.005 && m_progress.seconds > 0.5
            ? m_progress.seconds * (1 - m_progress.fraction) / m_progress.fraction
            : -1;
    m_callback(m_progress);
}

} // namespace omu

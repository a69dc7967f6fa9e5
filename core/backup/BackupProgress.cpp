#include "BackupProgress.h"

#include <QLocale>

#include <cmath>

namespace omu {

QString BackupProgress::phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Preparing:
        return QStringLiteral("preparing");
    case Phase::Dumping:
        return QStringLiteral("backing up");
    case Phase::Finishing:
        return QStringLiteral("finishing");
    case Phase::Verifying:
        return QStringLiteral("verifying");
    case Phase::Replaying:
        return QStringLiteral("replaying into the scratch copy");
    case Phase::Comparing:
        return QStringLiteral("comparing the scratch copy");
    case Phase::Restoring:
        break;
    }
    return QStringLiteral("restoring");
}

QString BackupProgress::summaryLine() const
{
    const QLocale c = QLocale::c();
    QString line = phaseName(phase);
    if (!table.isEmpty()) {
        line += QStringLiteral(": ") + table;
        if (tableCount > 0)
            line += QStringLiteral(" (%1/%2)").arg(tableIndex + 1).arg(tableCount);
        line += QLatin1Char(' ') + c.toString(tableRows);
        if (tableRowsEstimate > 0)
            line += QLatin1Char('/') + c.toString(tableRowsEstimate);
        line += QStringLiteral(" rows");
    } else if (!message.isEmpty()) {
        line += QStringLiteral(": ") + message;
    }
    line += QStringLiteral(" | %1% %2 rows, %3, %4/s")
                .arg(int(std::floor(fraction * 100)))
                .arg(c.toString(rows))
                .arg(c.formattedDataSize(bytes), c.formattedDataSize(qint64(bytesPerSecond)));
    if (secondsLeft >= 0) {
        const qint64 left = qint64(std::ceil(secondsLeft));
        line +=
            QStringLiteral(", %1:%2 left").arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0'));
    }
    if (!waiting.isEmpty())
        line += QStringLiteral(" | ") + waiting;
    return line;
}

} // namespace omu

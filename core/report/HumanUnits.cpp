#include "HumanUnits.h"

#include "common/ByteSize.h"

#include <QDateTime>
#include <QLocale>

#include <cmath>

namespace omu {

namespace {

QDateTime parsed(const QString& iso)
{
    QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(iso, Qt::ISODate);
    return time.isValid() ? time.toUTC() : time;
}

} // namespace

QString HumanUnits::bytes(qint64 bytes)
{
    return bytes < 0 ? QString() : ByteSize::describe(bytes);
}

QString HumanUnits::duration(double seconds)
{
    if (seconds < 0 || std::isnan(seconds))
        return {};
    if (seconds > 0 && seconds < 0.095)
        return QStringLiteral("%1 s").arg(seconds, 0, 'f', 2);
    if (seconds < 59.95) {
        QString text = QString::number(seconds, 'f', 1);
        if (text.endsWith(QLatin1String(".0")) && seconds >= 10)
            text.chop(2);
        return text + QStringLiteral(" s");
    }
    const qint64 whole = qRound64(seconds);
    if (whole < 3600)
        return whole % 60 == 0 ? QStringLiteral("%1 min").arg(whole / 60)
                               : QStringLiteral("%1 min %2 s").arg(whole / 60).arg(whole % 60);
    return QStringLiteral("%1 h %2 min")
        .arg(whole / 3600)
        .arg((whole % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString HumanUnits::count(qint64 number)
{
    return QLocale(QLocale::English).toString(number);
}

QString HumanUnits::time(const QString& iso)
{
    const QDateTime at = parsed(iso);
    return at.isValid()
               ? at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" UTC")
               : iso;
}

QString HumanUnits::span(const QString& fromIso, const QString& toIso)
{
    const QDateTime from = parsed(fromIso);
    const QDateTime to = parsed(toIso);
    if (!from.isValid() || !to.isValid())
        return time(fromIso.isEmpty() ? toIso : fromIso);
    const QString start = from.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    if (to.toString(QStringLiteral("yyyy-MM-dd HH:mm")) == start)
        return start + QStringLiteral(" UTC");
    const QString end = to.toString(from.date() == to.date() ? QStringLiteral("HH:mm")
                                                             : QStringLiteral("yyyy-MM-dd HH:mm"));
    return QStringLiteral("%1 \u2013 %2 UTC").arg(start, end);
}

} // namespace omu

#pragma once

#include <QString>
#include <QtGlobal>

namespace omu {

// Numbers as support staff read them: "4.1 MB", "0.3 s", "1 min 12 s", "12,345",
// "2026-11-24 14:39 UTC". Never an exponent, never raw bytes alone.
class HumanUnits
{
public:
    static QString bytes(qint64 bytes);
    // Seconds with the precision a duration of that length needs; "" when negative.
    static QString duration(double seconds);
    static QString count(qint64 number);
    // An ISO 8601 time as "2026-11-24 14:39:39 UTC"; the text unchanged when not one.
    static QString time(const QString& iso);
    // "2026-11-24 14:02 – 15:49 UTC" (the date once when both ends share it).
    static QString span(const QString& fromIso, const QString& toIso);
};

} // namespace omu

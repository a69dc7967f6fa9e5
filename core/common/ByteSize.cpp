#include "ByteSize.h"

#include <QRegularExpression>

namespace omu {

namespace {

const QString examples = QStringLiteral("Write it like 20MB, 20 MiB, 20480kB or 20971520 (bytes).");

Error sizeError(const QString& text, const QString& why)
{
    return makeError(QStringLiteral("\"%1\" is not a size omupgrade can use: %2").arg(text, why),
                     QStringLiteral("size"), examples);
}

// Multiplier for a unit as written, or 0 when the unit is unknown.
qint64 unitBytes(const QString& unit, qint64 bareUnit)
{
    const QString lower = unit.toLower();
    if (lower.isEmpty())
        return bareUnit;
    if (lower == QLatin1String("b") || lower == QLatin1String("byte") ||
        lower == QLatin1String("bytes"))
        return 1;
    if (lower == QLatin1String("k") || lower == QLatin1String("kb") ||
        lower == QLatin1String("kib"))
        return ByteSize::KiB;
    if (lower == QLatin1String("m") || lower == QLatin1String("mb") ||
        lower == QLatin1String("mib"))
        return ByteSize::MiB;
    if (lower == QLatin1String("g") || lower == QLatin1String("gb") ||
        lower == QLatin1String("gib"))
        return ByteSize::GiB;
    if (lower == QLatin1String("t") || lower == QLatin1String("tb") ||
        lower == QLatin1String("tib"))
        return 1024 * ByteSize::GiB;
    return 0;
}

} // namespace

Result<qint64> ByteSize::parse(const QString& input, qint64 bareUnit, qint64 maximum)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return sizeError(input, QStringLiteral("it is empty."));
    if (text.startsWith(QLatin1Char('-')))
        return sizeError(text, QStringLiteral("a size cannot be negative."));
    static const QRegularExpression pattern(
        QStringLiteral(R"(^(\d+)(?:[.,](\d+))?\s*([A-Za-z]*)$)"));
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return sizeError(text, QStringLiteral("it is not a number followed by an optional unit."));
    if (!match.captured(2).isEmpty())
        return sizeError(text, QStringLiteral("use a whole number (for example 1536MB rather "
                                              "than 1.5GB)."));
    const qint64 unit = unitBytes(match.captured(3), bareUnit);
    if (unit == 0)
        return sizeError(text, QStringLiteral("the unit \"%1\" is not one of B, kB, MB, GB "
                                              "(or KiB, MiB, GiB, K, M, G).")
                                   .arg(match.captured(3)));
    const QString digits = match.captured(1);
    bool ok = false;
    const qint64 number = digits.length() > 15 ? -1 : digits.toLongLong(&ok);
    if (!ok || number < 0 || number > maximum / unit)
        return makeError(
            QStringLiteral("%1 is more than the %2 omupgrade allows.").arg(text, describe(maximum)),
            QStringLiteral("size"),
            QStringLiteral("The server allocates this much for every sort in every connection, so "
                           "a larger value can exhaust its memory. 20MB is OpenMetadata's "
                           "documented value; pick something between that and %1.")
                .arg(describe(maximum)));
    return number * unit;
}

QString ByteSize::describe(qint64 bytes)
{
    auto scaled = [&](qint64 unit, const char* name) {
        if (bytes % unit == 0)
            return QStringLiteral("%1 %2").arg(bytes / unit).arg(QLatin1String(name));
        return QStringLiteral("%1 %2")
            .arg(double(bytes) / double(unit), 0, 'f', 1)
            .arg(QLatin1String(name));
    };
    if (bytes >= GiB)
        return scaled(GiB, "GB");
    if (bytes >= MiB)
        return scaled(MiB, "MB");
    if (bytes >= KiB)
        return scaled(KiB, "kB");
    return QStringLiteral("%1 bytes").arg(bytes);
}

QString ByteSize::withDescription(qint64 bytes, const QString& serverValue)
{
    const QString described = describe(bytes);
    if (QString(described).remove(QLatin1Char(' ')) == serverValue)
        return serverValue;
    return QStringLiteral("%1 (%2)").arg(serverValue, described);
}

QString ByteSize::mySqlValue(qint64 bytes)
{
    return QString::number(bytes);
}

qint64 ByteSize::roundUpToKiB(qint64 bytes)
{
    return (bytes + KiB - 1) / KiB * KiB;
}

QString ByteSize::postgresValue(qint64 bytes)
{
    const qint64 rounded = roundUpToKiB(bytes);
    if (rounded % GiB == 0)
        return QStringLiteral("%1GB").arg(rounded / GiB);
    if (rounded % MiB == 0)
        return QStringLiteral("%1MB").arg(rounded / MiB);
    return QStringLiteral("%1kB").arg(rounded / KiB);
}

} // namespace omu

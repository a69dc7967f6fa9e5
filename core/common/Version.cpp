#include "Version.h"

#include <QRegularExpression>

namespace omu {

std::optional<Version> Version::parse(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral(
        R"(^\s*v?(\d+(?:\.\d+){0,3})(?:[-+_.]?([0-9A-Za-z][0-9A-Za-z.+_-]*))?\s*$)"));
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    Version version;
    for (const auto& piece : match.captured(1).split(QLatin1Char('.')))
        version.m_parts.append(piece.toInt());
    version.m_text = text.trimmed();
    return version;
}

QString Version::canonical() const
{
    QStringList pieces;
    const int count = std::max<qsizetype>(3, m_parts.size());
    for (int i = 0; i < count; ++i)
        pieces.append(QString::number(part(i)));
    return pieces.join(QLatin1Char('.'));
}

std::strong_ordering Version::operator<=>(const Version& other) const
{
    const auto count = std::max(m_parts.size(), other.m_parts.size());
    for (qsizetype i = 0; i < count; ++i) {
        const auto order = part(int(i)) <=> other.part(int(i));
        if (order != 0)
            return order;
    }
    return std::strong_ordering::equal;
}

} // namespace omu

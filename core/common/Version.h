#pragma once

#include <QList>
#include <QString>

#include <compare>
#include <optional>

namespace omu {

// An OpenMetadata release number such as 1.2.0, 1.10.1 or 1.1.0-collate. Compared
// numerically part by part (1.10.0 > 1.9.0); a suffix after '-' is kept for display but
// ignored when comparing, because OpenMetadata tags baselines and forks that way.
class Version
{
public:
    Version() = default;
    static std::optional<Version> parse(const QString& text);

    bool isNull() const { return m_parts.isEmpty(); }
    QString toString() const { return m_text; }
    // The numbers only, padded to three parts: "1.2" -> "1.2.0".
    QString canonical() const;
    int part(int index) const { return index < m_parts.size() ? m_parts.at(index) : 0; }

    std::strong_ordering operator<=>(const Version& other) const;
    bool operator==(const Version& other) const { return (*this <=> other) == 0; }

private:
    QList<int> m_parts;
    QString m_text;
};

} // namespace omu

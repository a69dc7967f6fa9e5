#include "VariableReference.h"

#include <QRegularExpression>

namespace omu {

std::optional<VariableReference> VariableReference::parse(const QString& scalar)
{
    static const QRegularExpression whole(
        QStringLiteral(R"(^\$\{([A-Za-z_][A-Za-z0-9_.]*)(:-(.*))?\}$)"),
        QRegularExpression::DotMatchesEverythingOption);
    const auto match = whole.match(scalar);
    if (!match.hasMatch())
        return std::nullopt;
    VariableReference reference;
    reference.name = match.captured(1);
    if (match.capturedStart(2) < 0)
        return reference;
    reference.hasDefault = true;
    qsizetype start = match.capturedStart(3);
    qsizetype end = match.capturedEnd(3);
    // A quoted default (${X:- "value"}): the value is inside the quotes.
    qsizetype first = start;
    while (first < end && scalar.at(first) == QLatin1Char(' '))
        ++first;
    if (end - first >= 2 &&
        (scalar.at(first) == QLatin1Char('"') || scalar.at(first) == QLatin1Char('\'')) &&
        scalar.at(end - 1) == scalar.at(first)) {
        start = first + 1;
        end = end - 1;
    }
    reference.defaultStart = start;
    reference.defaultLength = end - start;
    return reference;
}

} // namespace omu

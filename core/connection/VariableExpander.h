#pragma once

#include "VariableSet.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace omu {

// One stretch of an expanded text and what produced it, so that a part of the result
// (the host inside a JDBC url, say) can be traced back to the variable that gave it.
struct ExpansionSegment
{
    enum class Kind
    {
        Literal,    // written in the file as is
        Value,      // a variable's value
        Default,    // the default written after ":-"
        Unresolved, // a variable that is not set and has no default; expands to ""
        Unreadable, // set, but its value cannot be read here (a Kubernetes secret); ""
    };
    Kind kind = Kind::Literal;
    int start = 0;
    int length = 0;
    QString variable; // every kind but Literal
    QString origin;   // the variable's origin, for Value and Unreadable
    QString hint;     // for Unreadable: where the value really lives
};

struct Expansion
{
    QString text;
    QList<ExpansionSegment> segments;
    // From a "${" that is never closed to the end (kept as text, as the server does);
    // empty when every reference is closed.
    QString unclosed;

    // The segments that make up text[start, start + length). An empty span still
    // collects the empty segments sitting at its position, which is how an unset
    // ${DB_HOST} is found behind an empty host.
    QList<ExpansionSegment> segmentsIn(int start, int length) const;
    QStringList unresolvedIn(int start, int length) const;
    QStringList unresolved() const { return unresolvedIn(0, int(text.size())); }
    // Distinct origins of the variables that gave text[start, start + length); empty
    // when the span comes only from the file (literal text and defaults).
    QStringList variableOriginsIn(int start, int length) const;
};

// Expands ${VAR}, ${VAR:-default} the way OpenMetadata's server does at start-up
// (Dropwizard's EnvironmentVariableSubstitutor, non-strict):
//   - a set variable wins over its default, even when set to "" (only unset falls back);
//   - the default may be empty (${VAR:-}), quoted (${X:- "elasticsearch"}: leading space
//     and quotes dropped, as YAML would after substitution), a list (${X:-[admin]}) or
//     hold further variables (${A:-${B:-b}});
//   - $${VAR} is an escaped, literal ${VAR};
//   - an unset variable without default expands to "" and is reported as Unresolved.
class VariableExpander
{
public:
    explicit VariableExpander(const VariableSet& variables) : m_variables(variables) {}

    Expansion expand(const QString& text) const;

private:
    void expandInto(const QString& text, Expansion& out, int depth, const QString& defaultOf) const;

    const VariableSet& m_variables;
};

} // namespace omu

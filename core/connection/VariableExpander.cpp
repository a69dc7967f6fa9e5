#include "VariableExpander.h"

namespace omu {

namespace {

using Kind = ExpansionSegment::Kind;

// Defaults may nest variables; this bounds a pathological file.
constexpr int maxDepth = 8;

void append(Expansion& out, Kind kind, const QString& text, const QString& variable = {},
            const QString& origin = {}, const QString& hint = {})
{
    ExpansionSegment segment;
    segment.kind = kind;
    segment.start = int(out.text.size());
    segment.length = int(text.size());
    segment.variable = variable;
    segment.origin = origin;
    segment.hint = hint;
    out.text += text;
    out.segments.append(segment);
}

// Index of the '}' closing the "${" whose body starts at from, counting nested "${".
qsizetype findClose(const QString& text, qsizetype from)
{
    int depth = 1;
    for (qsizetype i = from; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('$') && i + 1 < text.size() &&
            text.at(i + 1) == QLatin1Char('{')) {
            ++depth;
            ++i;
        } else if (text.at(i) == QLatin1Char('}') && --depth == 0) {
            return i;
        }
    }
    return -1;
}

// The server substitutes before YAML parsing, so `${X:- "a"}` becomes the YAML scalar
// ` "a"`, i.e. a. Doing the same here gives the value the server ends up with.
QString cleanDefault(const QString& raw)
{
    QString value = raw.trimmed();
    if (value.size() >= 2 && value.front() == value.back() &&
        (value.front() == QLatin1Char('"') || value.front() == QLatin1Char('\'')))
        value = value.mid(1, value.size() - 2);
    return value;
}

bool overlaps(const ExpansionSegment& segment, int start, int length)
{
    const int end = start + length;
    const int segmentEnd = segment.start + segment.length;
    if (segment.length == 0)
        return length == 0 ? segment.start == start
                           : start <= segment.start && segment.start <= end;
    if (length == 0)
        return segment.start <= start && start < segmentEnd;
    return segment.start < end && segmentEnd > start;
}

} // namespace

QList<ExpansionSegment> Expansion::segmentsIn(int start, int length) const
{
    QList<ExpansionSegment> found;
    for (const ExpansionSegment& segment : segments) {
        if (overlaps(segment, start, length))
            found.append(segment);
    }
    return found;
}

QStringList Expansion::unresolvedIn(int start, int length) const
{
    QStringList names;
    for (const ExpansionSegment& segment : segmentsIn(start, length)) {
        if (segment.kind == Kind::Unresolved && !names.contains(segment.variable))
            names.append(segment.variable);
    }
    return names;
}

QStringList Expansion::variableOriginsIn(int start, int length) const
{
    QStringList origins;
    for (const ExpansionSegment& segment : segmentsIn(start, length)) {
        if ((segment.kind == Kind::Value || segment.kind == Kind::Unreadable) &&
            !origins.contains(segment.origin))
            origins.append(segment.origin);
    }
    return origins;
}

Expansion VariableExpander::expand(const QString& text) const
{
    Expansion out;
    expandInto(text, out, 0, QString());
    return out;
}

void VariableExpander::expandInto(const QString& text, Expansion& out, int depth,
                                  const QString& defaultOf) const
{
    // Text written in a default belongs to that default, not to the file's literal text.
    const Kind literalKind = defaultOf.isEmpty() ? Kind::Literal : Kind::Default;
    QString literal;
    const auto flush = [&] {
        if (!literal.isEmpty())
            append(out, literalKind, literal, defaultOf);
        literal.clear();
    };

    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text.at(i);
        const bool dollarBrace =
            c == QLatin1Char('$') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('{');
        if (c == QLatin1Char('$') && i + 2 < text.size() && text.at(i + 1) == QLatin1Char('$') &&
            text.at(i + 2) == QLatin1Char('{')) {
            literal += QStringLiteral("${");
            i += 3;
            continue;
        }
        if (!dollarBrace) {
            literal += c;
            ++i;
            continue;
        }
        const qsizetype close = findClose(text, i + 2);
        if (close < 0) { // no closing brace: the server leaves it as text too
            literal += text.mid(i);
            if (out.unclosed.isEmpty())
                out.unclosed = text.mid(i);
            break;
        }
        const QString body = text.mid(i + 2, close - i - 2);
        const qsizetype separator = body.indexOf(QLatin1String(":-"));
        const QString name = separator < 0 ? body : body.left(separator);
        if (name.isEmpty()) {
            literal += text.mid(i, close - i + 1);
            i = close + 1;
            continue;
        }
        flush();
        if (const Variable* variable = m_variables.find(name)) {
            if (variable->unreadable)
                append(out, Kind::Unreadable, QString(), name, variable->origin, variable->hint);
            else
                append(out, Kind::Value, variable->value, name, variable->origin);
        } else if (separator >= 0 && depth < maxDepth) {
            expandInto(cleanDefault(body.mid(separator + 2)), out, depth + 1, name);
        } else {
            append(out, Kind::Unresolved, QString(), name);
        }
        i = close + 1;
    }
    flush();
}

} // namespace omu

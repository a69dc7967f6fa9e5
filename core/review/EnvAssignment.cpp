#include "EnvAssignment.h"

#include <QList>

namespace omu {

namespace {

bool isNameChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.';
}

// Parses [start, end) as "[export ]KEY=value"; nothing for blanks, comments and others.
std::optional<EnvAssignment> parseLine(const QByteArray& content, qsizetype start, qsizetype end,
                                       QString* key)
{
    qsizetype i = start;
    auto skipBlanks = [&] {
        while (i < end && (content.at(i) == ' ' || content.at(i) == '\t'))
            ++i;
    };
    skipBlanks();
    if (content.mid(i, 7) == "export " || content.mid(i, 7) == "export\t") {
        i += 7;
        skipBlanks();
    }
    const qsizetype nameStart = i;
    while (i < end && isNameChar(content.at(i)))
        ++i;
    if (i == nameStart)
        return std::nullopt;
    *key = QString::fromUtf8(content.mid(nameStart, i - nameStart));
    skipBlanks();
    if (i >= end || content.at(i) != '=')
        return std::nullopt;
    ++i;
    skipBlanks();
    EnvAssignment assignment;
    assignment.lineStart = start;
    assignment.lineEnd = end;
    if (i < end && (content.at(i) == '"' || content.at(i) == '\'')) {
        const char quote = content.at(i);
        qsizetype close = i + 1;
        while (close < end && content.at(close) != quote) {
            if (quote == '"' && content.at(close) == '\\')
                ++close;
            ++close;
        }
        if (close >= end)
            return std::nullopt;
        assignment.valueStart = i + 1;
        assignment.valueEnd = close;
    } else {
        qsizetype stop = end;
        for (qsizetype j = i; j < end; ++j)
            if (content.at(j) == '#' && j > i &&
                (content.at(j - 1) == ' ' || content.at(j - 1) == '\t')) {
                stop = j;
                break;
            }
        while (stop > i && (content.at(stop - 1) == ' ' || content.at(stop - 1) == '\t'))
            --stop;
        assignment.valueStart = i;
        assignment.valueEnd = stop;
    }
    assignment.value = QString::fromUtf8(
        content.mid(assignment.valueStart, assignment.valueEnd - assignment.valueStart));
    return assignment;
}

template <typename Visit> void forEachLine(const QByteArray& content, Visit visit)
{
    qsizetype start = 0;
    int number = 1;
    while (start <= content.size()) {
        qsizetype next = content.indexOf('\n', start);
        const qsizetype stop = next < 0 ? content.size() : next;
        qsizetype end = stop;
        if (end > start && content.at(end - 1) == '\r')
            --end;
        visit(number, start, end);
        if (next < 0)
            break;
        start = next + 1;
        ++number;
    }
}

} // namespace

std::optional<EnvAssignment> EnvAssignment::find(const QByteArray& content, const QString& key,
                                                 int line)
{
    std::optional<EnvAssignment> atLine;
    std::optional<EnvAssignment> last;
    forEachLine(content, [&](int number, qsizetype start, qsizetype end) {
        QString name;
        auto assignment = parseLine(content, start, end, &name);
        if (!assignment || name != key)
            return;
        if (number == line)
            atLine = assignment;
        last = assignment;
    });
    return atLine ? atLine : last;
}

bool EnvAssignment::isSet(const QByteArray& content, const QString& key)
{
    return find(content, key, 0).has_value();
}

} // namespace omu

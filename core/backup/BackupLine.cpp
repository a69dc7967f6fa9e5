#include "BackupLine.h"

namespace omu {

namespace {

constexpr QByteArrayView truncatePrefix("TRUNCATE TABLE ");
constexpr QByteArrayView insertPrefix("INSERT INTO ");

bool startsWithNoCase(QByteArrayView text, QByteArrayView prefix)
{
    return text.size() >= prefix.size() &&
           qstrnicmp(text.data(), prefix.data(), size_t(prefix.size())) == 0;
}

// End of an identifier starting at `from` (quoted or bare), or -1.
qsizetype identifierEnd(QByteArrayView line, qsizetype from)
{
    if (from >= line.size())
        return -1;
    const char quote = line.at(from);
    if (quote == '"' || quote == '`') {
        for (qsizetype i = from + 1; i < line.size(); ++i) {
            if (line.at(i) != quote)
                continue;
            if (i + 1 < line.size() && line.at(i + 1) == quote) {
                ++i; // a doubled quote inside the name
                continue;
            }
            return i + 1;
        }
        return -1;
    }
    qsizetype i = from;
    while (i < line.size()) {
        const char c = line.at(i);
        if (c == ' ' || c == '(' || c == ';' || c == '\t')
            break;
        ++i;
    }
    return i > from ? i : -1;
}

} // namespace

BackupLine::Kind BackupLine::kind(QByteArrayView line)
{
    if (startsWithNoCase(line, insertPrefix))
        return Kind::Insert;
    if (startsWithNoCase(line, truncatePrefix))
        return Kind::Truncate;
    return Kind::Other;
}

QByteArray BackupLine::tableName(QByteArrayView line)
{
    return tableNameView(line).toByteArray();
}

QByteArrayView BackupLine::tableNameView(QByteArrayView line)
{
    qsizetype from = 0;
    switch (kind(line)) {
    case Kind::Insert:
        from = insertPrefix.size();
        break;
    case Kind::Truncate:
        from = truncatePrefix.size();
        break;
    case Kind::Other:
        return {};
    }
    const qsizetype end = identifierEnd(line, from);
    return end < 0 ? QByteArrayView() : line.sliced(from, end - from);
}

qsizetype BackupLine::valuesOffset(QByteArrayView line)
{
    if (kind(line) != Kind::Insert || !line.endsWith(");"))
        return -1;
    qsizetype i = identifierEnd(line, insertPrefix.size());
    if (i < 0)
        return -1;
    while (i < line.size() && line.at(i) == ' ')
        ++i;
    if (i < line.size() && line.at(i) == '(') { // the column list
        ++i;
        while (i < line.size() && line.at(i) != ')') {
            const char c = line.at(i);
            if (c == '"' || c == '`') {
                const qsizetype end = identifierEnd(line, i);
                if (end < 0)
                    return -1;
                i = end;
                continue;
            }
            if (c == '\'')
                return -1; // not a column list
            ++i;
        }
        if (i >= line.size())
            return -1;
        ++i;
        while (i < line.size() && line.at(i) == ' ')
            ++i;
    }
    static constexpr QByteArrayView values("VALUES");
    if (!startsWithNoCase(line.sliced(i), values))
        return -1;
    i += values.size();
    while (i < line.size() && line.at(i) == ' ')
        ++i;
    if (i >= line.size() || line.at(i) != '(')
        return -1;
    return i;
}

} // namespace omu

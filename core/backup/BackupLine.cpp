#include "BackupLine.h"

#include "common/DisplayText.h"

#include <algorithm>
#include <cctype>

namespace omu {

namespace {

constexpr QByteArrayView truncatePrefix("TRUNCATE TABLE ");
constexpr QByteArrayView deletePrefix("DELETE FROM ");
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
    if (startsWithNoCase(line, deletePrefix))
        return Kind::Delete;
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
    case Kind::Delete:
        from = deletePrefix.size();
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

namespace {

// Reads one line as the server's lexer would, token by token; any deviation from the
// shape of a backup statement ends the reading with a problem saying where.
class LineParser
{
public:
    LineParser(QByteArrayView line, BackupLine::Dialect dialect) : m_s(line), m_dialect(dialect) {}

    BackupLine::Statement parse()
    {
        BackupLine::Statement statement;
        if (m_s.contains('\0')) {
            statement.problem = QStringLiteral("it holds a NUL byte");
            return statement;
        }
        if (keyword("TRUNCATE")) {
            statement.kind = BackupLine::Kind::Truncate;
            if (!keyword("TABLE"))
                return fail(statement, QStringLiteral("TRUNCATE is not followed by TABLE"));
            if (!tableName(statement))
                return statement;
            return end(statement);
        }
        if (keyword("DELETE")) {
            statement.kind = BackupLine::Kind::Delete;
            if (!keyword("FROM"))
                return fail(statement, QStringLiteral("DELETE is not followed by FROM"));
            if (!tableName(statement))
                return statement;
            return end(statement);
        }
        if (!keyword("INSERT"))
            return fail(statement,
                        QStringLiteral("it is none of TRUNCATE TABLE, DELETE FROM or INSERT INTO"));
        statement.kind = BackupLine::Kind::Insert;
        if (!keyword("INTO"))
            return fail(statement, QStringLiteral("INSERT is not followed by INTO"));
        if (!tableName(statement))
            return statement;
        space();
        if (at('(')) { // the column list
            ++m_i;
            do {
                space();
                QByteArrayView column;
                if (!identifier(&column))
                    return fail(statement,
                                QStringLiteral("the column list holds something other than "
                                               "column names at column %1")
                                    .arg(m_i + 1));
                space();
            } while (take(','));
            if (!take(')'))
                return fail(
                    statement,
                    QStringLiteral("the column list is not closed at column %1").arg(m_i + 1));
        }
        if (!keyword("VALUES"))
            return fail(statement, QStringLiteral("VALUES is missing at column %1").arg(m_i + 1));
        space();
        statement.valuesOffset = m_i;
        do {
            space();
            if (!tuple(statement))
                return statement;
            space();
        } while (take(','));
        return end(statement);
    }

private:
    bool at(char c) const { return m_i < m_s.size() && m_s.at(m_i) == c; }
    bool take(char c)
    {
        if (!at(c))
            return false;
        ++m_i;
        return true;
    }
    void space()
    {
        while (m_i < m_s.size() && (m_s.at(m_i) == ' ' || m_s.at(m_i) == '\t'))
            ++m_i;
    }
    static bool isWordChar(char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '$' || quint8(c) >= 0x80;
    }
    // A keyword (any case) followed by something that cannot continue a word.
    bool keyword(const char* word)
    {
        space();
        const qsizetype length = qsizetype(qstrlen(word));
        if (m_i + length > m_s.size() || qstrnicmp(m_s.data() + m_i, word, size_t(length)) != 0 ||
            (m_i + length < m_s.size() && isWordChar(m_s.at(m_i + length))))
            return false;
        m_i += length;
        return true;
    }
    bool identifier(QByteArrayView* out)
    {
        const qsizetype start = m_i;
        if (m_i >= m_s.size())
            return false;
        const char quote = m_s.at(m_i);
        const bool quoteAllowed = (quote == '`' && m_dialect != BackupLine::Dialect::Postgres) ||
                                  (quote == '"' && m_dialect != BackupLine::Dialect::MySql);
        if (quoteAllowed) {
            for (++m_i; m_i < m_s.size(); ++m_i) {
                if (m_s.at(m_i) != quote)
                    continue;
                if (m_i + 1 < m_s.size() && m_s.at(m_i + 1) == quote) {
                    ++m_i; // a doubled quote inside the name
                    continue;
                }
                ++m_i;
                *out = m_s.sliced(start, m_i - start);
                return m_i - start > 2;
            }
            return false;
        }
        while (m_i < m_s.size() && isWordChar(m_s.at(m_i)))
            ++m_i;
        *out = m_s.sliced(start, m_i - start);
        return m_i > start;
    }
    bool tableName(BackupLine::Statement& statement)
    {
        space();
        if (!identifier(&statement.table)) {
            fail(statement, QStringLiteral("no table name at column %1").arg(m_i + 1));
            return false;
        }
        if (at('.')) {
            fail(statement, QStringLiteral("the table is named with a schema or database (%1), "
                                           "which a backup never does")
                                .arg(QString::fromUtf8(statement.table.toByteArray())));
            return false;
        }
        return true;
    }
    bool digits()
    {
        const qsizetype start = m_i;
        while (m_i < m_s.size() && m_s.at(m_i) >= '0' && m_s.at(m_i) <= '9')
            ++m_i;
        return m_i > start;
    }
    bool hexDigits()
    {
        const qsizetype start = m_i;
        while (m_i < m_s.size() && std::isxdigit(quint8(m_s.at(m_i))))
            ++m_i;
        return m_i > start;
    }
    // A quoted string from its opening quote; backslashes escape when `escapes`.
    bool string(bool escapes)
    {
        if (!take('\''))
            return false;
        while (m_i < m_s.size()) {
            const char c = m_s.at(m_i);
            if (c == '\\' && escapes) {
                m_i += 2;
                continue;
            }
            if (c == '\'') {
                if (m_i + 1 < m_s.size() && m_s.at(m_i + 1) == '\'') {
                    m_i += 2;
                    continue;
                }
                ++m_i;
                return true;
            }
            ++m_i;
        }
        return false;
    }
    bool literal()
    {
        if (m_i >= m_s.size())
            return false;
        const bool mysql = m_dialect == BackupLine::Dialect::MySql;
        const char c = m_s.at(m_i);
        if (c == '\'')
            return string(mysql);
        if ((c == 'E' || c == 'e') && !mysql && m_i + 1 < m_s.size() && m_s.at(m_i + 1) == '\'') {
            ++m_i;
            return string(true);
        }
        if ((c == 'X' || c == 'x') && m_i + 1 < m_s.size() && m_s.at(m_i + 1) == '\'') {
            m_i += 2;
            hexDigits();
            return take('\'');
        }
        if (mysql && c == '0' && m_i + 1 < m_s.size() &&
            (m_s.at(m_i + 1) == 'x' || m_s.at(m_i + 1) == 'X')) {
            m_i += 2;
            return hexDigits() && !(m_i < m_s.size() && isWordChar(m_s.at(m_i)));
        }
        if (c == '-' || c == '+' || (c >= '0' && c <= '9') || c == '.') {
            if (c == '-' || c == '+')
                ++m_i;
            const bool whole = digits();
            bool fraction = false;
            if (take('.'))
                fraction = digits();
            if (!whole && !fraction)
                return false;
            if (at('e') || at('E')) {
                ++m_i;
                if (at('-') || at('+'))
                    ++m_i;
                if (!digits())
                    return false;
            }
            return !(m_i < m_s.size() && isWordChar(m_s.at(m_i)));
        }
        return keyword("NULL") || keyword("TRUE") || keyword("FALSE");
    }
    bool tuple(BackupLine::Statement& statement)
    {
        if (!take('(')) {
            fail(statement,
                 QStringLiteral("a row of values does not start at column %1").arg(m_i + 1));
            return false;
        }
        do {
            space();
            const qsizetype start = m_i;
            if (!literal()) {
                fail(statement,
                     m_i >= m_s.size()
                         ? QStringLiteral("a value starting at column %1 is not closed")
                               .arg(start + 1)
                         : QStringLiteral("the value at column %1 is not a plain value (a string, "
                                          "number or null)")
                               .arg(start + 1));
                return false;
            }
            space();
        } while (take(','));
        if (!take(')')) {
            fail(statement,
                 QStringLiteral("a row of values is not closed at column %1").arg(m_i + 1));
            return false;
        }
        return true;
    }
    BackupLine::Statement end(BackupLine::Statement& statement)
    {
        space();
        if (!take(';'))
            return fail(statement,
                        m_i >= m_s.size()
                            ? QStringLiteral("it does not end with ';'")
                            : QStringLiteral("unexpected text at column %1").arg(m_i + 1));
        while (m_i < m_s.size() &&
               (m_s.at(m_i) == ' ' || m_s.at(m_i) == '\t' || m_s.at(m_i) == '\r'))
            ++m_i;
        if (m_i < m_s.size())
            return fail(
                statement,
                QStringLiteral("more follows the statement's ';' at column %1").arg(m_i + 1));
        return statement;
    }
    BackupLine::Statement& fail(BackupLine::Statement& statement, const QString& problem)
    {
        if (statement.problem.isEmpty())
            statement.problem = problem;
        return statement;
    }

    QByteArrayView m_s;
    qsizetype m_i = 0;
    BackupLine::Dialect m_dialect;
};

} // namespace

BackupLine::Statement BackupLine::parse(QByteArrayView line, Dialect dialect)
{
    if (dialect != Dialect::Either)
        return LineParser(line, dialect).parse();
    const Statement mysql = LineParser(line, Dialect::MySql).parse();
    if (mysql.ok())
        return mysql;
    const Statement postgres = LineParser(line, Dialect::Postgres).parse();
    return postgres.ok() ? postgres : mysql;
}

QString BackupLine::resolvedName(QByteArrayView written, Dialect dialect)
{
    if (written.size() >= 2 && (written.front() == '"' || written.front() == '`') &&
        written.back() == written.front()) {
        const QByteArray quote(1, written.front());
        return QString::fromUtf8(
            written.sliced(1, written.size() - 2).toByteArray().replace(quote + quote, quote));
    }
    const QString name = QString::fromUtf8(written.toByteArray());
    return dialect == Dialect::Postgres ? name.toLower() : name;
}

QString BackupLine::excerpt(QByteArrayView line, qsizetype limit)
{
    const QString text =
        QString::fromUtf8(line.first(std::min(line.size(), limit * 4)).toByteArray());
    if (text.size() <= limit && line.size() <= limit * 4)
        return DisplayText::escaped(text);
    return DisplayText::escaped(text.left(limit)) + QStringLiteral(" \u2026");
}

} // namespace omu

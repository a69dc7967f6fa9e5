#include "SqlScriptSplitter.h"

#include <QCryptographicHash>

namespace omu {

namespace {

bool isIdentifierChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

class Scanner
{
public:
    Scanner(const QString& script, Engine engine)
        : m_text(script), m_mysql(engine != Engine::Postgres)
    {
    }

    QList<SqlStatement> run()
    {
        QList<SqlStatement> statements;
        qsizetype start = -1; // first significant character of the current statement
        int startLine = 0;
        qsizetype i = 0;
        const qsizetype n = m_text.size();
        while (i < n) {
            const QChar c = m_text.at(i);
            if (startsLineComment(i)) {
                i = skipLineComment(i);
                continue;
            }
            if (c == QLatin1Char('/') && peek(i + 1) == QLatin1Char('*')) {
                i = skipBlockComment(i);
                continue;
            }
            if (c == QLatin1Char(';')) {
                if (start >= 0)
                    statements.append(make(start, i, startLine));
                start = -1;
                ++i;
                continue;
            }
            if (c.isSpace()) {
                ++i;
                continue;
            }
            if (start < 0) {
                start = i;
                startLine = lineOf(i);
            }
            if (c == QLatin1Char('\'') || c == QLatin1Char('"') ||
                (m_mysql && c == QLatin1Char('`'))) {
                i = skipQuoted(i, c);
                continue;
            }
            if (!m_mysql && c == QLatin1Char('$')) {
                i = skipDollarQuoted(i);
                continue;
            }
            ++i;
        }
        if (start >= 0)
            statements.append(make(start, n, startLine));
        return statements;
    }

private:
    QChar peek(qsizetype i) const { return i < m_text.size() ? m_text.at(i) : QChar(); }

    bool startsLineComment(qsizetype i) const
    {
        const QChar c = m_text.at(i);
        if (m_mysql && c == QLatin1Char('#'))
            return true;
        if (c != QLatin1Char('-') || peek(i + 1) != QLatin1Char('-'))
            return false;
        // MySQL wants whitespace (or the end) after "--"; "1--1" is arithmetic there.
        if (!m_mysql)
            return true;
        const QChar next = peek(i + 2);
        return next.isNull() || next.isSpace();
    }

    qsizetype skipLineComment(qsizetype i) const
    {
        while (i < m_text.size() && m_text.at(i) != QLatin1Char('\n'))
            ++i;
        return i;
    }

    qsizetype skipBlockComment(qsizetype i) const
    {
        int depth = 0;
        const qsizetype n = m_text.size();
        while (i < n) {
            if (m_text.at(i) == QLatin1Char('/') && peek(i + 1) == QLatin1Char('*')) {
                // PostgreSQL nests block comments; MySQL ends at the first */.
                if (depth == 0 || !m_mysql)
                    ++depth;
                i += 2;
                continue;
            }
            if (m_text.at(i) == QLatin1Char('*') && peek(i + 1) == QLatin1Char('/')) {
                i += 2;
                if (--depth == 0)
                    return i;
                continue;
            }
            ++i;
        }
        return n;
    }

    qsizetype skipQuoted(qsizetype i, QChar quote) const
    {
        const qsizetype n = m_text.size();
        ++i;
        while (i < n) {
            const QChar c = m_text.at(i);
            if (m_mysql && c == QLatin1Char('\\') && quote != QLatin1Char('`')) {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (peek(i + 1) == quote) { // doubled quote stands for itself
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            ++i;
        }
        return n;
    }

    // $tag$ ... $tag$ (tag may be empty). A '$' that does not open one (a positional
    // parameter like $1, or part of a name) is an ordinary character.
    qsizetype skipDollarQuoted(qsizetype i) const
    {
        if (i > 0 && isIdentifierChar(m_text.at(i - 1)))
            return i + 1;
        qsizetype j = i + 1;
        if (j < m_text.size() && m_text.at(j).isDigit())
            return i + 1;
        while (j < m_text.size() && isIdentifierChar(m_text.at(j)))
            ++j;
        if (j >= m_text.size() || m_text.at(j) != QLatin1Char('$'))
            return i + 1;
        const QString tag = m_text.mid(i, j - i + 1);
        const qsizetype end = m_text.indexOf(tag, j + 1);
        return end < 0 ? m_text.size() : end + tag.size();
    }

    int lineOf(qsizetype position)
    {
        while (m_lineScan < position) {
            if (m_text.at(m_lineScan) == QLatin1Char('\n'))
                ++m_line;
            ++m_lineScan;
        }
        return m_line;
    }

    SqlStatement make(qsizetype start, qsizetype end, int line) const
    {
        QString text = m_text.mid(start, end - start);
        while (!text.isEmpty() && text.back().isSpace())
            text.chop(1);
        return SqlStatement{text, line};
    }

    const QString& m_text;
    bool m_mysql;
    qsizetype m_lineScan = 0;
    int m_line = 1;
};

} // namespace

QList<SqlStatement> SqlScriptSplitter::split(const QString& script, Engine engine)
{
    return Scanner(script, engine).run();
}

QString SqlScriptSplitter::checksum(const QString& statement)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(statement.toUtf8(), QCryptographicHash::Md5).toHex());
}

} // namespace omu

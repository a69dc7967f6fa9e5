#include "SqlScriptSplitter.h"

#include <QCryptographicHash>
#include <QRegularExpression>

#include <cstring>

namespace omu {

namespace {

enum class TokenKind
{
    None, // whitespace or a parenthesis: no token, but part of the statement once it started
    Eof,
    Comment,
    BlankLines,
    Delimiter,
    NewDelimiter,
    Keyword,
    Other // strings, names, numbers, symbols, MySQL comment directives
};

struct Token
{
    TokenKind kind = TokenKind::None;
    QString text; // keywords in upper case; the new delimiter
};

// Java's Character.isWhitespace for the characters a SQL file holds.
bool isJavaWhitespace(QChar c)
{
    const char16_t u = c.unicode();
    if (u == 0x00A0 || u == 0x2007 || u == 0x202F)
        return false;
    return (u >= 0x09 && u <= 0x0D) || (u >= 0x1C && u <= 0x1F) || c.isSpace();
}

bool isKeywordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

class FlywayScanner
{
public:
    FlywayScanner(const QString& text, Engine engine)
        : m_text(text), m_mysql(engine != Engine::Postgres)
    {
        if (m_text.startsWith(QChar(0xFEFF)))
            m_pos = 1; // the BOM is stripped before parsing
    }

    Result<QList<SqlStatement>> run()
    {
        QList<SqlStatement> statements;
        while (true) {
            auto statement = next();
            if (!statement)
                return statement.error();
            if (!statement->has_value())
                return statements;
            statements << **statement;
        }
    }

private:
    QChar at(qsizetype i) const { return i < m_text.size() ? m_text.at(i) : QChar(); }
    bool startsWith(const QString& what) const
    {
        return QStringView(m_text).mid(m_pos).startsWith(what);
    }
    int lineAt(qsizetype position)
    {
        while (m_lineScan < position && m_lineScan < m_text.size()) {
            if (m_text.at(m_lineScan) == QLatin1Char('\n'))
                ++m_line;
            ++m_lineScan;
        }
        return m_line;
    }

    // Moves past the closing `quote` of a literal whose opening quote is consumed.
    void skipQuoted(QChar quote, bool backslash)
    {
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos);
            if (backslash && c == QLatin1Char('\\')) {
                m_pos += 2;
                continue;
            }
            ++m_pos;
            if (c == quote) {
                if (at(m_pos) == quote) { // doubled: stands for itself
                    ++m_pos;
                    continue;
                }
                return;
            }
        }
        m_pos = m_text.size();
    }

    void skipUntil(const QString& end)
    {
        const qsizetype found = m_text.indexOf(end, m_pos);
        m_pos = found < 0 ? m_text.size() : found + end.size();
    }

    bool isLineComment() const
    {
        if (startsWith(QStringLiteral("--")))
            return true;
        // '#' comments, unless a DELIMITER made '#' the delimiter.
        return m_mysql && at(m_pos) == QLatin1Char('#') && !startsWith(m_delimiter);
    }

    bool isCommentDirective() const
    {
        if (!m_mysql || !startsWith(QStringLiteral("/*!")))
            return false;
        for (int i = 3; i < 8; ++i)
            if (!at(m_pos + i).isDigit())
                return false;
        return true;
    }

    Token readToken()
    {
        if (m_pos >= m_text.size())
            return {TokenKind::Eof, {}};
        const QChar c = m_text.at(m_pos);
        if (!m_mysql && c == QLatin1Char('$')) { // $tag$ ... $tag$
            const qsizetype close = m_text.indexOf(QLatin1Char('$'), m_pos + 1);
            if (close < 0) {
                m_pos = m_text.size();
                return {TokenKind::Other, {}};
            }
            const QString tag = m_text.mid(m_pos, close - m_pos + 1);
            m_pos = close + 1;
            skipUntil(tag);
            return {TokenKind::Other, {}};
        }
        if (m_mysql && c == QLatin1Char('"')) {
            ++m_pos;
            skipQuoted(c, true);
            return {TokenKind::Other, {}};
        }
        if (c == QLatin1Char('\'')) {
            ++m_pos;
            skipQuoted(c, m_mysql);
            return {TokenKind::Other, {}};
        }
        if (c == QLatin1Char('(') || c == QLatin1Char(')')) {
            m_parens += c == QLatin1Char('(') ? 1 : -1;
            ++m_pos;
            return {TokenKind::None, {}};
        }
        const QChar identifierQuote = m_mysql ? QLatin1Char('`') : QLatin1Char('"');
        if (c == identifierQuote) {
            ++m_pos;
            skipQuoted(c, false);
            return {TokenKind::Other, {}};
        }
        if (isCommentDirective()) {
            m_pos += 2;
            skipUntil(QStringLiteral("*/"));
            return {TokenKind::Other, {}};
        }
        if (isLineComment()) {
            while (m_pos < m_text.size() && m_text.at(m_pos) != QLatin1Char('\n') &&
                   m_text.at(m_pos) != QLatin1Char('\r'))
                ++m_pos;
            return {TokenKind::Comment, {}};
        }
        if (startsWith(QStringLiteral("/*"))) {
            m_pos += 2;
            skipUntil(QStringLiteral("*/"));
            return {TokenKind::Comment, {}};
        }
        if (c.isDigit()) {
            while (m_pos < m_text.size() &&
                   (m_text.at(m_pos).isDigit() || m_text.at(m_pos) == QLatin1Char('.')))
                ++m_pos;
            return {TokenKind::Other, {}};
        }
        for (const char* prefix : {"B'", "E'", "X'", "U&'"}) {
            if (startsWith(QLatin1String(prefix))) {
                const bool unicode = prefix[0] == 'U';
                m_pos += qsizetype(std::strlen(prefix));
                skipQuoted(QLatin1Char('\''), !unicode);
                return {TokenKind::Other, {}};
            }
        }
        if (startsWith(m_delimiter)) {
            m_pos += m_delimiter.size();
            return {TokenKind::Delimiter, m_delimiter};
        }
        if (c == QLatin1Char('_') || c.isLetter()) {
            const qsizetype start = m_pos;
            while (m_pos < m_text.size() && isKeywordChar(m_text.at(m_pos)) &&
                   !startsWith(m_delimiter))
                ++m_pos;
            const QString word = m_text.mid(start, m_pos - start);
            static const QRegularExpression keyword(QStringLiteral("^[A-Za-z_]+$"));
            if (!keyword.match(word).hasMatch())
                return {TokenKind::Other, {}};
            const QString upper = word.toUpper();
            if (m_mysql && upper == QLatin1String("DELIMITER"))
                return readNewDelimiter();
            return {TokenKind::Keyword, upper};
        }
        if (c == QLatin1Char(' ') || c == QLatin1Char('\r') || c.unicode() == 0x00A0) {
            ++m_pos;
            return {TokenKind::None, {}};
        }
        if (isJavaWhitespace(c)) {
            int newlines = 0;
            while (m_pos < m_text.size() && isJavaWhitespace(m_text.at(m_pos))) {
                newlines += m_text.at(m_pos) == QLatin1Char('\n');
                ++m_pos;
            }
            return {newlines >= 2 ? TokenKind::BlankLines : TokenKind::None, {}};
        }
        ++m_pos; // a symbol
        return {TokenKind::Other, {}};
    }

    // MySQL: the rest of the line (trimmed; the next line when empty) is the new delimiter.
    Token readNewDelimiter()
    {
        QString delimiter;
        while (delimiter.isEmpty() && m_pos < m_text.size()) {
            qsizetype end = m_pos;
            while (end < m_text.size() && m_text.at(end) != QLatin1Char('\n') &&
                   m_text.at(end) != QLatin1Char('\r'))
                ++end;
            delimiter = m_text.mid(m_pos, end - m_pos).trimmed();
            m_pos = std::min(end + 1, m_text.size());
        }
        return {TokenKind::NewDelimiter, delimiter};
    }

    // MySQL block depth: BEGIN in stored programs, CASE, and END closing them (one token
    // late, as Flyway sees it: END IF / LOOP / REPEAT / WHILE do not close a block).
    void adjustBlockDepth(const Token& token)
    {
        if (!m_mysql || m_parens != 0)
            return;
        if (token.kind == TokenKind::Keyword) {
            if (token.text == QLatin1String("BEGIN") && m_storedProgram)
                ++m_blockDepth;
            if (token.text == QLatin1String("CASE") && m_lastKeywordish != QLatin1String("END"))
                ++m_blockDepth;
        }
        static const QStringList loops{QStringLiteral("IF"), QStringLiteral("LOOP"),
                                       QStringLiteral("REPEAT"), QStringLiteral("WHILE")};
        if (m_blockDepth > 0 && m_lastKeywordish == QLatin1String("END") &&
            !(token.kind == TokenKind::Keyword && loops.contains(token.text)))
            --m_blockDepth;
    }

    void detectStoredProgram(const Token& token)
    {
        if (!m_mysql || token.kind != TokenKind::Keyword || m_parens != 0 || m_keywords > 10)
            return;
        ++m_keywords;
        m_simplified += (m_simplified.isEmpty() ? QString() : QStringLiteral(" ")) + token.text;
        static const QRegularExpression storedProgram(QStringLiteral(
            R"(^CREATE\s(((DEFINER\s(\w+\s)?@\s(\w+\s)?)?(PROCEDURE|FUNCTION|EVENT))|TRIGGER)$)"));
        if (!m_storedProgram && storedProgram.match(m_simplified).hasMatch())
            m_storedProgram = true;
    }

    // The next statement; nothing at the end of the file.
    Result<std::optional<SqlStatement>> next()
    {
        qsizetype recordStart = m_pos;
        qsizetype confirmed = m_pos;
        qsizetype firstToken = -1;
        bool tokens = false;
        bool nonComment = false;
        m_blockDepth = 0;
        m_storedProgram = false;
        m_simplified.clear();
        m_keywords = 0;
        m_lastKeywordish.clear();
        while (true) {
            const qsizetype tokenStart = m_pos;
            const Token token = readToken();
            auto restart = [&] {
                tokens = false;
                nonComment = false;
                firstToken = -1;
                recordStart = m_pos;
                confirmed = m_pos;
                m_simplified.clear();
                m_keywords = 0;
                m_storedProgram = false;
                m_lastKeywordish.clear();
            };
            if (token.kind == TokenKind::None) {
                if (!tokens)
                    restart();
                else
                    confirmed = m_pos;
                continue;
            }
            if (token.kind == TokenKind::NewDelimiter) {
                if (tokens && nonComment)
                    return makeError(QStringLiteral("delimiter changed inside the statement at "
                                                    "line %1")
                                         .arg(lineAt(firstToken)));
                m_delimiter = token.text;
                restart();
                continue;
            }
            if ((token.kind == TokenKind::Delimiter || token.kind == TokenKind::BlankLines) &&
                !nonComment) {
                restart();
                continue;
            }
            if (token.kind != TokenKind::Eof)
                adjustBlockDepth(token);
            const bool ends = token.kind == TokenKind::Eof || (token.kind == TokenKind::Delimiter &&
                                                               m_parens == 0 && m_blockDepth == 0);
            if (ends) {
                if (token.kind == TokenKind::Eof) {
                    if (!tokens || !nonComment)
                        return std::optional<SqlStatement>();
                    if (m_parens > 0 || m_blockDepth > 0)
                        return makeError(QStringLiteral("incomplete statement at line %1: a "
                                                        "parenthesis or block is never closed")
                                             .arg(lineAt(firstToken)));
                }
                const SqlStatement statement{m_text.mid(recordStart, confirmed - recordStart),
                                             lineAt(firstToken)};
                return std::optional<SqlStatement>(statement);
            }
            if (!nonComment && token.kind != TokenKind::Comment)
                nonComment = true;
            if (!tokens) {
                firstToken = tokenStart;
                tokens = true;
            }
            confirmed = m_pos;
            detectStoredProgram(token);
            if (m_parens == 0 && token.kind != TokenKind::Comment &&
                token.kind != TokenKind::BlankLines)
                m_lastKeywordish = token.kind == TokenKind::Keyword ? token.text : QString();
        }
    }

    const QString& m_text;
    bool m_mysql;
    qsizetype m_pos = 0;
    QString m_delimiter = QStringLiteral(";"); // MySQL keeps a DELIMITER change to the end
    int m_parens = 0;
    int m_blockDepth = 0;
    bool m_storedProgram = false;
    QString m_simplified;
    int m_keywords = 0;
    QString m_lastKeywordish; // the last token's keyword text at this depth ("END")
    qsizetype m_lineScan = 0;
    int m_line = 1;
};

} // namespace

Result<QList<SqlStatement>> SqlScriptSplitter::parse(const QString& script, Engine engine)
{
    return FlywayScanner(script, engine).run();
}

QList<SqlStatement> SqlScriptSplitter::split(const QString& script, Engine engine)
{
    auto statements = parse(script, engine);
    return statements ? statements.value() : QList<SqlStatement>();
}

QString SqlScriptSplitter::checksum(const QString& statement)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(statement.toUtf8(), QCryptographicHash::Md5).toHex());
}

} // namespace omu

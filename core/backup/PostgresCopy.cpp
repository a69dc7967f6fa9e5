#include "PostgresCopy.h"

#include <QSqlDriver>
#include <QVariant>

#include <libpq-fe.h>

#include <array>

namespace omu {

namespace {

// The PGconn* of QPSQL's connection: the driver and omupgrade share the one libpq.
PGconn* connectionHandle(DatabaseSession& session)
{
    if (session.engine() != Engine::Postgres)
        return nullptr;
    const QVariant handle = session.database().driver()->handle();
    // "PGconn*" or, with libpq's headers, the struct's own name.
    if (!handle.isValid() ||
        (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return nullptr;
    return *static_cast<PGconn* const*>(handle.constData());
}

// The bytes COPY's text format escapes, and how, exactly as the server writes them in
// COPY ... TO: a row sent this way is byte for byte the row the server sends back, which
// is what lets a rollback compare the two.
constexpr std::array<char, 256> copyEscapes = [] {
    std::array<char, 256> table{};
    table[quint8('\\')] = '\\';
    table[quint8('\b')] = 'b';
    table[quint8('\f')] = 'f';
    table[quint8('\n')] = 'n';
    table[quint8('\r')] = 'r';
    table[quint8('\t')] = 't';
    table[quint8('\v')] = 'v';
    return table;
}();

void appendCopyText(QByteArray& out, char c)
{
    const char escape = copyEscapes[quint8(c)];
    if (escape) {
        const char pair[2] = {'\\', escape};
        out.append(pair, 2);
    } else {
        out.append(c);
    }
}

class TupleReader
{
public:
    TupleReader(QByteArrayView values, QByteArray& out) : m_s(values), m_out(out) {}

    bool read()
    {
        skipSpace();
        while (m_i < m_s.size()) {
            if (m_s[m_i] != '(')
                return false;
            ++m_i;
            for (bool first = true;; first = false) {
                skipSpace();
                if (!first)
                    m_out.append('\t');
                if (!value())
                    return false;
                skipSpace();
                if (m_i >= m_s.size())
                    return false;
                if (m_s[m_i] == ')')
                    break;
                if (m_s[m_i] != ',')
                    return false;
                ++m_i;
            }
            ++m_i; // ")"
            m_out.append('\n');
            skipSpace();
            if (m_i >= m_s.size())
                break;
            // Tuples are separated by commas, and a comma is followed by one.
            if (m_s[m_i] != ',')
                return false;
            ++m_i;
            skipSpace();
            if (m_i >= m_s.size())
                return false;
        }
        return true;
    }

private:
    void skipSpace()
    {
        while (m_i < m_s.size() && (m_s[m_i] == ' ' || m_s[m_i] == '\t'))
            ++m_i;
    }

    bool value()
    {
        if (m_i >= m_s.size())
            return false;
        const char c = m_s[m_i];
        if (c == '\'')
            return quoted(false);
        if ((c == 'E' || c == 'e') && m_i + 1 < m_s.size() && m_s[m_i + 1] == '\'') {
            ++m_i;
            return quoted(true);
        }
        return bareWord();
    }

    // '...' with '' for a quote; backslashes are plain characters. E'...' (`escapes`):
    // the escapes the backup writes (\\, \n, \r, \t, \') convert too; any other (octal,
    // hex, Unicode) leaves the line to the INSERT.
    bool quoted(bool escapes)
    {
        ++m_i;
        const char* text = m_s.data();
        const qsizetype size = m_s.size();
        qsizetype run = m_i; // start of the bytes not yet copied
        while (m_i < size) {
            const char c = text[m_i];
            if (c != '\'' && c != '\\' && !copyEscapes[quint8(c)]) {
                ++m_i;
                continue;
            }
            m_out.append(text + run, m_i - run);
            ++m_i;
            if (c == '\'') {
                if (m_i < size && text[m_i] == '\'') {
                    m_out.append('\'');
                    run = ++m_i;
                    continue;
                }
                return true;
            }
            if (c == '\\' && escapes) {
                if (m_i >= size)
                    return false;
                // The escapes the backup writes, as the characters they stand for.
                const char escaped = text[m_i++];
                const char meant = escaped == 'n'    ? '\n'
                                   : escaped == 'r'  ? '\r'
                                   : escaped == 't'  ? '\t'
                                   : escaped == '\\' ? '\\'
                                   : escaped == '\'' ? '\''
                                                     : '\0';
                if (meant == '\0')
                    return false;
                appendCopyText(m_out, meant);
            } else {
                appendCopyText(m_out, c);
            }
            run = m_i;
        }
        return false;
    }

    // NULL, a number or a boolean, as written.
    bool bareWord()
    {
        const qsizetype start = m_i;
        while (m_i < m_s.size() && m_s[m_i] != ',' && m_s[m_i] != ')' && m_s[m_i] != ' ')
            ++m_i;
        const QByteArrayView word = m_s.sliced(start, m_i - start);
        if (word.isEmpty())
            return false;
        if (word.compare("NULL", Qt::CaseInsensitive) == 0) {
            m_out.append("\\N", 2);
            return true;
        }
        if (word.compare("true", Qt::CaseInsensitive) == 0 ||
            word.compare("false", Qt::CaseInsensitive) == 0) {
            m_out.append(word.data(), word.size());
            return true;
        }
        for (const char c : word)
            if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' ||
                  c == 'E'))
                return false;
        m_out.append(word.data(), word.size());
        return true;
    }

    QByteArrayView m_s;
    QByteArray& m_out;
    qsizetype m_i = 0;
};

QString resultError(PGconn* conn, PGresult* result)
{
    const char* message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
    const QString text = QString::fromUtf8(message).trimmed();
    return text.isEmpty() ? QStringLiteral("COPY failed (no message from the server)") : text;
}

// Sends `command` and expects the server to switch to COPY in the given direction.
Status start(PGconn* conn, const QByteArray& command, ExecStatusType expected)
{
    PGresult* started = PQexec(conn, command.constData());
    if (PQresultStatus(started) != expected) {
        const QString error = resultError(conn, started);
        PQclear(started);
        while (PGresult* rest = PQgetResult(conn))
            PQclear(rest);
        return makeError(error);
    }
    PQclear(started);
    return {};
}

} // namespace

PostgresCopy::PostgresCopy(DatabaseSession& session) : m_connection(connectionHandle(session)) {}

PostgresCopy::~PostgresCopy()
{
    abort();
}

bool PostgresCopy::appendRows(QByteArray& rows, QByteArrayView values)
{
    return TupleReader(values, rows).read();
}

Status PostgresCopy::begin(QByteArrayView insertPrefix)
{
    if (!m_connection)
        return makeError(QStringLiteral("the connection is not a libpq connection"));
    // "INSERT INTO <table> [(<columns>)] VALUES " -> "COPY <table> [(<columns>)] FROM STDIN"
    QByteArrayView target = insertPrefix.trimmed();
    const bool insert = target.size() > 18 &&
                        target.first(12).compare("INSERT INTO ", Qt::CaseInsensitive) == 0 &&
                        target.last(6).compare("VALUES", Qt::CaseInsensitive) == 0;
    if (!insert)
        return makeError(QStringLiteral("not an INSERT: %1").arg(QString::fromUtf8(insertPrefix)));
    target = target.sliced(12, target.size() - 18).trimmed();
    if (Status started =
            start(m_connection, "COPY " + target.toByteArray() + " FROM STDIN", PGRES_COPY_IN);
        !started)
        return started;
    m_prefix = insertPrefix.toByteArray();
    m_open = true;
    return {};
}

Status PostgresCopy::put(const QByteArray& rows)
{
    if (PQputCopyData(m_connection, rows.constData(), int(rows.size())) == 1)
        return {};
    const QString error = QString::fromUtf8(PQerrorMessage(m_connection)).trimmed();
    static_cast<void>(finish("omupgrade could not send the rows"));
    return makeError(error);
}

Status PostgresCopy::end()
{
    return finish(nullptr);
}

void PostgresCopy::abort()
{
    if (m_open)
        static_cast<void>(finish("cancelled by omupgrade"));
}

Status PostgresCopy::finish(const char* errorToSend)
{
    m_open = false;
    m_prefix.clear();
    const bool ended = PQputCopyEnd(m_connection, errorToSend) == 1;
    QString error;
    while (PGresult* result = PQgetResult(m_connection)) {
        if (PQresultStatus(result) != PGRES_COMMAND_OK && error.isEmpty())
            error = resultError(m_connection, result);
        PQclear(result);
    }
    if (!ended && error.isEmpty())
        error = QString::fromUtf8(PQerrorMessage(m_connection)).trimmed();
    if (!error.isEmpty())
        return makeError(error);
    return {};
}

Status PostgresCopy::readRows(QByteArrayView command,
                              const std::function<Status(QByteArrayView)>& row)
{
    if (!m_connection)
        return makeError(QStringLiteral("the connection is not a libpq connection"));
    if (m_open)
        return makeError(QStringLiteral("a COPY is still open on the connection"));
    if (Status started = start(m_connection, command.toByteArray(), PGRES_COPY_OUT); !started)
        return started;
    Status handled;
    for (;;) {
        char* buffer = nullptr;
        const int size = PQgetCopyData(m_connection, &buffer, 0);
        if (size < 0)
            break; // -1: done; -2: an error, which the result below carries
        // After a refusal the rest is still read: the connection must get past the COPY.
        if (handled)
            handled = row(QByteArrayView(buffer, size));
        PQfreemem(buffer);
    }
    QString error;
    while (PGresult* result = PQgetResult(m_connection)) {
        if (PQresultStatus(result) != PGRES_COMMAND_OK && error.isEmpty())
            error = resultError(m_connection, result);
        PQclear(result);
    }
    if (!error.isEmpty())
        return makeError(error);
    return handled;
}

} // namespace omu

#pragma once

#include "common/Result.h"
#include "connection/DatabaseSession.h"

#include <QByteArray>
#include <QByteArrayView>

#include <functional>

struct pg_conn;

namespace omu {

// Loads a backup's INSERT rows into PostgreSQL with COPY ... FROM STDIN, on the QPSQL
// connection's own libpq handle: the server reads COPY's text rows several times faster
// than it parses the same rows as an INSERT's VALUES, and it reads them while the next
// lines are still being converted. Only plain literals convert (the strings, escape
// strings, numbers, booleans and NULLs a backup holds); a row with anything else is left
// to the INSERT as written.
class PostgresCopy
{
public:
    explicit PostgresCopy(DatabaseSession& session);
    PostgresCopy(const PostgresCopy&) = delete;
    PostgresCopy& operator=(const PostgresCopy&) = delete;
    ~PostgresCopy();

    // Whether the session is a libpq connection COPY can run on.
    bool available() const { return m_connection != nullptr; }

    // Appends the tuples of `values` (from the "(" of the first tuple to the end of the
    // line, without its ";") to `rows` as COPY text rows; false, with `rows` unusable, when
    // a value is not a plain literal.
    static bool appendRows(QByteArray& rows, QByteArrayView values);

    // Starts COPY for `insertPrefix` ("INSERT INTO t (cols) VALUES "), inside whatever
    // transaction the session has open; nothing else may run on the session until end().
    Status begin(QByteArrayView insertPrefix);
    bool isOpen() const { return m_open; }
    const QByteArray& prefix() const { return m_prefix; }
    Status put(const QByteArray& rows);
    // Finishes the COPY; an error leaves the transaction aborted, as a failed INSERT would.
    Status end();
    // Gives up the COPY (the transaction is being rolled back anyway).
    void abort();

    // Runs `command` (a COPY ... TO STDOUT) and hands each text row, with its newline, to
    // `row`; the first error `row` returns ends the reading and is returned.
    Status readRows(QByteArrayView command, const std::function<Status(QByteArrayView)>& row);

private:
    Status finish(const char* errorToSend);

    pg_conn* m_connection = nullptr;
    QByteArray m_prefix;
    bool m_open = false;
};

} // namespace omu

#pragma once

#include "BackupTable.h"
#include "common/CancelToken.h"
#include "common/Result.h"
#include "connection/DatabaseSession.h"

#include <QByteArray>
#include <QList>
#include <QSqlError>

#include <functional>

namespace omu {

// Reads one table's dumped columns, row by row, in bounded memory: PostgreSQL streams one
// forward-only query in the table's physical order (QPSQL fetches row by row); MySQL and
// MariaDB stream one query through the client library (MySqlStream) in the order InnoDB
// stores the rows, or, when that library cannot be reached, are read in key-ordered chunks
// (keyset pagination), because QMYSQL buffers whole results. Every value is read as text the server
// formats, so nothing is lost in conversion. Runs inside whatever transaction the session has open.
class TableReader
{
public:
    struct Row
    {
        QList<QByteArray> values; // one per dumped column; binary columns as hex digits
        QList<bool> nulls;
        qint64 bytes = 0; // of the values, for chunk sizing
    };
    using RowHandler = std::function<Status(const Row&)>;

    // Bytes one MySQL chunk aims at; rows per chunk follow from the average row size.
    static constexpr qint64 chunkBytes = 4 * 1024 * 1024;

    static Status read(DatabaseSession& session, const BackupTable& table,
                       const RowHandler& handler, const CancelToken& cancel);

    // A failed read in words a user can act on: the table dropped or changed under the
    // snapshot, the connection lost, or what the server said.
    static Error failure(const QString& table, const QSqlError& error);

    static Error cancelledError();
    static bool isCancelled(const Error& error);
};

} // namespace omu

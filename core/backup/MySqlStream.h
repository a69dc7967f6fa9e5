#pragma once

#include "common/CancelToken.h"
#include "common/Result.h"
#include "connection/DatabaseSession.h"

#include <QByteArray>

#include <functional>

namespace omu {

// Streams a query's rows from a MySQL or MariaDB server one at a time (mysql_use_result,
// the way mysqldump --quick reads), on the connection handle Qt's QMYSQL driver exposes
// through QSqlDriver::handle(). QMYSQL itself buffers every result in full, and reading a
// table without a primary key in chunks by another key costs one random lookup per row.
// omupgrade links MariaDB Connector/C, the library the driver itself uses, so the handle
// is the same client's; available() is false only for another driver or when
// OMU_MYSQL_KEYSET asks for the chunked reader.
class MySqlStream
{
public:
    // values[i] is null for SQL NULL; lengths[i] its length in bytes. Valid until the next row.
    using RowHandler =
        std::function<Status(const char* const* values, const unsigned long* lengths)>;

    static bool available(DatabaseSession& session);
    // Runs `sql` and hands each row to `handler`. On cancel, an error from the handler, or
    // a failure, the query is stopped on the server (KILL QUERY from a second connection)
    // so that returning takes no longer than it must. `table` names the table in errors.
    static Status run(DatabaseSession& session, const QByteArray& sql, int columns,
                      const RowHandler& handler, const CancelToken& cancel, const QString& table);
};

} // namespace omu

#include "MySqlStream.h"

#include "connection/DatabaseConnector.h"
#include "connection/SessionControl.h"
#include "TableReader.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <mysql.h>

namespace omu {

namespace {

// The MYSQL* of QMYSQL's connection: the driver and omupgrade share the one libmariadb.
MYSQL* connectionHandle(DatabaseSession& session)
{
    const QVariant handle = session.database().driver()->handle();
    // "MYSQL*" or, with MariaDB's headers, the struct's own name.
    if (!handle.isValid() ||
        (qstrcmp(handle.typeName(), "MYSQL*") != 0 && qstrcmp(handle.typeName(), "st_mysql*") != 0))
        return nullptr;
    return *static_cast<MYSQL* const*>(handle.constData());
}

Error failure(MYSQL* mysql, const QString& table)
{
    const QString text = QString::fromUtf8(mysql_error(mysql));
    const QString code = QString::number(mysql_errno(mysql));
    return TableReader::failure(table, QSqlError(QString(), text, QSqlError::StatementError, code));
}

// Stops the running statement from a second connection, so that freeing the result does
// not have to read the rest of the table first.
void killQuery(DatabaseSession& session, unsigned long threadId)
{
    DatabaseConnector::Options options;
    options.readTimeoutSeconds = 10;
    auto other = DatabaseConnector::open(session.profile(), options);
    if (!other)
        return;
    static_cast<void>(SessionControl::cancelStatement(*other.value(), qint64(threadId)));
}

} // namespace

bool MySqlStream::available(DatabaseSession& session)
{
    // OMU_MYSQL_KEYSET: read in chunks anyway (tests exercise that reader this way).
    return session.engine() == Engine::MySql && !qEnvironmentVariableIsSet("OMU_MYSQL_KEYSET") &&
           connectionHandle(session);
}

Status MySqlStream::run(DatabaseSession& session, const QByteArray& sql, int columns,
                        const RowHandler& handler, const CancelToken& cancel, const QString& table)
{
    MYSQL* mysql = connectionHandle(session);
    if (!mysql)
        return makeError(QStringLiteral("the connection is not a MySQL client connection"), table);
    if (mysql_real_query(mysql, sql.constData(), static_cast<unsigned long>(sql.size())) != 0)
        return failure(mysql, table);
    MYSQL_RES* result = mysql_use_result(mysql);
    if (!result)
        return failure(mysql, table);
    if (const int returned = int(mysql_num_fields(result)); returned != columns) {
        killQuery(session, mysql_thread_id(mysql));
        mysql_free_result(result);
        return makeError(QStringLiteral("the server returned %1 columns, %2 were expected")
                             .arg(returned)
                             .arg(columns),
                         table);
    }
    Status stopped;
    while (MYSQL_ROW row = mysql_fetch_row(result)) {
        if (cancel.isCancelled())
            stopped = TableReader::cancelledError();
        else
            stopped = handler(row, mysql_fetch_lengths(result));
        if (!stopped) {
            killQuery(session, mysql_thread_id(mysql));
            mysql_free_result(result);
            return stopped;
        }
    }
    // The end of the rows, or a failure (the connection lost, the query killed).
    const bool failed = mysql_errno(mysql) != 0;
    const Error error = failed ? failure(mysql, table) : Error{};
    mysql_free_result(result);
    if (failed)
        return error;
    return {};
}

} // namespace omu

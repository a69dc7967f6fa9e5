#include "MySqlStream.h"

#include "connection/DatabaseConnector.h"
#include "connection/SessionControl.h"
#include "TableReader.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <dlfcn.h>

namespace omu {

namespace {

// The C client API's types are opaque here: only pointers to them pass through.
struct ClientLibrary
{
    using RealQuery = int (*)(void*, const char*, unsigned long);
    using UseResult = void* (*)(void*);
    using FetchRow = char** (*)(void*);
    using FetchLengths = unsigned long* (*)(void*);
    using NumFields = unsigned int (*)(void*);
    using FreeResult = void (*)(void*);
    using Errno = unsigned int (*)(void*);
    using ErrorText = const char* (*)(void*);
    using ThreadId = unsigned long (*)(void*);

    RealQuery realQuery = nullptr;
    UseResult useResult = nullptr;
    FetchRow fetchRow = nullptr;
    FetchLengths fetchLengths = nullptr;
    NumFields numFields = nullptr;
    FreeResult freeResult = nullptr;
    Errno errorNumber = nullptr;
    ErrorText errorText = nullptr;
    ThreadId threadId = nullptr;
    bool loaded = false;

    static const ClientLibrary& instance()
    {
        static const ClientLibrary library = load();
        return library;
    }

    static ClientLibrary load()
    {
        ClientLibrary library;
        // Only a library the driver has loaded already: the handle belongs to it.
        void* handle = nullptr;
        for (const char* name : {"libmariadb.so.3", "libmysqlclient.so.21", "libmysqlclient.so.18",
                                 "libperconaserverclient.so.21"}) {
            handle = ::dlopen(name, RTLD_NOW | RTLD_NOLOAD);
            if (handle)
                break;
        }
        if (!handle)
            return library;
        auto symbol = [handle](const char* name) { return ::dlsym(handle, name); };
        library.realQuery = reinterpret_cast<RealQuery>(symbol("mysql_real_query"));
        library.useResult = reinterpret_cast<UseResult>(symbol("mysql_use_result"));
        library.fetchRow = reinterpret_cast<FetchRow>(symbol("mysql_fetch_row"));
        library.fetchLengths = reinterpret_cast<FetchLengths>(symbol("mysql_fetch_lengths"));
        library.numFields = reinterpret_cast<NumFields>(symbol("mysql_num_fields"));
        library.freeResult = reinterpret_cast<FreeResult>(symbol("mysql_free_result"));
        library.errorNumber = reinterpret_cast<Errno>(symbol("mysql_errno"));
        library.errorText = reinterpret_cast<ErrorText>(symbol("mysql_error"));
        library.threadId = reinterpret_cast<ThreadId>(symbol("mysql_thread_id"));
        library.loaded = library.realQuery && library.useResult && library.fetchRow &&
                         library.fetchLengths && library.numFields && library.freeResult &&
                         library.errorNumber && library.errorText && library.threadId;
        return library;
    }
};

void* connectionHandle(DatabaseSession& session)
{
    const QVariant handle = session.database().driver()->handle();
    // "MYSQL*" or, with MariaDB's headers, the struct's own name.
    if (!handle.isValid() ||
        (qstrcmp(handle.typeName(), "MYSQL*") != 0 && qstrcmp(handle.typeName(), "st_mysql*") != 0))
        return nullptr;
    return *static_cast<void* const*>(handle.constData());
}

Error failure(const ClientLibrary& client, void* mysql, const QString& table)
{
    const QString text = QString::fromUtf8(client.errorText(mysql));
    const QString code = QString::number(client.errorNumber(mysql));
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
           ClientLibrary::instance().loaded && connectionHandle(session);
}

Status MySqlStream::run(DatabaseSession& session, const QByteArray& sql, int columns,
                        const RowHandler& handler, const CancelToken& cancel, const QString& table)
{
    const ClientLibrary& client = ClientLibrary::instance();
    void* mysql = connectionHandle(session);
    if (!client.loaded || !mysql)
        return makeError(QStringLiteral("the MySQL client library cannot be used directly"), table);
    if (client.realQuery(mysql, sql.constData(), static_cast<unsigned long>(sql.size())) != 0)
        return failure(client, mysql, table);
    void* result = client.useResult(mysql);
    if (!result)
        return failure(client, mysql, table);
    if (const int returned = int(client.numFields(result)); returned != columns) {
        killQuery(session, client.threadId(mysql));
        client.freeResult(result);
        return makeError(QStringLiteral("the server returned %1 columns, %2 were expected")
                             .arg(returned)
                             .arg(columns),
                         table);
    }
    Status stopped;
    while (char** row = client.fetchRow(result)) {
        if (cancel.isCancelled())
            stopped = TableReader::cancelledError();
        else
            stopped = handler(row, client.fetchLengths(result));
        if (!stopped) {
            killQuery(session, client.threadId(mysql));
            client.freeResult(result);
            return stopped;
        }
    }
    // The end of the rows, or a failure (the connection lost, the query killed).
    const bool failed = client.errorNumber(mysql) != 0;
    const Error error = failed ? failure(client, mysql, table) : Error{};
    client.freeResult(result);
    if (failed)
        return error;
    return {};
}

} // namespace omu

#include "SessionControl.h"

#include "common/DisplayText.h"
#include "common/SecretMasker.h"
#include "QueryRows.h"

#include <QSqlDriver>
#include <QVariant>

#include <libpq-fe.h>
#include <mysql.h>
#include <sys/socket.h>

#include <algorithm>

namespace omu {

namespace {

// The connection handle Qt's driver exposes: "PGconn*" or "MYSQL*", or the structs'
// own names (pg_conn, st_mysql) as the client headers spell them.
void* driverHandle(DatabaseSession& session, std::initializer_list<const char*> typeNames)
{
    const QVariant handle = session.database().driver()->handle();
    if (!handle.isValid())
        return nullptr;
    for (const char* name : typeNames)
        if (qstrcmp(handle.typeName(), name) == 0)
            return *static_cast<void* const*>(handle.constData());
    return nullptr;
}

QString shownQuery(const QString& query)
{
    SecretMasker masker;
    return DisplayText::value(masker.mask(query.simplified()), 120);
}

// The first row (id, query) as the holder, if there is one.
void takeFirstHolder(const Result<QueryRows, SqlFailure>& holders, LockWait& wait)
{
    if (!holders || holders.value().isEmpty())
        return;
    wait.holderId = holders.value().first().value(0).toLongLong();
    wait.holderQuery = shownQuery(holders.value().first().value(1));
}

// MySQL / MariaDB: the holder of a metadata lock (LOCK TABLES, DDL) is listed only by the
// metadata_lock_info plugin (the strongest lock in the schema held by someone other than
// session `waiter`); without it, the sessions in the schema are named as candidates.
void findMySqlHolder(DatabaseSession& other, qint64 waiter, const QString& schema, LockWait& wait)
{
    takeFirstHolder(
        queryRows(other,
                  QStringLiteral(
                      "SELECT m.THREAD_ID, p.INFO FROM information_schema.METADATA_LOCK_INFO m "
                      "LEFT JOIN information_schema.PROCESSLIST p ON p.ID = m.THREAD_ID WHERE "
                      "m.THREAD_ID <> ? AND m.TABLE_SCHEMA = ? AND m.LOCK_MODE NOT IN "
                      "('MDL_SHARED', 'MDL_SHARED_READ', 'MDL_INTENTION_EXCLUSIVE') AND "
                      "m.THREAD_ID <> CONNECTION_ID() ORDER BY m.THREAD_ID"),
                  {QVariant(waiter), schema}),
        wait);
    if (wait.holderId > 0)
        return;
    const auto sessions = queryRows(
        other,
        QStringLiteral("SELECT ID, COMMAND, TIME FROM information_schema.PROCESSLIST WHERE DB = ? "
                       "AND ID <> ? AND ID <> CONNECTION_ID() ORDER BY TIME DESC LIMIT 5"),
        {schema, QVariant(waiter)});
    if (sessions) {
        QStringList names;
        for (const QStringList& row : sessions.value())
            names << QStringLiteral("pid %1 (%2, %3 s)")
                         .arg(row.value(0), DisplayText::value(row.value(1), 30), row.value(2));
        wait.candidates = names.join(QStringLiteral(", "));
    }
}

} // namespace

QString LockWait::describe() const
{
    if (holderId > 0)
        return holderQuery.isEmpty()
                   ? QStringLiteral("waiting for a lock held by pid %1").arg(holderId)
                   : QStringLiteral("waiting for a lock held by pid %1 (query %2)")
                         .arg(holderId)
                         .arg(holderQuery);
    QString text = QStringLiteral("waiting for a lock held by another session");
    if (!what.isEmpty())
        text += QStringLiteral(" (%1)").arg(what);
    if (!candidates.isEmpty())
        text += QStringLiteral("; sessions in this database: %1").arg(candidates);
    return text;
}

qint64 SessionControl::serverId(DatabaseSession& session)
{
    const auto id = queryValue(session, session.engine() == Engine::MySql
                                            ? QStringLiteral("SELECT CONNECTION_ID()")
                                            : QStringLiteral("SELECT pg_backend_pid()"));
    return id ? id.value().toLongLong() : 0;
}

int SessionControl::socketDescriptor(DatabaseSession& session)
{
    // The client libraries are the ones Qt's drivers load, so their handles can be used here.
    if (session.engine() == Engine::Postgres) {
        auto* connection = static_cast<PGconn*>(driverHandle(session, {"PGconn*", "pg_conn*"}));
        return connection ? PQsocket(connection) : -1;
    }
    auto* connection = static_cast<MYSQL*>(driverHandle(session, {"MYSQL*", "st_mysql*"}));
    return connection ? static_cast<int>(mysql_get_socket(connection)) : -1;
}

void SessionControl::shutDownSocket(int fd)
{
    if (fd >= 0)
        ::shutdown(fd, SHUT_RDWR);
}

Status SessionControl::cancelStatement(DatabaseSession& other, qint64 id)
{
    const auto done =
        other.engine() == Engine::MySql
            ? queryRows(other, QStringLiteral("KILL QUERY %1").arg(id))
            : queryRows(other, QStringLiteral("SELECT pg_cancel_backend(?)"), {QVariant(id)});
    if (!done)
        return makeError(QStringLiteral("cannot cancel the statement: %1").arg(done.error().text));
    return {};
}

Result<LockWait> SessionControl::lockWait(DatabaseSession& other, qint64 id, const QString& schema)
{
    LockWait wait;
    if (other.engine() == Engine::Postgres) {
        const auto own =
            queryRows(other,
                      QStringLiteral(
                          "SELECT wait_event_type, wait_event FROM pg_stat_activity WHERE pid = ?"),
                      {QVariant(id)});
        if (!own)
            return makeError(own.error().text);
        if (own.value().isEmpty() || own.value().first().value(0) != QLatin1String("Lock"))
            return wait;
        wait.waiting = true;
        wait.what = own.value().first().value(1);
        takeFirstHolder(
            queryRows(other,
                      QStringLiteral("SELECT a.pid, a.query FROM pg_stat_activity a WHERE a.pid = "
                                     "ANY (pg_blocking_pids(?)) ORDER BY a.xact_start NULLS LAST"),
                      {QVariant(id)}),
            wait);
        return wait;
    }

    // MySQL / MariaDB: the session's state says what it waits for.
    const auto own = queryRows(
        other, QStringLiteral("SELECT STATE FROM information_schema.PROCESSLIST WHERE ID = ?"),
        {QVariant(id)});
    if (!own)
        return makeError(own.error().text);
    const QString state = own.value().isEmpty() ? QString() : own.value().first().value(0);
    // A row lock inside InnoDB.
    const auto rowLock =
        queryRows(other,
                  QStringLiteral(
                      "SELECT b.trx_mysql_thread_id, b.trx_query FROM "
                      "information_schema.INNODB_LOCK_WAITS w JOIN information_schema.INNODB_TRX "
                      "r ON r.trx_id = w.requesting_trx_id JOIN information_schema.INNODB_TRX b ON "
                      "b.trx_id = w.blocking_trx_id WHERE r.trx_mysql_thread_id = ?"),
                  {QVariant(id)});
    if (rowLock && !rowLock.value().isEmpty()) {
        wait.waiting = true;
        wait.what = QStringLiteral("a row lock");
        wait.holderId = rowLock.value().first().value(0).toLongLong();
        wait.holderQuery = shownQuery(rowLock.value().first().value(1));
        return wait;
    }
    if (!state.contains(QLatin1String("lock"), Qt::CaseInsensitive))
        return wait;
    wait.waiting = true;
    wait.what = state;
    findMySqlHolder(other, id, schema, wait);
    return wait;
}

Status SessionControl::setLockTimeout(DatabaseSession& session, int seconds)
{
    seconds = std::max(1, seconds);
    const QStringList statements =
        session.engine() == Engine::MySql
            ? QStringList{QStringLiteral("SET SESSION lock_wait_timeout = %1").arg(seconds),
                          QStringLiteral("SET SESSION innodb_lock_wait_timeout = %1").arg(seconds)}
            : QStringList{QStringLiteral("SET lock_timeout = '%1s'").arg(seconds)};
    for (const QString& statement : statements)
        if (const auto done = queryRows(session, statement); !done)
            return makeError(
                QStringLiteral("cannot set the lock timeout: %1").arg(done.error().text),
                session.profile().displayName());
    return {};
}

bool SessionControl::isLockTimeout(const QString& failure)
{
    return failure.contains(QLatin1String("lock timeout"), Qt::CaseInsensitive) ||
           failure.contains(QLatin1String("Lock wait timeout"), Qt::CaseInsensitive) ||
           failure.contains(QLatin1String("55P03")) || failure.contains(QLatin1String("1205"));
}

LockWait SessionControl::lockHolders(DatabaseSession& session, const QString& schema)
{
    LockWait wait;
    wait.waiting = true;
    if (session.engine() == Engine::Postgres) {
        wait.what = QStringLiteral("a table of this database locked exclusively");
        takeFirstHolder(
            queryRows(session,
                      QStringLiteral(
                          "SELECT a.pid, a.query FROM pg_locks l JOIN pg_stat_activity a ON a.pid "
                          "= l.pid WHERE l.locktype = 'relation' AND l.granted AND l.mode = "
                          "'AccessExclusiveLock' AND l.database = (SELECT oid FROM pg_database "
                          "WHERE datname = current_database()) AND a.pid <> pg_backend_pid() "
                          "ORDER BY a.xact_start NULLS LAST")),
            wait);
        return wait;
    }
    findMySqlHolder(session, 0, schema, wait);
    return wait;
}

} // namespace omu

#include "RestoreLock.h"

#include "connection/QueryRows.h"

#include <QCryptographicHash>

namespace omu {

namespace {

// MySQL lock names are at most 64 characters: the schema enters by its hash.
QString mySqlLockName(const QString& schema)
{
    return QStringLiteral("omupgrade-restore:%1")
        .arg(QString::fromLatin1(
            QCryptographicHash::hash(schema.toUtf8(), QCryptographicHash::Md5).toHex()));
}

Error held(DatabaseSession& session, const QString& holder)
{
    return makeError(
        QStringLiteral("another restore into this database is running%1")
            .arg(holder.isEmpty() ? QString()
                                  : QStringLiteral(" (connection %1 holds its lock)").arg(holder)),
        session.profile().displayName(),
        QStringLiteral("Two restores into one database at once would mix their rows. Wait for "
                       "the other one to finish (or end it), then restore again. Nothing was "
                       "run."));
}

} // namespace

Status RestoreLock::take(DatabaseSession& session, const QString& schema)
{
    if (session.engine() == Engine::MySql) {
        const QString name = mySqlLockName(schema);
        const auto got = queryValue(session, QStringLiteral("SELECT GET_LOCK(?, 0)"), {name});
        if (!got)
            return makeError(
                QStringLiteral("cannot take the restore lock: %1").arg(got.error().text),
                session.profile().displayName());
        if (got.value() == QLatin1String("1"))
            return {};
        const auto holder = queryValue(session, QStringLiteral("SELECT IS_USED_LOCK(?)"), {name});
        return held(session, holder ? holder.value() : QString());
    }
    const QString keys = QStringLiteral("hashtext('omupgrade-restore'), hashtext(?)");
    const auto got =
        queryValue(session, QStringLiteral("SELECT pg_try_advisory_lock(%1)").arg(keys), {schema});
    if (!got)
        return makeError(QStringLiteral("cannot take the restore lock: %1").arg(got.error().text),
                         session.profile().displayName());
    if (got.value() == QLatin1String("true") || got.value() == QLatin1String("t") ||
        got.value() == QLatin1String("1"))
        return {};
    // Advisory locks keyed by two integers show them as classid and objid (as oids).
    const auto holder = queryValue(
        session,
        QStringLiteral("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND "
                       "objsubid = 2 AND database = (SELECT oid FROM pg_database WHERE datname = "
                       "current_database()) AND classid::bigint = (hashtext('omupgrade-restore')"
                       "::bigint & 4294967295) AND objid::bigint = (hashtext(?)::bigint & "
                       "4294967295) AND pid <> pg_backend_pid() LIMIT 1"),
        {schema});
    return held(session, holder ? holder.value() : QString());
}

} // namespace omu

#include "QueryRows.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace omu {

SqlFailure SqlFailure::from(const QSqlError& error)
{
    return SqlFailure{error.text(), error.nativeErrorCode()};
}

Result<QueryRows, SqlFailure> queryRows(DatabaseSession& session, const QString& sql,
                                        const QVariantList& bindings)
{
    QSqlQuery query(session.database());
    query.setForwardOnly(true);
    bool ok = false;
    if (bindings.isEmpty()) {
        ok = query.exec(sql);
    } else {
        ok = query.prepare(sql);
        for (const auto& binding : bindings)
            query.addBindValue(binding);
        ok = ok && query.exec();
    }
    if (!ok)
        return SqlFailure::from(query.lastError());
    QueryRows result;
    const int columns = query.record().count();
    while (query.next()) {
        QStringList row;
        for (int i = 0; i < columns; ++i)
            row << (query.isNull(i) ? QString() : query.value(i).toString());
        result << row;
    }
    return result;
}

Result<QString, SqlFailure> queryValue(DatabaseSession& session, const QString& sql,
                                       const QVariantList& bindings)
{
    auto result = queryRows(session, sql, bindings);
    if (!result)
        return result.error();
    if (result.value().isEmpty() || result.value().first().isEmpty())
        return QString();
    return result.value().first().first();
}

Status prepareSession(DatabaseSession& session, const QStringList& statements)
{
    QSqlQuery query(session.database());
    for (const QString& statement : statements)
        if (!query.exec(statement))
            return makeError(QStringLiteral("preparing the session failed: %1")
                                 .arg(query.lastError().text().trimmed()),
                             session.profile().displayName());
    return {};
}

} // namespace omu

#include "TuningSql.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace omu {

Result<TuningSql::Rows, SqlFailure> TuningSql::rows(DatabaseSession& session, const QString& sql,
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
        return SqlFailure{query.lastError().text(), query.lastError().nativeErrorCode()};
    Rows result;
    const int columns = query.record().count();
    while (query.next()) {
        QStringList row;
        for (int i = 0; i < columns; ++i)
            row << (query.isNull(i) ? QString() : query.value(i).toString());
        result << row;
    }
    return result;
}

Result<QString, SqlFailure> TuningSql::value(DatabaseSession& session, const QString& sql,
                                             const QVariantList& bindings)
{
    auto result = rows(session, sql, bindings);
    if (!result)
        return result.error();
    if (result.value().isEmpty() || result.value().first().isEmpty())
        return QString();
    return result.value().first().first();
}

Result<bool, SqlFailure> TuningSql::exec(DatabaseSession& session, const QString& sql)
{
    QSqlQuery query(session.database());
    if (!query.exec(sql))
        return SqlFailure{query.lastError().text(), query.lastError().nativeErrorCode()};
    return true;
}

QString TuningSql::quoteLiteral(const QString& text)
{
    return QLatin1Char('\'') + QString(text).replace(QLatin1Char('\''), QStringLiteral("''")) +
           QLatin1Char('\'');
}

bool TuningSql::isTrue(const QString& value)
{
    return value == QLatin1String("t") || value == QLatin1String("true") ||
           value == QLatin1String("1");
}

} // namespace omu

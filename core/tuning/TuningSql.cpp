#include "TuningSql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace omu {

Result<bool, SqlFailure> TuningSql::exec(DatabaseSession& session, const QString& sql)
{
    QSqlQuery query(session.database());
    if (!query.exec(sql))
        return SqlFailure::from(query.lastError());
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

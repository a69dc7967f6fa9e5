#include "DatabaseSession.h"

namespace omu {

DatabaseSession::DatabaseSession(const ConnectionProfile& profile, QString connectionName)
    : m_profile(profile), m_connectionName(std::move(connectionName))
{
}

DatabaseSession::~DatabaseSession()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase DatabaseSession::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QString DatabaseSession::quoteIdentifier(const QString& name) const
{
    if (m_profile.engine == Engine::MySql)
        return QLatin1Char('`') + QString(name).replace(QLatin1Char('`'), QStringLiteral("``")) +
               QLatin1Char('`');
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
           QLatin1Char('"');
}

} // namespace omu

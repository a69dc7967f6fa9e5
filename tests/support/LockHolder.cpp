#include "LockHolder.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace omu::test {

LockHolder::LockHolder(const ConnectionProfile& profile, const QString& table)
    : m_name(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    const bool mysql = profile.engine == Engine::MySql;
    QSqlDatabase db = QSqlDatabase::addDatabase(
        mysql ? QStringLiteral("QMYSQL") : QStringLiteral("QPSQL"), m_name);
    db.setHostName(profile.host);
    db.setPort(profile.port);
    db.setUserName(profile.user);
    db.setPassword(profile.password);
    db.setDatabaseName(profile.database);
    if (!db.open()) {
        m_error = db.lastError().text();
        return;
    }
    QSqlQuery query(db);
    if (query.exec(mysql ? QStringLiteral("SELECT CONNECTION_ID()")
                         : QStringLiteral("SELECT pg_backend_pid()")) &&
        query.next())
        m_id = query.value(0).toLongLong();
    query.finish();
    const QStringList statements =
        mysql ? QStringList{QStringLiteral("LOCK TABLES %1 WRITE").arg(table)}
              : QStringList{QStringLiteral("BEGIN"),
                            QStringLiteral("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE").arg(table)};
    for (const QString& statement : statements)
        if (!query.exec(statement)) {
            m_error = query.lastError().text();
            return;
        }
}

LockHolder::~LockHolder()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

} // namespace omu::test

#pragma once

#include "ConnectionProfile.h"

#include <QSqlDatabase>
#include <QString>

namespace omu {

// One open connection, owned by the thread that opened it (QSqlDatabase may only be used
// there). Closing and unregistering happen in the destructor, so a worker simply lets
// its session go out of scope.
class DatabaseSession
{
public:
    DatabaseSession(const ConnectionProfile& profile, QString connectionName);
    ~DatabaseSession();
    DatabaseSession(const DatabaseSession&) = delete;
    DatabaseSession& operator=(const DatabaseSession&) = delete;

    QSqlDatabase database() const;
    const ConnectionProfile& profile() const { return m_profile; }
    Engine engine() const { return m_profile.engine; }

    // Quotes a table or column name for this engine: `name` or "name".
    QString quoteIdentifier(const QString& name) const;

private:
    ConnectionProfile m_profile;
    QString m_connectionName;
};

} // namespace omu

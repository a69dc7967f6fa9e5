#pragma once

#include <QJsonObject>
#include <QString>

namespace omu {

// What to do by hand: the SQL for a DBA, the config-file lines that make the value
// survive a restart, and a managed service's parameter-group route.
struct TuningInstructions
{
    QString configFile;    // "my.cnf" or "postgresql.conf"
    QString configSnippet; // "[mysqld]\nsort_buffer_size = 20971520\n" / "work_mem = 20MB\n"
    QString dbaSql;        // statements a privileged user runs to apply
    QString dbaRevertSql;  // and to put the original back
    QString managedRoute;  // "" unless a managed service was recognised

    QJsonObject toJson() const
    {
        return QJsonObject{{QStringLiteral("configFile"), configFile},
                           {QStringLiteral("config"), configSnippet},
                           {QStringLiteral("dbaSql"), dbaSql},
                           {QStringLiteral("dbaRevertSql"), dbaRevertSql},
                           {QStringLiteral("managedRoute"), managedRoute}};
    }
};

} // namespace omu

#pragma once

#include "common/Result.h"
#include "VariableSet.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace omu {

// The database part of a values.yaml for OpenMetadata's Helm chart,
// openmetadata.config.database.{host, port, driverClass, dbScheme, databaseName,
// auth.username, auth.password.secretRef/secretKey, dbParams, dbUseSSL}, turned into
// the environment variables the chart gives the server container (DB_HOST, DB_PORT,
// DB_DRIVER_CLASS, DB_SCHEME, OM_DATABASE, DB_USER, DB_USER_PASSWORD, DB_PARAMS,
// DB_USE_SSL).
//
// A key the file leaves out still reaches the container with the chart's own default
// (host mysql, port 3306, MySQL driver and scheme, openmetadata_db, openmetadata_user,
// password from secret mysql-secrets); those carry the origin "Helm chart default".
// A key set to null or "" is left out of the environment, as the chart does.
// The password lives in a Kubernetes secret and cannot be read from the file:
// DB_USER_PASSWORD is marked unreadable.
class HelmValues
{
public:
    static Result<HelmValues> read(const QString& path);

    QString fileName() const { return m_fileName; }
    void applyTo(VariableSet& variables) const;
    const QStringList& warnings() const { return m_warnings; }

private:
    struct Setting
    {
        QString variable;
        QString value;
        QString origin;
        bool unreadable = false;
        QString hint;
    };

    QString m_fileName;
    QList<Setting> m_settings;
    QStringList m_warnings;
};

} // namespace omu

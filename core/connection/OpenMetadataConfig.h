#pragma once

#include "common/Result.h"

#include <QString>

namespace omu {

// One setting of the database: section, still unexpanded (e.g. "${DB_HOST:-localhost}").
struct ConfigValue
{
    QString text;
    QString origin;       // "openmetadata.yaml:57", or "default" for the stock template
    bool present = false; // the key is in the file
};

// The database: section of OpenMetadata's conf/openmetadata.yaml (driverClass, user,
// password, url), or OpenMetadata's own stock section when the user has no file, so env
// files or Helm values alone resolve exactly as the server would.
class OpenMetadataConfig
{
public:
    static Result<OpenMetadataConfig> read(const QString& path);
    // The database section OpenMetadata ships (1.2+): every value a ${VAR:-default}.
    static OpenMetadataConfig stock();

    bool isStock() const { return m_stock; }
    QString fileName() const { return m_fileName; } // "" for the stock section
    QString sectionOrigin() const { return m_sectionOrigin; }

    const ConfigValue& driverClass() const { return m_driverClass; }
    const ConfigValue& user() const { return m_user; }
    const ConfigValue& password() const { return m_password; }
    const ConfigValue& url() const { return m_url; }

private:
    bool m_stock = false;
    QString m_fileName;
    QString m_sectionOrigin;
    ConfigValue m_driverClass;
    ConfigValue m_user;
    ConfigValue m_password;
    ConfigValue m_url;
};

} // namespace omu

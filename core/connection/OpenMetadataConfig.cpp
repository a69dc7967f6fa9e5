#include "OpenMetadataConfig.h"

#include "YamlDocument.h"

namespace omu {

namespace {

const QString kind = QStringLiteral("OpenMetadata configuration");
const QString stockOrigin = QStringLiteral("default");

Result<ConfigValue> readValue(const YamlDocument& doc, const YAML::Node& section, const char* key)
{
    const auto node = YamlDocument::child(section, key);
    if (!node)
        return ConfigValue{};
    const auto text = YamlDocument::scalar(*node);
    if (!text)
        return makeError(QStringLiteral("database.%1 must be a single value, not a list or mapping")
                             .arg(QString::fromLatin1(key)),
                         doc.where(*node),
                         QStringLiteral("Write it as %1: value, as in OpenMetadata's "
                                        "conf/openmetadata.yaml.")
                             .arg(QString::fromLatin1(key)));
    return ConfigValue{*text, doc.where(*node), true};
}

} // namespace

Result<OpenMetadataConfig> OpenMetadataConfig::read(const QString& path)
{
    auto loaded = YamlDocument::load(path, kind);
    if (!loaded)
        return loaded.error();
    const YamlDocument& doc = loaded.value();
    const QString advice =
        QStringLiteral("OpenMetadata's configuration needs a database: section with driverClass, "
                       "user, password and url; point at the conf/openmetadata.yaml the server "
                       "runs with.");
    if (!doc.root().IsMap())
        return makeError(
            QStringLiteral("the %1 is not a mapping of settings, so it has no database: section")
                .arg(kind),
            doc.where(doc.root()), advice);
    const auto section = YamlDocument::child(doc.root(), "database");
    if (!section)
        return makeError(QStringLiteral("the %1 has no database: section").arg(kind),
                         doc.fileName(), advice);
    if (!section->IsMap())
        return makeError(QStringLiteral("database: must hold driverClass, user, password and url"),
                         doc.where(*section), advice);

    OpenMetadataConfig config;
    config.m_fileName = doc.fileName();
    config.m_sectionOrigin = doc.where(*section);
    struct Target
    {
        const char* key;
        ConfigValue* value;
    };
    const Target targets[] = {{"driverClass", &config.m_driverClass},
                              {"user", &config.m_user},
                              {"password", &config.m_password},
                              {"url", &config.m_url}};
    for (const Target& target : targets) {
        auto value = readValue(doc, *section, target.key);
        if (!value)
            return value.error();
        *target.value = value.value();
    }
    return config;
}

OpenMetadataConfig OpenMetadataConfig::stock()
{
    OpenMetadataConfig config;
    config.m_stock = true;
    config.m_sectionOrigin = stockOrigin;
    config.m_driverClass = {QStringLiteral("${DB_DRIVER_CLASS:-com.mysql.cj.jdbc.Driver}"),
                            stockOrigin, true};
    config.m_user = {QStringLiteral("${DB_USER:-openmetadata_user}"), stockOrigin, true};
    config.m_password = {QStringLiteral("${DB_USER_PASSWORD:-openmetadata_password}"), stockOrigin,
                         true};
    config.m_url = {QStringLiteral("jdbc:${DB_SCHEME:-mysql}://${DB_HOST:-localhost}:"
                                   "${DB_PORT:-3306}/${OM_DATABASE:-openmetadata_db}?"
                                   "${DB_PARAMS:-allowPublicKeyRetrieval=true&useSSL=false&"
                                   "serverTimezone=UTC}"),
                    stockOrigin, true};
    return config;
}

} // namespace omu

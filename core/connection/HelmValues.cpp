#include "HelmValues.h"

#include "YamlDocument.h"

namespace omu {

namespace {

const QString chartDefault = QStringLiteral("Helm chart default");

struct Mapping
{
    const char* path; // below openmetadata.config.database, '.'-separated
    const char* variable;
    const char* chartDefault; // nullptr: the chart sets nothing by default
};

// From the chart's templates and values.yaml (openmetadata-helm-charts, 1.0 to 1.3).
const Mapping mappings[] = {
    {"host", "DB_HOST", "mysql"},
    {"port", "DB_PORT", "3306"},
    {"driverClass", "DB_DRIVER_CLASS", "com.mysql.cj.jdbc.Driver"},
    {"dbScheme", "DB_SCHEME", "mysql"},
    {"databaseName", "OM_DATABASE", "openmetadata_db"},
    {"auth.username", "DB_USER", "openmetadata_user"},
    {"dbParams", "DB_PARAMS", nullptr},
    {"dbUseSSL", "DB_USE_SSL", nullptr},
};

// Recursion rather than a loop: assigning to a yaml-cpp Node rewrites the node it refers
// to instead of rebinding, which would corrupt the document.
std::optional<YAML::Node> childPath(const YAML::Node& node, const QStringList& parts,
                                    qsizetype index = 0)
{
    if (index == parts.size())
        return node;
    const auto next = YamlDocument::child(node, parts.at(index).toUtf8().constData());
    if (!next)
        return std::nullopt;
    return childPath(*next, parts, index + 1);
}

std::optional<YAML::Node> childPath(const YAML::Node& node, const QString& path)
{
    return childPath(node, path.split(QLatin1Char('.')));
}

QString secretHint(const QString& ref, const QString& key)
{
    return QStringLiteral("the Kubernetes secret '%1' (key '%2')").arg(ref, key);
}

} // namespace

Result<HelmValues> HelmValues::read(const QString& path)
{
    const QString kind = QStringLiteral("Helm values file");
    auto loaded = YamlDocument::load(path, kind);
    if (!loaded)
        return loaded.error();
    const YamlDocument& doc = loaded.value();
    HelmValues values;
    values.m_fileName = doc.fileName();
    if (!doc.root().IsMap())
        return makeError(QStringLiteral("the %1 is not a mapping of settings").arg(kind),
                         doc.where(doc.root()),
                         QStringLiteral("Point at the values.yaml given to helm install/upgrade "
                                        "for the openmetadata chart."));

    const auto database = childPath(doc.root(), QStringLiteral("openmetadata.config.database"));
    if (database && !database->IsMap() && !database->IsNull())
        return makeError(QStringLiteral("openmetadata.config.database must be a mapping"),
                         doc.where(*database),
                         QStringLiteral("Indent host, port, auth, ... below database:."));
    if (!database || database->IsNull())
        values.m_warnings.append(
            QStringLiteral("%1 has no openmetadata.config.database section, so the chart's "
                           "defaults apply (host mysql, port 3306, database openmetadata_db)")
                .arg(doc.fileName()));
    const YAML::Node section = database ? *database : YAML::Node();

    for (const Mapping& mapping : mappings) {
        const QString variable = QString::fromLatin1(mapping.variable);
        const auto node = childPath(section, QString::fromLatin1(mapping.path));
        if (!node) {
            if (mapping.chartDefault)
                values.m_settings.append(
                    Setting{variable, QString::fromLatin1(mapping.chartDefault), chartDefault});
            continue;
        }
        const auto text = YamlDocument::scalar(*node);
        if (!text)
            return makeError(
                QStringLiteral("openmetadata.config.database.%1 must be a single value")
                    .arg(QString::fromLatin1(mapping.path)),
                doc.where(*node), QStringLiteral("Write it as key: value."));
        if (!text->trimmed().isEmpty())
            values.m_settings.append(Setting{variable, text->trimmed(), doc.where(*node)});
    }

    const QString passwordVariable = QStringLiteral("DB_USER_PASSWORD");
    const auto password = childPath(section, QStringLiteral("auth.password"));
    if (!password) {
        values.m_settings.append(
            Setting{passwordVariable,
                    {},
                    chartDefault,
                    true,
                    secretHint(QStringLiteral("mysql-secrets"),
                               QStringLiteral("openmetadata-mysql-password"))});
    } else if (password->IsMap()) {
        const auto ref = YamlDocument::child(*password, "secretRef");
        const auto key = YamlDocument::child(*password, "secretKey");
        const QString refText = ref ? YamlDocument::scalar(*ref).value_or(QString()) : QString();
        const QString keyText = key ? YamlDocument::scalar(*key).value_or(QString()) : QString();
        values.m_settings.append(Setting{passwordVariable,
                                         {},
                                         doc.where(ref ? *ref : *password),
                                         true,
                                         secretHint(refText, keyText)});
    } else if (!password->IsNull()) {
        // The chart reads secretRef/secretKey only; a plain value never reaches the server.
        values.m_warnings.append(
            QStringLiteral("%1: auth.password is a plain value, but the chart takes the "
                           "password from a Kubernetes secret (auth.password.secretRef and "
                           "secretKey); the value is ignored")
                .arg(doc.where(*password)));
    }
    return values;
}

void HelmValues::applyTo(VariableSet& variables) const
{
    for (const Setting& setting : m_settings) {
        if (setting.unreadable)
            variables.setUnreadable(setting.variable, setting.origin, setting.hint);
        else
            variables.set(setting.variable, setting.value, setting.origin);
    }
}

} // namespace omu

#include "ConnectionProfile.h"

#include "common/DisplayText.h"

namespace omu {

QString engineName(Engine engine)
{
    switch (engine) {
    case Engine::MySql:
        return QStringLiteral("mysql");
    case Engine::Postgres:
        return QStringLiteral("postgres");
    case Engine::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

std::optional<Engine> engineFromName(const QString& name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == QLatin1String("mysql") || lower == QLatin1String("mariadb"))
        return Engine::MySql;
    if (lower == QLatin1String("postgres") || lower == QLatin1String("postgresql") ||
        lower == QLatin1String("pgsql"))
        return Engine::Postgres;
    return std::nullopt;
}

int defaultPort(Engine engine)
{
    switch (engine) {
    case Engine::MySql:
        return 3306;
    case Engine::Postgres:
        return 5432;
    case Engine::Unknown:
        break;
    }
    return 0;
}

QString tlsModeName(TlsMode mode)
{
    switch (mode) {
    case TlsMode::Default:
        return QStringLiteral("default");
    case TlsMode::Disable:
        return QStringLiteral("disable");
    case TlsMode::Prefer:
        return QStringLiteral("prefer");
    case TlsMode::Require:
        return QStringLiteral("require");
    case TlsMode::VerifyCa:
        return QStringLiteral("verify-ca");
    case TlsMode::VerifyFull:
        return QStringLiteral("verify-full");
    }
    return QStringLiteral("default");
}

std::optional<TlsMode> tlsModeFromName(const QString& name)
{
    const QString lower = name.trimmed().toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
    if (lower == QLatin1String("default") || lower.isEmpty())
        return TlsMode::Default;
    if (lower == QLatin1String("disable") || lower == QLatin1String("disabled") ||
        lower == QLatin1String("false") || lower == QLatin1String("off"))
        return TlsMode::Disable;
    if (lower == QLatin1String("prefer") || lower == QLatin1String("preferred") ||
        lower == QLatin1String("allow"))
        return TlsMode::Prefer;
    if (lower == QLatin1String("require") || lower == QLatin1String("required") ||
        lower == QLatin1String("true") || lower == QLatin1String("on"))
        return TlsMode::Require;
    if (lower == QLatin1String("verify-ca"))
        return TlsMode::VerifyCa;
    if (lower == QLatin1String("verify-full") || lower == QLatin1String("verify-identity"))
        return TlsMode::VerifyFull;
    return std::nullopt;
}

QString ConnectionProfile::effectiveSchema() const
{
    if (engine != Engine::Postgres)
        return {};
    return schema.isEmpty() ? QStringLiteral("public") : schema;
}

QString ConnectionProfile::displayName() const
{
    // Shown in every message: values from files are escaped and cut.
    return QStringLiteral("%1://%2@%3:%4/%5")
        .arg(engineName(engine), DisplayText::value(user, 64), DisplayText::value(host, 100),
             QString::number(port), DisplayText::value(database, 64));
}

QJsonObject ConnectionProfile::toJson() const
{
    QJsonObject paramsJson;
    for (auto it = params.cbegin(); it != params.cend(); ++it)
        paramsJson.insert(it.key(), it.value());
    return QJsonObject{
        {QStringLiteral("engine"), engineName(engine)},
        {QStringLiteral("host"), host},
        {QStringLiteral("port"), port},
        {QStringLiteral("database"), database},
        {QStringLiteral("schema"), effectiveSchema()},
        {QStringLiteral("user"), user},
        {QStringLiteral("password"), password.isEmpty() ? QString() : QStringLiteral("***")},
        {QStringLiteral("params"), paramsJson},
        {QStringLiteral("tls"), QJsonObject{{QStringLiteral("mode"), tlsModeName(tlsMode)},
                                            {QStringLiteral("caFile"), tlsCaFile}}},
        {QStringLiteral("connectTimeoutSeconds"), connectTimeoutSeconds},
    };
}

} // namespace omu

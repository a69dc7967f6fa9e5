#include "JdbcTls.h"

namespace omu {

namespace {

bool isTrue(const QString& value)
{
    return value.trimmed().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

bool isFalse(const QString& value)
{
    return value.trimmed().compare(QLatin1String("false"), Qt::CaseInsensitive) == 0;
}

void fromMySql(const JdbcUrl& url, JdbcTls& tls)
{
    if (const JdbcUrl::Param* sslMode = url.param(QStringLiteral("sslMode"))) {
        tls.decidedBy.append(sslMode->key);
        const auto mode = tlsModeFromName(sslMode->value);
        if (mode && *mode != TlsMode::Default)
            tls.mode = *mode;
        else
            tls.warnings.append(
                QStringLiteral("the JDBC url's sslMode=%1 is not one of DISABLED, PREFERRED, "
                               "REQUIRED, VERIFY_CA, VERIFY_IDENTITY; the driver's default is used")
                    .arg(sslMode->value));
        return;
    }
    const JdbcUrl::Param* useSsl = url.param(QStringLiteral("useSSL"));
    if (!useSsl)
        return;
    tls.decidedBy.append(useSsl->key);
    if (isFalse(useSsl->value)) {
        tls.mode = TlsMode::Disable;
        return;
    }
    if (!isTrue(useSsl->value)) {
        tls.warnings.append(
            QStringLiteral("the JDBC url's useSSL=%1 is neither true nor false; the driver's "
                           "default is used")
                .arg(useSsl->value));
        return;
    }
    tls.mode = TlsMode::Prefer;
    if (const JdbcUrl::Param* require = url.param(QStringLiteral("requireSSL"));
        require && isTrue(require->value)) {
        tls.mode = TlsMode::Require;
        tls.decidedBy.append(require->key);
    }
    if (const JdbcUrl::Param* verify = url.param(QStringLiteral("verifyServerCertificate"));
        verify && isTrue(verify->value)) {
        tls.mode = TlsMode::VerifyCa;
        tls.decidedBy.append(verify->key);
    }
}

void fromPostgres(const JdbcUrl& url, JdbcTls& tls)
{
    if (const JdbcUrl::Param* sslMode = url.param(QStringLiteral("sslmode"))) {
        tls.decidedBy.append(sslMode->key);
        const auto mode = tlsModeFromName(sslMode->value);
        if (mode && *mode != TlsMode::Default)
            tls.mode = *mode;
        else
            tls.warnings.append(
                QStringLiteral("the JDBC url's sslmode=%1 is not one of disable, allow, prefer, "
                               "require, verify-ca, verify-full; the driver's default is used")
                    .arg(sslMode->value));
    } else if (const JdbcUrl::Param* ssl = url.param(QStringLiteral("ssl"))) {
        tls.decidedBy.append(ssl->key);
        tls.mode = isFalse(ssl->value) ? TlsMode::Prefer : TlsMode::VerifyFull;
    }
    if (const JdbcUrl::Param* factory = url.param(QStringLiteral("sslfactory"));
        factory && factory->value.endsWith(QLatin1String("NonValidatingFactory")) &&
        (tls.mode == TlsMode::VerifyCa || tls.mode == TlsMode::VerifyFull)) {
        tls.mode = TlsMode::Require;
        tls.decidedBy.append(factory->key);
    }
    if (const JdbcUrl::Param* rootCert = url.param(QStringLiteral("sslrootcert"))) {
        tls.caFile = rootCert->value;
        tls.decidedBy.append(rootCert->key);
    }
}

} // namespace

JdbcTls JdbcTls::fromUrl(Engine engine, const JdbcUrl& url)
{
    JdbcTls tls;
    if (engine == Engine::MySql)
        fromMySql(url, tls);
    else if (engine == Engine::Postgres)
        fromPostgres(url, tls);
    return tls;
}

} // namespace omu

#include "ConnectionOptions.h"

#include "connection/TextFile.h"

#include <QProcessEnvironment>

namespace omu::cli {

void ConnectionOptions::addTo(QCommandLineParser& parser)
{
    parser.addOptions({
        {QStringLiteral("config"), QStringLiteral("OpenMetadata's openmetadata.yaml."),
         QStringLiteral("file")},
        {QStringLiteral("env-file"),
         QStringLiteral("Docker-style env file; repeatable, later ones win."),
         QStringLiteral("file")},
        {QStringLiteral("helm-values"), QStringLiteral("Helm values of the openmetadata chart."),
         QStringLiteral("file")},
        {QStringLiteral("engine"), QStringLiteral("mysql or postgres."), QStringLiteral("engine")},
        {QStringLiteral("host"), QStringLiteral("Database host."), QStringLiteral("host")},
        {QStringLiteral("port"), QStringLiteral("Database port."), QStringLiteral("port")},
        {QStringLiteral("database"), QStringLiteral("Database name."), QStringLiteral("name")},
        {QStringLiteral("schema"), QStringLiteral("PostgreSQL schema (default public)."),
         QStringLiteral("name")},
        {QStringLiteral("user"), QStringLiteral("Database user."), QStringLiteral("user")},
        {QStringLiteral("password-file"),
         QStringLiteral("File whose first line is the password (or set OMU_DB_PASSWORD)."),
         QStringLiteral("file")},
        {QStringLiteral("tls"),
         QStringLiteral("disable, prefer, require, verify-ca or verify-full."),
         QStringLiteral("mode")},
        {QStringLiteral("tls-ca"), QStringLiteral("CA certificate (PEM) to verify the server."),
         QStringLiteral("file")},
        {QStringLiteral("connect-timeout"),
         QStringLiteral("Seconds to wait for the server (default 10)."), QStringLiteral("seconds")},
    });
}

std::optional<ConnectionSources> ConnectionOptions::read(const QCommandLineParser& parser,
                                                         QString* error)
{
    ConnectionSources sources;
    sources.configFile = parser.value(QStringLiteral("config"));
    sources.envFiles = parser.values(QStringLiteral("env-file"));
    sources.helmValuesFile = parser.value(QStringLiteral("helm-values"));
    const auto environment = QProcessEnvironment::systemEnvironment();
    for (const QString& key : environment.keys())
        sources.environment.insert(key, environment.value(key));

    if (parser.isSet(QStringLiteral("engine"))) {
        const auto engine = engineFromName(parser.value(QStringLiteral("engine")));
        if (!engine) {
            *error = QStringLiteral("--engine must be mysql or postgres, not \"%1\".")
                         .arg(parser.value(QStringLiteral("engine")));
            return std::nullopt;
        }
        sources.engine = engine;
    }
    auto text = [&](const char* name, std::optional<QString>& target) {
        if (parser.isSet(QString::fromLatin1(name)))
            target = parser.value(QString::fromLatin1(name));
    };
    text("host", sources.host);
    text("database", sources.database);
    text("schema", sources.schema);
    text("user", sources.user);
    text("tls-ca", sources.tlsCaFile);

    auto number = [&](const char* name, int low, int high, std::optional<int>& target) {
        if (!parser.isSet(QString::fromLatin1(name)))
            return true;
        bool ok = false;
        const int value = parser.value(QString::fromLatin1(name)).toInt(&ok);
        if (!ok || value < low || value > high) {
            *error = QStringLiteral("--%1 must be a whole number from %2 to %3, not \"%4\".")
                         .arg(QString::fromLatin1(name))
                         .arg(low)
                         .arg(high)
                         .arg(parser.value(QString::fromLatin1(name)));
            return false;
        }
        target = value;
        return true;
    };
    if (!number("port", 1, 65535, sources.port) ||
        !number("connect-timeout", 1, 600, sources.connectTimeoutSeconds))
        return std::nullopt;

    if (parser.isSet(QStringLiteral("tls"))) {
        const auto mode = tlsModeFromName(parser.value(QStringLiteral("tls")));
        if (!mode) {
            *error =
                QStringLiteral(
                    "--tls must be disable, prefer, require, verify-ca or verify-full, not \"%1\".")
                    .arg(parser.value(QStringLiteral("tls")));
            return std::nullopt;
        }
        sources.tlsMode = mode;
    }

    if (parser.isSet(QStringLiteral("password-file"))) {
        const auto password = TextFile::readSecretLine(
            parser.value(QStringLiteral("password-file")), QStringLiteral("password file"));
        if (!password) {
            *error = password.error().toString();
            return std::nullopt;
        }
        sources.password = password.value();
    } else if (environment.contains(QStringLiteral("OMU_DB_PASSWORD"))) {
        sources.password = environment.value(QStringLiteral("OMU_DB_PASSWORD"));
    }
    return sources;
}

} // namespace omu::cli

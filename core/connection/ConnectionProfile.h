#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

namespace omu {

enum class Engine
{
    Unknown,
    MySql,
    Postgres
};

QString engineName(Engine engine);                         // "mysql", "postgres", "unknown"
std::optional<Engine> engineFromName(const QString& name); // mysql/mariadb/postgres/postgresql
int defaultPort(Engine engine);                            // 3306, 5432

// How the client should use TLS. JDBC spells these many ways (useSSL, sslMode, ssl,
// sslmode); the resolver maps them all to this one scale.
enum class TlsMode
{
    Default,
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull
};

QString
tlsModeName(TlsMode mode); // "default", "disable", "prefer", "require", "verify-ca", "verify-full"
std::optional<TlsMode> tlsModeFromName(const QString& name);

// Everything needed to reach the OpenMetadata metadata database. The password is a
// secret: toJson() masks it and nothing in core logs it.
struct ConnectionProfile
{
    Engine engine = Engine::Unknown;
    QString host;
    int port = 0;
    QString database;
    QString schema; // PostgreSQL only; empty means "public"
    QString user;
    QString password;
    QMap<QString, QString> params; // JDBC query parameters as written (useSSL, serverTimezone, ...)
    TlsMode tlsMode = TlsMode::Default;
    QString tlsCaFile;
    int connectTimeoutSeconds = 10;

    QString effectiveSchema() const;
    // "mysql://user@host:port/database" with no password, for messages and logs.
    QString displayName() const;
    // The design's "connection" object; the password is "***" (or "" when none is set).
    QJsonObject toJson() const;

    bool operator==(const ConnectionProfile& other) const = default;
};

} // namespace omu

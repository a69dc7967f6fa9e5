#include "ConnectionFailure.h"

#include "common/DisplayText.h"

#include <QRegularExpression>

namespace omu {

QString ConnectionFailure::kindName(Kind kind)
{
    switch (kind) {
    case Kind::InvalidProfile:
        return QStringLiteral("invalid-profile");
    case Kind::DriverMissing:
        return QStringLiteral("driver-missing");
    case Kind::HostNotFound:
        return QStringLiteral("host-not-found");
    case Kind::Refused:
        return QStringLiteral("refused");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Tls:
        return QStringLiteral("tls");
    case Kind::Authentication:
        return QStringLiteral("authentication");
    case Kind::DatabaseMissing:
        return QStringLiteral("database-missing");
    case Kind::NotOpenMetadata:
        return QStringLiteral("not-openmetadata");
    case Kind::NotDatabase:
        return QStringLiteral("not-a-database");
    case Kind::Locked:
        return QStringLiteral("locked");
    case Kind::Other:
        break;
    }
    return QStringLiteral("other");
}

Error ConnectionFailure::toError() const
{
    Error error;
    error.message = summary;
    error.advice = advice;
    if (!detail.isEmpty())
        error.advice += (error.advice.isEmpty() ? QString() : QStringLiteral("\n")) +
                        QStringLiteral("Server said: ") + detail;
    return error;
}

namespace {

bool has(const QString& text, const char* needle)
{
    return text.contains(QLatin1String(needle), Qt::CaseInsensitive);
}

ConnectionFailure make(ConnectionFailure::Kind kind, QString summary, QString advice,
                       QString detail)
{
    return ConnectionFailure{kind, std::move(summary), std::move(advice), std::move(detail)};
}

} // namespace

ConnectionFailure classifyConnectionError(const ConnectionProfile& profile,
                                          const QString& driverText, const QString& nativeCode)
{
    using Kind = ConnectionFailure::Kind;
    QString detail = driverText.simplified();
    // Qt appends its own "QPSQL: Unable to connect"; the server's words are what help.
    static const QRegularExpression qtSuffix(
        QStringLiteral(R"(\s*Q(?:PSQL|MYSQL)\w*: Unable to connect$)"));
    detail.remove(qtSuffix);
    if (!profile.password.isEmpty())
        detail.replace(profile.password, QStringLiteral("***"));
    detail = DisplayText::value(detail, 500);
    const QString endpoint =
        QStringLiteral("%1:%2").arg(DisplayText::value(profile.host, 100)).arg(profile.port);
    const int code = nativeCode.toInt();

    // MySQL / MariaDB client error numbers (errmsg.h, mysqld_error.h), then PostgreSQL's
    // libpq wording, which carries no code for connection failures.
    if (code == 2005 || has(detail, "could not translate host name") ||
        has(detail, "Unknown MySQL server host") || has(detail, "Name or service not known"))
        return make(Kind::HostNotFound,
                    QStringLiteral("The host name %1 could not be found.")
                        .arg(DisplayText::value(profile.host, 100)),
                    profile.host.contains(QLatin1Char('.'))
                        ? QStringLiteral("Check the spelling of the host, or use its IP address.")
                        : QStringLiteral("\"%1\" looks like a docker-compose service name, which "
                                         "only resolves inside the compose network. From this "
                                         "machine use the database host's address and the port "
                                         "docker publishes (e.g. --host 127.0.0.1).")
                              .arg(DisplayText::value(profile.host, 100)),
                    detail);
    if (code == 2003 || code == 2002 || has(detail, "Connection refused"))
        return make(Kind::Refused,
                    QStringLiteral("Nothing accepted the connection on %1.").arg(endpoint),
                    QStringLiteral("Check that the database server is running and listening on "
                                   "port %1, and that no firewall is in the way.")
                        .arg(profile.port),
                    detail);
    if (code == 2013 || code == 4031 || has(detail, "timeout expired") ||
        has(detail, "timed out") || has(detail, "Lost connection to") ||
        has(detail, "Can't connect to server") || has(detail, "handshake"))
        return make(Kind::Timeout,
                    QStringLiteral("The server at %1 did not answer within %2 seconds.")
                        .arg(endpoint)
                        .arg(profile.connectTimeoutSeconds),
                    QStringLiteral("Check that this is the database port (not a proxy or another "
                                   "service), and that the network lets you reach it."),
                    detail);
    if (has(detail, "no pg_hba.conf entry")) {
        const bool plain = has(detail, "no encryption") || has(detail, "SSL off");
        return make(plain ? Kind::Tls : Kind::Authentication,
                    plain ? QStringLiteral("The server at %1 accepts this user only over TLS, or "
                                           "not from this host.")
                                .arg(endpoint)
                          : QStringLiteral("The server at %1 does not allow user %2 from this "
                                           "host.")
                                .arg(endpoint, DisplayText::value(profile.user, 100)),
                    QStringLiteral("Set the TLS mode to 'require'. If it still fails, ask the "
                                   "database administrator to admit this host in pg_hba.conf."),
                    detail);
    }
    if (code == 2026 || code == 3159 || has(detail, "SSL") || has(detail, "TLS") ||
        has(detail, "no encryption") || has(detail, "certificate"))
        return make(Kind::Tls,
                    QStringLiteral("The secure (TLS) connection to %1 failed.").arg(endpoint),
                    QStringLiteral("Match the TLS mode to the server: if the server requires TLS "
                                   "choose 'require' (and a CA file to verify it); if it does not "
                                   "offer TLS choose 'disable' or 'prefer'."),
                    detail);
    if (code == 1045 || code == 1044 || code == 1130 || code == 1698 ||
        has(detail, "password authentication failed") || has(detail, "Access denied") ||
        has(detail, "role \"") || has(detail, "authentication failed"))
        return make(Kind::Authentication,
                    QStringLiteral("The server refused user %1: wrong user name or password, or "
                                   "this host is not allowed.")
                        .arg(DisplayText::value(profile.user, 100)),
                    QStringLiteral("Check the user and password OpenMetadata uses (DB_USER and "
                                   "DB_USER_PASSWORD in its environment)."),
                    detail);
    if (code == 1049 || (has(detail, "database \"") && has(detail, "does not exist")) ||
        has(detail, "Unknown database"))
        return make(Kind::DatabaseMissing,
                    QStringLiteral("The server has no database named %1.")
                        .arg(DisplayText::value(profile.database, 100)),
                    QStringLiteral("Check the database name (OM_DATABASE, default "
                                   "openmetadata_db)."),
                    detail);
    return make(Kind::Other, QStringLiteral("Could not connect to %1.").arg(endpoint),
                QStringLiteral("Read the server's message below."), detail);
}

std::optional<ConnectionFailure> classifyPortAnswer(const ConnectionProfile& profile,
                                                    const PortProbe& probe,
                                                    const QString& driverDetail)
{
    using Speaks = PortProbe::Speaks;
    const QString engine =
        profile.engine == Engine::Postgres ? QStringLiteral("PostgreSQL") : QStringLiteral("MySQL");
    const QString where = QStringLiteral("Port %1 on %2")
                              .arg(profile.port)
                              .arg(DisplayText::value(profile.host, 100));
    const QString usualPorts =
        QStringLiteral("Use the database's own port: DB_PORT in OpenMetadata's environment, "
                       "usually 3306 for MySQL and 5432 for PostgreSQL.");
    QString summary;
    QString advice;
    switch (probe.speaks) {
    case Speaks::Unknown:
        return std::nullopt;
    case Speaks::MySql:
    case Speaks::Postgres: {
        const bool mysql = probe.speaks == Speaks::MySql;
        if (mysql == (profile.engine == Engine::MySql))
            return std::nullopt; // the expected engine: the driver's own reason stands
        summary =
            QStringLiteral("%1 answers as %2, not %3.")
                .arg(where, mysql ? QStringLiteral("MySQL/MariaDB") : QStringLiteral("PostgreSQL"),
                     engine);
        advice = QStringLiteral("Choose the engine %1, or the port of the %2 server. In "
                                "OpenMetadata's files the JDBC url's scheme (DB_SCHEME) and "
                                "driverClass (DB_DRIVER_CLASS) name the engine.")
                     .arg(mysql ? QStringLiteral("MySQL") : QStringLiteral("PostgreSQL"), engine);
        break;
    }
    case Speaks::Http:
        summary =
            QStringLiteral("%1 answers, but as a web server (HTTP), not %2.").arg(where, engine);
        advice = profile.port == 8585 || profile.port == 8586
                     ? QStringLiteral("%1 is OpenMetadata's own server port (8585 the API and UI, "
                                      "8586 the admin port), not its database. ")
                               .arg(profile.port) +
                           usualPorts
                     : QStringLiteral("This is likely a web application, a proxy or OpenMetadata's "
                                      "own server (8585). ") +
                           usualPorts;
        break;
    case Speaks::Ssh:
        summary = QStringLiteral("%1 answers, but as an SSH server, not %2.").arg(where, engine);
        advice = usualPorts +
                 QStringLiteral(" If the database can only be reached through SSH, open a "
                                "tunnel first (ssh -N -L %1:localhost:%1 you@%2) and connect "
                                "to 127.0.0.1:%1.")
                     .arg(defaultPort(profile.engine))
                     .arg(DisplayText::value(profile.host, 100));
        break;
    case Speaks::Other:
        summary = QStringLiteral("%1 answers, but as another service, not %2.").arg(where, engine);
        advice = usualPorts;
        break;
    }
    // Its own first line, then what the database driver made of it.
    QString detail =
        probe.greeting.isEmpty() ? QString() : QStringLiteral("\"%1\"").arg(probe.greeting);
    if (!driverDetail.isEmpty())
        detail += (detail.isEmpty() ? QString() : QStringLiteral("; the database driver said: ")) +
                  driverDetail;
    return ConnectionFailure{ConnectionFailure::Kind::NotDatabase, summary, advice, detail};
}

} // namespace omu

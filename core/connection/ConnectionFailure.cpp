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
                                .arg(endpoint, profile.user),
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
                        .arg(profile.user),
                    QStringLiteral("Check the user and password OpenMetadata uses (DB_USER and "
                                   "DB_USER_PASSWORD in its environment)."),
                    detail);
    if (code == 1049 || (has(detail, "database \"") && has(detail, "does not exist")) ||
        has(detail, "Unknown database"))
        return make(Kind::DatabaseMissing,
                    QStringLiteral("The server has no database named %1.").arg(profile.database),
                    QStringLiteral("Check the database name (OM_DATABASE, default "
                                   "openmetadata_db)."),
                    detail);
    return make(Kind::Other, QStringLiteral("Could not connect to %1.").arg(endpoint),
                QStringLiteral("Read the server's message below."), detail);
}

} // namespace omu

#include "DatabaseConnector.h"

#include "common/DisplayText.h"

#include <QAtomicInteger>
#include <QEventLoop>
#include <QFileInfo>
#include <QHostAddress>
#include <QHostInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

#include <algorithm>

namespace omu {

namespace {

using Kind = ConnectionFailure::Kind;

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("omupgrade-%1").arg(counter.fetchAndAddRelaxed(1));
}

bool requiresTls(TlsMode mode)
{
    return mode == TlsMode::Require || mode == TlsMode::VerifyCa || mode == TlsMode::VerifyFull;
}

bool isAddressLiteral(const QString& host)
{
    return QHostAddress(host).protocol() != QAbstractSocket::UnknownNetworkLayerProtocol;
}

// getaddrinfo has no time limit of its own; a dead resolver would hang the test button.
std::optional<ConnectionFailure> lookUpHost(const ConnectionProfile& profile)
{
    if (isAddressLiteral(profile.host) || profile.host.startsWith(QLatin1Char('/')))
        return std::nullopt;
    QEventLoop loop;
    QHostInfo answer;
    bool answered = false;
    const int lookupId = QHostInfo::lookupHost(profile.host, &loop, [&](const QHostInfo& info) {
        answer = info;
        answered = true;
        loop.quit();
    });
    QTimer::singleShot(profile.connectTimeoutSeconds * 1000, &loop, &QEventLoop::quit);
    if (!answered)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!answered) {
        QHostInfo::abortHostLookup(lookupId);
        return ConnectionFailure{
            Kind::Timeout,
            QStringLiteral("Looking up the host name %1 took longer than %2 seconds.")
                .arg(profile.host)
                .arg(profile.connectTimeoutSeconds),
            QStringLiteral("Check this machine's DNS settings, or use the server's IP address."),
            {}};
    }
    if (answer.error() == QHostInfo::HostNotFound || answer.addresses().isEmpty()) {
        auto failure = classifyConnectionError(
            profile, QStringLiteral("could not translate host name"), QStringLiteral("2005"));
        failure.detail.clear(); // our own lookup: there is no server message to show
        return failure;
    }
    return std::nullopt;
}

QString mysqlOptions(const ConnectionProfile& profile, const DatabaseConnector::Options& options)
{
    QStringList parts{
        QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=%1").arg(profile.connectTimeoutSeconds),
        QStringLiteral("MYSQL_OPT_READ_TIMEOUT=%1").arg(options.readTimeoutSeconds),
        QStringLiteral("MYSQL_OPT_WRITE_TIMEOUT=%1").arg(options.readTimeoutSeconds),
    };
    if (requiresTls(profile.tlsMode)) {
        parts << QStringLiteral("CLIENT_SSL");
        if (!profile.tlsCaFile.isEmpty())
            parts << QStringLiteral("SSL_CA=%1").arg(profile.tlsCaFile);
    }
    return parts.join(QLatin1Char(';'));
}

QString postgresOptions(const ConnectionProfile& profile, const DatabaseConnector::Options& options)
{
    QStringList parts{
        QStringLiteral("connect_timeout=%1").arg(std::max(2, profile.connectTimeoutSeconds)),
        QStringLiteral("application_name=%1").arg(options.applicationName),
        // Keepalives turn a silently dropped connection into an error instead of a hang.
        QStringLiteral("keepalives=1"),
        QStringLiteral("keepalives_idle=30"),
        QStringLiteral("keepalives_interval=10"),
        QStringLiteral("keepalives_count=3"),
    };
    if (profile.tlsMode != TlsMode::Default)
        parts << QStringLiteral("sslmode=%1").arg(tlsModeName(profile.tlsMode));
    if (!profile.tlsCaFile.isEmpty())
        parts << QStringLiteral("sslrootcert=%1").arg(profile.tlsCaFile);
    return parts.join(QLatin1Char(';'));
}

// What the session needs before anyone uses it; returns a failure when TLS was required
// but the driver quietly connected without it.
std::optional<ConnectionFailure> prepareSession(const ConnectionProfile& profile, QSqlDatabase db)
{
    QSqlQuery query(db);
    if (profile.engine == Engine::MySql) {
        // utf8mb4 or 4-byte characters become '?' or NULL; UTC so timestamps read the same
        // as OpenMetadata's serverTimezone=UTC.
        if (!query.exec(QStringLiteral("SET NAMES utf8mb4")) ||
            !query.exec(QStringLiteral("SET time_zone = '+00:00'")))
            return classifyConnectionError(profile, query.lastError().text(),
                                           query.lastError().nativeErrorCode());
        if (requiresTls(profile.tlsMode) &&
            query.exec(QStringLiteral("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) && query.next() &&
            query.value(1).toString().isEmpty())
            return ConnectionFailure{
                Kind::Tls,
                QStringLiteral("TLS was required but the connection to %1:%2 is not encrypted.")
                    .arg(profile.host)
                    .arg(profile.port),
                QStringLiteral("Enable TLS on the server, or set the TLS mode to 'prefer'."),
                {}};
    } else {
        if (!query.exec(QStringLiteral("SET client_encoding = 'UTF8'")))
            return classifyConnectionError(profile, query.lastError().text(),
                                           query.lastError().nativeErrorCode());
    }
    return std::nullopt;
}

} // namespace

QString DatabaseConnector::driverName(Engine engine)
{
    return engine == Engine::MySql ? QStringLiteral("QMYSQL") : QStringLiteral("QPSQL");
}

std::optional<ConnectionFailure> DatabaseConnector::validate(const ConnectionProfile& profile)
{
    auto invalid = [](const QString& what, const QString& advice) {
        return ConnectionFailure{Kind::InvalidProfile, what, advice, {}};
    };
    if (profile.engine == Engine::Unknown)
        return invalid(QStringLiteral("The database engine is not known."),
                       QStringLiteral("Choose MySQL or PostgreSQL."));
    if (profile.host.trimmed().isEmpty())
        return invalid(QStringLiteral("No database host is set."),
                       QStringLiteral("Enter the host name or IP address of the database server."));
    // A DNS name has at most 253 characters; longer is a file pasted into the field.
    if (profile.host.size() > 253 ||
        std::any_of(profile.host.cbegin(), profile.host.cend(),
                    [](QChar c) { return c.isSpace() || c.category() == QChar::Other_Control; }))
        return invalid(QStringLiteral("The database host %1 is not a host name or address%2.")
                           .arg(DisplayText::value(profile.host, 60),
                                profile.host.size() > 253
                                    ? QStringLiteral(" (a host name has at most 253 characters)")
                                    : QStringLiteral(" (it holds spaces or control characters)")),
                       QStringLiteral("Enter the host name or IP address of the database server."));
    if (profile.port < 1 || profile.port > 65535)
        return invalid(QStringLiteral("The port %1 is not between 1 and 65535.").arg(profile.port),
                       QStringLiteral("Enter the database port (MySQL 3306, PostgreSQL 5432)."));
    if (profile.user.trimmed().isEmpty())
        return invalid(QStringLiteral("No database user is set."),
                       QStringLiteral("Enter the user OpenMetadata connects as."));
    if (profile.database.trimmed().isEmpty())
        return invalid(QStringLiteral("No database name is set."),
                       QStringLiteral("Enter OpenMetadata's database (default openmetadata_db)."));
    if (profile.connectTimeoutSeconds < 1)
        return invalid(QStringLiteral("The connect timeout must be at least one second."), {});
    // Checked here, or the driver reports a missing file as a failed TLS handshake.
    if (!profile.tlsCaFile.isEmpty()) {
        const QFileInfo ca(profile.tlsCaFile);
        const QString shown = DisplayText::value(profile.tlsCaFile);
        if (!ca.exists())
            return invalid(
                QStringLiteral("The CA certificate file %1 does not exist.").arg(shown),
                QStringLiteral("Check the path of the CA certificate (--tls-ca, sslrootcert or "
                               "sslCa in the JDBC url), or leave it out."));
        if (!ca.isFile() || !ca.isReadable())
            return invalid(QStringLiteral("The CA certificate file %1 cannot be read.").arg(shown),
                           QStringLiteral("Point at a PEM file your user can read."));
    }
    return std::nullopt;
}

Result<std::unique_ptr<DatabaseSession>, ConnectionFailure>
DatabaseConnector::open(const ConnectionProfile& requested, const Options& options)
{
    if (auto invalid = validate(requested))
        return *invalid;
    ConnectionProfile profile = requested;
    // JDBC always speaks TCP; the MySQL C client would take "localhost" to mean its unix
    // socket, which is not what OpenMetadata connects to.
    if (profile.engine == Engine::MySql && profile.host == QLatin1String("localhost"))
        profile.host = QStringLiteral("127.0.0.1");

    const QString driver = driverName(profile.engine);
    if (!QSqlDatabase::isDriverAvailable(driver))
        return ConnectionFailure{
            Kind::DriverMissing,
            QStringLiteral("The Qt SQL driver %1 is not installed.").arg(driver),
            profile.engine == Engine::MySql
                ? QStringLiteral("Install it: apt-get install libqt6sql6-mysql")
                : QStringLiteral("Install it: apt-get install libqt6sql6-psql"),
            {}};

    if (auto failure = lookUpHost(profile))
        return *failure;

    const QString name = nextConnectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
        db.setHostName(profile.host);
        db.setPort(profile.port);
        db.setDatabaseName(profile.database);
        db.setUserName(profile.user);
        db.setPassword(profile.password);
        db.setConnectOptions(profile.engine == Engine::MySql ? mysqlOptions(profile, options)
                                                             : postgresOptions(profile, options));
        if (!db.open()) {
            const QSqlError error = db.lastError();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return classifyConnectionError(profile, error.text(), error.nativeErrorCode());
        }
    }
    auto session = std::make_unique<DatabaseSession>(requested, name);
    if (auto failure = prepareSession(profile, session->database()))
        return *failure;
    return session;
}

} // namespace omu

#include "TestServers.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace omu::test {

namespace {

QString prefixFor(Engine engine)
{
    return engine == Engine::MySql ? QStringLiteral("OMU_TEST_MARIADB_")
                                   : QStringLiteral("OMU_TEST_PG_");
}

QString defaultDatabase(Engine engine)
{
    return engine == Engine::MySql ? QString() : QStringLiteral("postgres");
}

} // namespace

std::optional<ConnectionProfile> TestServers::admin(Engine engine, const QString& database)
{
    const QString prefix = prefixFor(engine);
    const QString port = qEnvironmentVariable(qPrintable(prefix + QStringLiteral("PORT")));
    if (port.isEmpty())
        return std::nullopt;
    ConnectionProfile profile;
    profile.engine = engine;
    profile.host = qEnvironmentVariable(qPrintable(prefix + QStringLiteral("HOST")));
    profile.port = port.toInt();
    profile.user = qEnvironmentVariable(qPrintable(prefix + QStringLiteral("USER")));
    profile.password = qEnvironmentVariable(qPrintable(prefix + QStringLiteral("PASSWORD")));
    profile.database = database.isEmpty() ? defaultDatabase(engine) : database;
    profile.connectTimeoutSeconds = 10;
    return profile;
}

QString TestServers::unavailableMessage(Engine engine)
{
    return QStringLiteral("no %1 test server: run the tests through scripts/test, which starts "
                          "one and sets %2*")
        .arg(engineName(engine), prefixFor(engine));
}

QString TestServers::uniqueName(const QString& prefix)
{
    static QAtomicInt counter;
    return QStringLiteral("%1_%2_%3")
        .arg(prefix)
        .arg(QCoreApplication::applicationPid())
        .arg(counter.fetchAndAddOrdered(1));
}

QSqlDatabase TestServers::open(Engine engine, const QString& database, QString* error)
{
    const auto profile = admin(engine, database);
    if (!profile) {
        if (error)
            *error = unavailableMessage(engine);
        return {};
    }
    return open(*profile, error);
}

QSqlDatabase TestServers::open(const ConnectionProfile& profile, QString* error)
{
    const Engine engine = profile.engine;
    const QString name = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlDatabase db = QSqlDatabase::addDatabase(
        engine == Engine::MySql ? QStringLiteral("QMYSQL") : QStringLiteral("QPSQL"), name);
    db.setHostName(profile.host);
    db.setPort(profile.port);
    db.setUserName(profile.user);
    db.setPassword(profile.password);
    db.setDatabaseName(profile.database);
    db.setConnectOptions(engine == Engine::MySql ? QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=10")
                                                 : QStringLiteral("connect_timeout=10"));
    if (!db.open()) {
        if (error)
            *error = db.lastError().text();
        db = {};
        QSqlDatabase::removeDatabase(name);
        return {};
    }
    if (engine == Engine::MySql)
        QSqlQuery(db).exec(QStringLiteral("SET NAMES utf8mb4"));
    return db;
}

bool TestServers::exec(Engine engine, const QString& database, const QString& sql, QString* error)
{
    const auto profile = admin(engine, database);
    if (!profile) {
        if (error)
            *error = unavailableMessage(engine);
        return false;
    }
    return exec(*profile, sql, error);
}

bool TestServers::exec(const ConnectionProfile& profile, const QString& sql, QString* error)
{
    bool ok = false;
    QString connectionName;
    {
        QSqlDatabase db = open(profile, error);
        if (!db.isOpen())
            return false;
        connectionName = db.connectionName();
        QSqlQuery query(db);
        ok = query.exec(sql);
        if (!ok && error)
            *error = query.lastError().text();
    }
    QSqlDatabase::removeDatabase(connectionName);
    return ok;
}

bool TestServers::createDatabase(Engine engine, const QString& name, QString* error)
{
    const auto server = admin(engine);
    if (!server) {
        if (error)
            *error = unavailableMessage(engine);
        return false;
    }
    return createDatabase(*server, name, error);
}

bool TestServers::createDatabase(const ConnectionProfile& server, const QString& name,
                                 QString* error)
{
    const Engine engine = server.engine;
    const QString sql = engine == Engine::MySql
                            ? QStringLiteral("CREATE DATABASE `%1` CHARACTER SET utf8mb4 "
                                             "COLLATE utf8mb4_unicode_ci")
                                  .arg(name)
                            : QStringLiteral("CREATE DATABASE \"%1\" ENCODING 'UTF8'").arg(name);
    ConnectionProfile maintenance = server;
    maintenance.database = defaultDatabase(engine);
    return exec(maintenance, sql, error);
}

bool TestServers::dropDatabase(Engine engine, const QString& name, QString* error)
{
    const QString sql =
        engine == Engine::MySql
            ? QStringLiteral("DROP DATABASE IF EXISTS `%1`").arg(name)
            : QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(name);
    return exec(engine, {}, sql, error);
}

bool TestServers::createMySqlUser(const QString& user, const QString& password,
                                  const QString& database, QString* error)
{
    const QString quoted = QString(password).replace(QLatin1Char('\''), QStringLiteral("''"));
    return exec(Engine::MySql, {},
                QStringLiteral("CREATE USER '%1'@'%' IDENTIFIED BY '%2'").arg(user, quoted),
                error) &&
           exec(Engine::MySql, {},
                QStringLiteral("GRANT ALL PRIVILEGES ON `%1`.* TO '%2'@'%'").arg(database, user),
                error);
}

void TestServers::dropMySqlUser(const QString& user)
{
    if (!user.isEmpty())
        exec(Engine::MySql, {}, QStringLiteral("DROP USER IF EXISTS '%1'@'%'").arg(user));
}

QString TestServers::freshValue(const ConnectionProfile& profile, const QString& sql)
{
    const QString name = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(
            profile.engine == Engine::MySql ? QStringLiteral("QMYSQL") : QStringLiteral("QPSQL"),
            name);
        db.setHostName(profile.host);
        db.setPort(profile.port);
        db.setUserName(profile.user);
        db.setPassword(profile.password);
        db.setDatabaseName(profile.database);
        if (!db.open()) {
            result = QStringLiteral("<cannot connect: %1>").arg(db.lastError().text());
        } else {
            QSqlQuery query(db);
            if (!query.exec(sql))
                result = QStringLiteral("<failed: %1>").arg(query.lastError().text());
            else if (query.next())
                result = query.isNull(0) ? QStringLiteral("<null>") : query.value(0).toString();
            else
                result = QStringLiteral("<no row>");
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace omu::test

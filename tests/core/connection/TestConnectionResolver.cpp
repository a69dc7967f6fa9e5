#include "connection/ConnectionResolver.h"
#include "connection/DatabaseConnector.h"
#include "connection/EnvFile.h"
#include "connection/JdbcUrl.h"
#include "connection/TextFile.h"
#include "connection/VariableExpander.h"
#include "connection/VariableSet.h"
#include "TestData.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace omu;

namespace {

QString data(const QString& name)
{
    return test::dataPath(QStringLiteral("connection/") + name);
}

// Writes name in dir with content and returns its path.
QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content);
    return path;
}

// An openmetadata.yaml whose database section has the given url (line 5).
QByteArray configWithUrl(const QByteArray& url, const QByteArray& driverClass = {})
{
    QByteArray text = "# test\nclusterName: openmetadata\ndatabase:\n";
    text += "  user: openmetadata_user\n";
    text += "  url: " + url + "\n";
    text += "  password: ${DB_USER_PASSWORD:-openmetadata_password}\n";
    if (!driverClass.isEmpty())
        text += "  driverClass: " + driverClass + "\n";
    return text;
}

// "A=1;B=2" -> variables with origin "test (A)".
VariableSet variablesFrom(const QString& spec)
{
    VariableSet variables;
    for (const QString& pair : spec.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        const QString name = pair.left(equals);
        variables.set(name, pair.mid(equals + 1), QStringLiteral("test (%1)").arg(name));
    }
    return variables;
}

QString everything(const ResolvedConnection& resolved)
{
    return resolved.warnings.join(QLatin1Char('\n')) + QLatin1Char('\n') +
           QString::fromUtf8(QJsonDocument(resolved.profile.toJson()).toJson()) +
           QStringList(resolved.origins.values()).join(QLatin1Char('\n'));
}

} // namespace

class TestConnectionResolver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ${VAR:-default}
    void expandsVariables_data();
    void expandsVariables();
    void tracesWhereEachPartCameFrom();

    // JDBC urls
    void parsesJdbcUrls_data();
    void parsesJdbcUrls();
    void rejectsMalformedJdbcUrls_data();
    void rejectsMalformedJdbcUrls();
    void mapsTlsParameters_data();
    void mapsTlsParameters();
    void malformedUrlInConfigNamesFileAndLine();

    // env files
    void readsEnvFileForms_data();
    void readsEnvFileForms();
    void rejectsMalformedEnvLines_data();
    void rejectsMalformedEnvLines();

    // whole resolution
    void resolvesStockTemplateWithNoSources();
    void resolvesOpenMetadata11Config();
    void resolvesOpenMetadata12WithMysqlEnvFile();
    void resolvesPostgresEnvFile();
    void laterEnvFileWins();
    void processEnvironmentIsBelowEnvFiles();
    void helmValuesAlone();
    void helmValuesOverEnvFiles();
    void helmChartDefaultsFillGaps();
    void helmDbUseSslFeedsOldConfig();
    void explicitOverridesEverything();
    void explicitCoversUnresolvableVariable();
    void unresolvedVariableNamesFileLineAndVariable_data();
    void unresolvedVariableNamesFileLineAndVariable();
    void malformedYamlNamesFileAndLine();
    void missingDatabaseSection();
    void rejectsUnusableFiles_data();
    void rejectsUnusableFiles();
    void driverAndSchemeMustAgree();
    void unknownDriverClass();
    void rejectsBadPorts_data();
    void rejectsBadPorts();
    void rejectsBadExplicitPort();
    void warnsAboutPostgresOnMysqlPort();
    void passwordNeverAppearsInMessages();
    void passwordInUrlIsNotKeptInParams();
    void quotedPasswordDefault();
    void connectTimeout();

    // hostile and unlucky input
    void duplicateKeyNamesBothLines_data();
    void duplicateKeyNamesBothLines();
    void devicesEndWithAnErrorNotAnExhaustedMemory_data();
    void devicesEndWithAnErrorNotAnExhaustedMemory();
    void fifoWithoutWriterTimesOut();
    void pipesLikeProcessSubstitutionWork();
    void passwordFileMustHoldAPassword();
    void unclosedVariableSaysSo();
    void controlCharactersAndHugeValuesAreShownSafely();
    void missingCaFileIsNamed();
};

// ---------------------------------------------------------------- ${VAR:-default}

void TestConnectionResolver::expandsVariables_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("variables");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("unresolved");

    QTest::newRow("default used") << "${DB_HOST:-localhost}"
                                  << ""
                                  << "localhost" << QStringList();
    QTest::newRow("set wins over default") << "${DB_HOST:-localhost}"
                                           << "DB_HOST=mysql"
                                           << "mysql" << QStringList();
    QTest::newRow("plain ${VAR}") << "${DB_HOST}"
                                  << "DB_HOST=db1"
                                  << "db1" << QStringList();
    QTest::newRow("empty default ${VAR:-}") << "a${AUTHENTICATION_LDAP_HOST:-}b"
                                            << ""
                                            << "ab" << QStringList();
    QTest::newRow("quoted default, leading space") << "${SEARCH_TYPE:- \"elasticsearch\"}"
                                                   << ""
                                                   << "elasticsearch" << QStringList();
    QTest::newRow("single-quoted default") << "${X:-'a b'}"
                                           << ""
                                           << "a b" << QStringList();
    QTest::newRow("empty quoted default") << "${CLIENT_ID:-\"\"}"
                                          << ""
                                          << "" << QStringList();
    QTest::newRow("list default") << "${AUTHORIZER_ADMIN_PRINCIPALS:-[admin]}"
                                  << ""
                                  << "[admin]" << QStringList();
    QTest::newRow("list of quoted strings default") << "${DOMAINS:-[\"all\"]}"
                                                    << ""
                                                    << "[\"all\"]" << QStringList();
    QTest::newRow("several in one scalar")
        << "jdbc:${DB_SCHEME:-mysql}://${DB_HOST:-localhost}:${DB_PORT:-3306}/"
           "${OM_DATABASE:-openmetadata_db}?${DB_PARAMS:-useSSL=false&serverTimezone=UTC}"
        << "DB_HOST=h;DB_PORT=3307"
        << "jdbc:mysql://h:3307/openmetadata_db?useSSL=false&serverTimezone=UTC" << QStringList();
    QTest::newRow("set but empty beats default (as the server does)")
        << "[${DB_PARAMS:-useSSL=false}]"
        << "DB_PARAMS="
        << "[]" << QStringList();
    QTest::newRow("nested default") << "${A:-${B:-b}}"
                                    << ""
                                    << "b" << QStringList();
    QTest::newRow("escaped $${VAR}") << "$${DB_HOST}"
                                     << "DB_HOST=x"
                                     << "${DB_HOST}" << QStringList();
    QTest::newRow("unclosed brace stays text") << "abc${DB_HOST"
                                               << "DB_HOST=x"
                                               << "abc${DB_HOST" << QStringList();
    QTest::newRow("unset without default")
        << "h=${DB_HOST}:${DB_PORT:-1}/${OM_DATABASE}"
        << ""
        << "h=:1/" << QStringList{QStringLiteral("DB_HOST"), QStringLiteral("OM_DATABASE")};
}

void TestConnectionResolver::expandsVariables()
{
    QFETCH(QString, text);
    QFETCH(QString, variables);
    QFETCH(QString, expected);
    QFETCH(QStringList, unresolved);
    const VariableSet set = variablesFrom(variables);
    const Expansion expansion = VariableExpander(set).expand(text);
    QCOMPARE(expansion.text, expected);
    QCOMPARE(expansion.unresolved(), unresolved);
}

void TestConnectionResolver::tracesWhereEachPartCameFrom()
{
    const VariableSet set = variablesFrom(QStringLiteral("DB_HOST=mysql"));
    const Expansion e = VariableExpander(set).expand(
        QStringLiteral("jdbc:mysql://${DB_HOST:-localhost}:${DB_PORT:-3306}/${OM_DATABASE}"));
    QCOMPARE(e.text, QStringLiteral("jdbc:mysql://mysql:3306/"));
    // "mysql" at 13..18 came from DB_HOST; the port from the file's default.
    QCOMPARE(e.variableOriginsIn(13, 5), QStringList{QStringLiteral("test (DB_HOST)")});
    QVERIFY(e.variableOriginsIn(19, 4).isEmpty());
    // The empty database part still finds the unset variable behind it.
    QCOMPARE(e.unresolvedIn(24, 0), QStringList{QStringLiteral("OM_DATABASE")});
    QVERIFY(e.unresolvedIn(13, 5).isEmpty());
}

// ---------------------------------------------------------------- JDBC urls

void TestConnectionResolver::parsesJdbcUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("params"); // key=value;...

    QTest::newRow("mysql with params")
        << "jdbc:mysql://mysql:3306/openmetadata_db?allowPublicKeyRetrieval=true&useSSL=false&"
           "serverTimezone=UTC"
        << "mysql"
        << "mysql"
        << "3306"
        << "openmetadata_db"
        << "allowPublicKeyRetrieval=true;useSSL=false;serverTimezone=UTC";
    QTest::newRow("mysql without port") << "jdbc:mysql://db.local/om?useSSL=true"
                                        << "mysql"
                                        << "db.local"
                                        << ""
                                        << "om"
                                        << "useSSL=true";
    QTest::newRow("mysql without params") << "jdbc:mysql://10.0.0.5:3307/om"
                                          << "mysql"
                                          << "10.0.0.5"
                                          << "3307"
                                          << "om"
                                          << "";
    QTest::newRow("postgres with currentSchema")
        << "jdbc:postgresql://pg:5432/openmetadata_db?currentSchema=om&sslmode=require"
        << "postgresql"
        << "pg"
        << "5432"
        << "openmetadata_db"
        << "currentSchema=om;sslmode=require";
    QTest::newRow("postgres without port") << "jdbc:postgresql://pg.example.com/om"
                                           << "postgresql"
                                           << "pg.example.com"
                                           << ""
                                           << "om"
                                           << "";
    QTest::newRow("IPv6 with port") << "jdbc:mysql://[::1]:3306/om?useSSL=false"
                                    << "mysql"
                                    << "::1"
                                    << "3306"
                                    << "om"
                                    << "useSSL=false";
    QTest::newRow("IPv6 without port") << "jdbc:postgresql://[fe80::1%25eth0]/om"
                                       << "postgresql"
                                       << "fe80::1%25eth0"
                                       << ""
                                       << "om"
                                       << "";
    QTest::newRow("value with '=' kept as written")
        << "jdbc:mysql://h:1/d?sessionVariables=sql_mode='ANSI'&x="
        << "mysql"
        << "h"
        << "1"
        << "d"
        << "sessionVariables=sql_mode='ANSI';x=";
}

void TestConnectionResolver::parsesJdbcUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, scheme);
    QFETCH(QString, host);
    QFETCH(QString, port);
    QFETCH(QString, database);
    QFETCH(QString, params);
    const auto parsed = JdbcUrl::parse(url);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().toString()));
    QCOMPARE(parsed->scheme, scheme);
    QCOMPARE(parsed->host, host);
    QCOMPARE(parsed->port, port);
    QCOMPARE(parsed->portSpan.present(), !port.isEmpty());
    QCOMPARE(parsed->database, database);
    QStringList written;
    for (const JdbcUrl::Param& param : parsed->params) {
        written.append(param.key + QLatin1Char('=') + param.value);
        QCOMPARE(url.mid(param.span.start, param.span.length), written.last());
    }
    QCOMPARE(written.join(QLatin1Char(';')), params);
    QCOMPARE(url.mid(parsed->hostSpan.start, parsed->hostSpan.length), host);
}

void TestConnectionResolver::rejectsMalformedJdbcUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not jdbc") << "mysql://h:3306/db"
                              << "does not start with jdbc:";
    QTest::newRow("no slashes") << "jdbc:mysql:h:3306/db"
                                << "no '://'";
    QTest::newRow("unclosed IPv6") << "jdbc:mysql://[::1:3306/db"
                                   << "no closing ']'";
    QTest::newRow("IPv6 without brackets") << "jdbc:mysql://::1:3306/db"
                                           << "in brackets";
    QTest::newRow("empty") << ""
                           << "empty";
}

void TestConnectionResolver::rejectsMalformedJdbcUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, reason);
    const auto parsed = JdbcUrl::parse(url);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().message.contains(reason), qPrintable(parsed.error().message));
    QVERIFY(!parsed.error().advice.isEmpty());
}

void TestConnectionResolver::mapsTlsParameters_data()
{
    QTest::addColumn<QByteArray>("url");
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("tls");
    QTest::addColumn<QString>("caFile");
    QTest::addColumn<QString>("schema");

    QTest::newRow("mysql useSSL=false")
        << QByteArray("jdbc:mysql://h:3306/db?useSSL=false") << "mysql"
        << "disable"
        << ""
        << "public";
    QTest::newRow("mysql useSSL=true") << QByteArray("jdbc:mysql://h/db?useSSL=true") << "mysql"
                                       << "prefer"
                                       << ""
                                       << "";
    QTest::newRow("mysql useSSL+requireSSL")
        << QByteArray("jdbc:mysql://h/db?useSSL=true&requireSSL=true") << "mysql"
        << "require"
        << ""
        << "";
    QTest::newRow("mysql useSSL+verifyServerCertificate")
        << QByteArray("jdbc:mysql://h/db?useSSL=true&verifyServerCertificate=true") << "mysql"
        << "verify-ca"
        << ""
        << "";
    QTest::newRow("mysql sslMode=REQUIRED beats useSSL=false")
        << QByteArray("jdbc:mysql://h/db?useSSL=false&sslMode=REQUIRED") << "mysql"
        << "require"
        << ""
        << "";
    QTest::newRow("mysql sslMode=VERIFY_CA")
        << QByteArray("jdbc:mysql://h/db?sslMode=VERIFY_CA") << "mysql"
        << "verify-ca"
        << ""
        << "";
    QTest::newRow("mysql sslMode=VERIFY_IDENTITY")
        << QByteArray("jdbc:mysql://h/db?sslMode=VERIFY_IDENTITY") << "mysql"
        << "verify-full"
        << ""
        << "";
    QTest::newRow("mysql sslMode=DISABLED")
        << QByteArray("jdbc:mysql://h/db?sslMode=DISABLED") << "mysql"
        << "disable"
        << ""
        << "";
    QTest::newRow("mysql no TLS parameter") << QByteArray("jdbc:mysql://h/db") << "mysql"
                                            << "default"
                                            << ""
                                            << "";
    QTest::newRow("postgres ssl=true")
        << QByteArray("jdbc:postgresql://h/db?ssl=true") << "postgres"
        << "verify-full"
        << ""
        << "public";
    QTest::newRow("postgres ssl=true, non-validating")
        << QByteArray("jdbc:postgresql://h/db?ssl=true&sslfactory=org.postgresql.ssl."
                      "NonValidatingFactory")
        << "postgres"
        << "require"
        << ""
        << "public";
    QTest::newRow("postgres sslmode=require")
        << QByteArray("jdbc:postgresql://h/db?sslmode=require") << "postgres"
        << "require"
        << ""
        << "public";
    QTest::newRow("postgres verify-full with root cert")
        << QByteArray("jdbc:postgresql://h:5433/db?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem")
        << "postgres"
        << "verify-full"
        << "/etc/ssl/ca.pem"
        << "public";
    QTest::newRow("postgres sslmode=disable + currentSchema")
        << QByteArray("jdbc:postgresql://h/db?sslmode=disable&currentSchema=om,public")
        << "postgres"
        << "disable"
        << ""
        << "om";
    QTest::newRow("postgres ignores MySQL's useSSL")
        << QByteArray("jdbc:postgresql://h/db?useSSL=true") << "postgres"
        << "default"
        << ""
        << "public";
}

void TestConnectionResolver::mapsTlsParameters()
{
    QFETCH(QByteArray, url);
    QFETCH(QString, engine);
    QFETCH(QString, tls);
    QFETCH(QString, caFile);
    QFETCH(QString, schema);
    QTemporaryDir dir;
    ConnectionSources sources;
    sources.configFile = writeFile(dir, QStringLiteral("openmetadata.yaml"), configWithUrl(url));
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().toString()));
    const ConnectionProfile& profile = resolved->profile;
    QCOMPARE(engineName(profile.engine), engine);
    QCOMPARE(tlsModeName(profile.tlsMode), tls);
    QCOMPARE(profile.tlsCaFile, caFile);
    QCOMPARE(profile.effectiveSchema(), engine == QLatin1String("mysql") ? QString() : schema);
    QCOMPARE(resolved->origins.value(QStringLiteral("tls")),
             tls == QLatin1String("default") ? QStringLiteral("default")
                                             : QStringLiteral("openmetadata.yaml:5"));
    QCOMPARE(profile.port, url.contains(":5433")              ? 5433
                           : engine == QLatin1String("mysql") ? 3306
                                                              : 5432);
}

void TestConnectionResolver::malformedUrlInConfigNamesFileAndLine()
{
    QTemporaryDir dir;
    ConnectionSources sources;
    sources.configFile = writeFile(dir, QStringLiteral("om.yaml"),
                                   configWithUrl("jdbc:mysql:localhost:3306/openmetadata_db"));
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY(!resolved.ok());
    QCOMPARE(resolved.error().where, QStringLiteral("om.yaml:5"));
    QVERIFY(resolved.error().message.contains(QLatin1String("malformed")));
}

// ---------------------------------------------------------------- env files

void TestConnectionResolver::readsEnvFileForms_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");

    QTest::newRow("KEY=value") << QByteArray("DB_HOST=mysql") << "DB_HOST"
                               << "mysql";
    QTest::newRow("double quotes") << QByteArray("DB_HOST=\"my sql\"") << "DB_HOST"
                                   << "my sql";
    QTest::newRow("single quotes") << QByteArray("DB_PARAMS='a=1&b=\"2\"'") << "DB_PARAMS"
                                   << "a=1&b=\"2\"";
    QTest::newRow("export") << QByteArray("export DB_PORT=3307") << "DB_PORT"
                            << "3307";
    QTest::newRow("inline comment") << QByteArray("DB_HOST=mysql   # the bundled one") << "DB_HOST"
                                    << "mysql";
    QTest::newRow("hash without blank is data") << QByteArray("DB_USER=om#1") << "DB_USER"
                                                << "om#1";
    QTest::newRow("hash inside quotes is data")
        << QByteArray("DB_USER=\"om # 1\" # comment") << "DB_USER"
        << "om # 1";
    QTest::newRow("escaped quote") << QByteArray("DB_USER=\"a\\\"b\"") << "DB_USER"
                                   << "a\"b";
    QTest::newRow("empty value") << QByteArray("DB_PARAMS=") << "DB_PARAMS"
                                 << "";
    QTest::newRow("blanks around =") << QByteArray("DB_HOST = mysql") << "DB_HOST"
                                     << "mysql";
    QTest::newRow("CRLF line end") << QByteArray("DB_HOST=mysql\r") << "DB_HOST"
                                   << "mysql";
}

void TestConnectionResolver::readsEnvFileForms()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, key);
    QFETCH(QString, value);
    const QString text = QStringLiteral("# comment\n\n") + QString::fromUtf8(line) +
                         QStringLiteral("\nPASS_THROUGH\n");
    const auto file = EnvFile::parse(text, QStringLiteral("docker.env"));
    QVERIFY2(file.ok(), qPrintable(file.ok() ? QString() : file.error().toString()));
    QCOMPARE(file->entries().size(), 1);
    QCOMPARE(file->entries().first().key, key);
    QCOMPARE(file->entries().first().value, value);
    QCOMPARE(file->entries().first().line, 3);
}

void TestConnectionResolver::rejectsMalformedEnvLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("reason");

    QTest::newRow("no =") << QByteArray("DB_HOST mysql") << "no '='";
    QTest::newRow("YAML style") << QByteArray("DB_HOST: mysql") << "DB_HOST=value";
    QTest::newRow("unclosed double quote")
        << QByteArray("DB_USER_PASSWORD=\"S3cret-x1") << "not closed";
    QTest::newRow("unclosed single quote") << QByteArray("DB_USER='abc") << "not closed";
    QTest::newRow("text after quote") << QByteArray("DB_USER=\"a\"b") << "after the closing quote";
    QTest::newRow("bad name") << QByteArray("DB HOST=x") << "not a variable name";
    QTest::newRow("no name") << QByteArray("=x") << "names no variable";
}

void TestConnectionResolver::rejectsMalformedEnvLines()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    ConnectionSources sources;
    sources.envFiles = {writeFile(dir, QStringLiteral("prod.env"),
                                  "# first\nDB_PORT=3306\n\n" + line + "\nDB_HOST=x\n")};
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY(!resolved.ok());
    const QString text = resolved.error().toString();
    QVERIFY2(text.startsWith(QLatin1String("prod.env:4: ")), qPrintable(text));
    QVERIFY2(text.contains(reason), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("KEY=value")));
    QVERIFY2(!text.contains(QLatin1String("S3cret-x1")), qPrintable(text));
}

// ---------------------------------------------------------------- resolution

void TestConnectionResolver::resolvesStockTemplateWithNoSources()
{
    const auto resolved = ConnectionResolver::resolve(ConnectionSources{});
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().toString()));
    const ConnectionProfile& p = resolved->profile;
    QCOMPARE(p.engine, Engine::MySql);
    QCOMPARE(p.host, QStringLiteral("localhost"));
    QCOMPARE(p.port, 3306);
    QCOMPARE(p.database, QStringLiteral("openmetadata_db"));
    QCOMPARE(p.user, QStringLiteral("openmetadata_user"));
    QCOMPARE(p.password, QStringLiteral("openmetadata_password"));
    QCOMPARE(p.tlsMode, TlsMode::Disable);
    QCOMPARE(p.params.value(QStringLiteral("serverTimezone")), QStringLiteral("UTC"));
    QCOMPARE(p.params.value(QStringLiteral("allowPublicKeyRetrieval")), QStringLiteral("true"));
    for (const char* field :
         {"engine", "host", "port", "database", "schema", "user", "password", "tls"})
        QCOMPARE(resolved->origins.value(QString::fromLatin1(field)), QStringLiteral("default"));
    QVERIFY(resolved->warnings.isEmpty());
}

void TestConnectionResolver::resolvesOpenMetadata11Config()
{
    ConnectionSources sources;
    sources.configFile = data(QStringLiteral("openmetadata-1.1.yaml"));
    sources.environment = {{QStringLiteral("DB_USE_SSL"), QStringLiteral("true")},
                           {QStringLiteral("HOME"), QStringLiteral("/home/om")}};
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().toString()));
    const ConnectionProfile& p = resolved->profile;
    QCOMPARE(p.engine, Engine::MySql);
    QCOMPARE(p.host, QStringLiteral("localhost"));
    QCOMPARE(p.port, 3306);
    QCOMPARE(p.database, QStringLiteral("openmetadata_db"));
    QCOMPARE(p.user, QStringLiteral("openmetadata_user"));
    QCOMPARE(p.password, QStringLiteral("openmetadata_password"));
    QCOMPARE(p.params.value(QStringLiteral("useSSL")), QStringLiteral("true"));
    QCOMPARE(p.tlsMode, TlsMode::Prefer);
    const auto& o = resolved->origins;
    QCOMPARE(o.value(QStringLiteral("engine")), QStringLiteral("openmetadata-1.1.yaml:35"));
    QCOMPARE(o.value(QStringLiteral("host")), QStringLiteral("openmetadata-1.1.yaml:35"));
    QCOMPARE(o.value(QStringLiteral("port")), QStringLiteral("openmetadata-1.1.yaml:35"));
    QCOMPARE(o.value(QStringLiteral("user")), QStringLiteral("openmetadata-1.1.yaml:32"));
    QCOMPARE(o.value(QStringLiteral("password")), QStringLiteral("openmetadata-1.1.yaml:33"));
    QCOMPARE(o.value(QStringLiteral("tls")), QStringLiteral("environment (DB_USE_SSL)"));
    QCOMPARE(o.value(QStringLiteral("schema")), QStringLiteral("default"));
}

void TestConnectionResolver::resolvesOpenMetadata12WithMysqlEnvFile()
{
    ConnectionSources sources;
    sources.configFile = data(QStringLiteral("openmetadata-1.2.yaml"));
    sources.envFiles = {data(QStringLiteral("env-mysql"))};
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().toString()));
    const ConnectionProfile& p = resolved->profile;
    QCOMPARE(p.engine, Engine::MySql);
    QCOMPARE(p.host, QStringLiteral("mysql"));
    QCOMPARE(p.port, 3306);
    QCOMPARE(p.database, QStringLiteral("openmetadata_db"));
    QCOMPARE(p.password, QStringLiteral("Qw3rty-mysql-S3cret"));
    QCOMPARE(p.tlsMode, TlsMode::Disable);
    const auto& o = resolved->origins;
    QCOMPARE(o.value(QStringLiteral("engine")), QStringLiteral("env-mysql:10 (DB_SCHEME)"));
    QCOMPARE(o.value(QStringLiteral("host")), QStringLiteral("env-mysql:14 (DB_HOST)"));
    QCOMPARE(o.value(QStringLiteral("port")), QStringLiteral("env-mysql:15 (DB_PORT)"));
    QCOMPARE(o.value(QStringLiteral("database")), QStringLiteral("env-mysql:16 (OM_DATABASE)"));
    QCOMPARE(o.value(QStringLiteral("user")), QStringLiteral("env-mysql:12 (DB_USER)"));
    QCOMPARE(o.value(QStringLiteral("password")),
             QStringLiteral("env-mysql:13 (DB_USER_PASSWORD)"));
    QCOMPARE(o.value(QStringLiteral("tls")), QStringLiteral("env-mysql:11 (DB_PARAMS)"));
    QVERIFY(resolved->warnings.isEmpty());
}

void TestConnectionResolver::resolvesPostgresEnvFile()
{
    ConnectionSources sources;
    sources.configFile = data(QStringLiteral("openmetadata-1.2.yaml"));
    sources.envFiles = {data(QStringLiteral("env-postgres"))};
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().toString()));
    const ConnectionProfile& p = resolved->profile;
    QCOMPARE(p.engine, Engine::Postgres);
    QCOMPARE(p.host, QStringLiteral("postgresql"));
    QCOMPARE(p.port, 5432);
    QCOMPARE(p.effectiveSchema(), QStringLiteral("public"));
    QCOMPARE(p.tlsMode, TlsMode::Default); // useSSL means nothing to pgjdbc
    QCOMPARE(resolved->origins.value(QStringLiteral("engine")),
             QStringLiteral("env-postgres:9 (DB_SCHEME)"));
    QCOMPARE(resolved->origins.value(QStringLiteral("port")),
             QStringLiteral("env-postgres:14 (DB_PORT)"));
    QVERIFY(resolved->warnings.isEmpty());
}

void TestConnectionResolver::laterEnvFileWins()
{
    QTemporaryDir dir;
    ConnectionSources sources;
    sources.configFile = data(QStringLiteral("openmetadata-1.2.yaml"));
    sources.envFiles = {data(QStringLiteral("env-mysql")),
                        writeFile(dir, QStringLiteral("override.env"),
                                  "# local override\nDB_HOST=127.0.0.1\nDB_HOST=db.internal\n")};
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY(resolved.ok());
    QCOMPARE(resolved->profile.host, QStringLiteral("db.internal"));
    QCOMPARE(resolved->origins.value(QStringLiteral("host")),
             QStringLiteral("override.env:3 (DB_HOST)"));
    QCOMPARE(resolved->profile.port, 3306);
    QCOMPARE(resolved->origins.value(QStringLiteral("port")),
             QStringLiteral("env-mysql:15 (DB_PORT)"));

    // And the other way round: the earlier file loses.
    std::swap(sources.envFiles[0], sources.envFiles[1]);
    const auto swapped = ConnectionResolver::resolve(sources);
    QVERIFY(swapped.ok());
    QCOMPARE(swapped->profile.host, QStringLiteral("mysql"));
}

void TestConnectionResolver::processEnvironmentIsBelowEnvFiles()
{
    QTemporaryDir dir;
    ConnectionSources sources;
    sources.configFile = data(QStringLiteral("openmetadata-1.2.yaml"));
    sources.environment = {{QStringLiteral("DB_HOST"), QStringLiteral("from-environment")},
                           {QStringLiteral("DB_PORT"), QStringLiteral("3310")}};
    sources.envFiles = {writeFile(dir, QStringLiteral("docker.env"), "DB_HOST=from-file\n")};
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY(resolved.ok());
    QCOMPARE(resolved->profile.host, QStringLiteral("from-file"));
    QCOMPARE(resolved->origins.value(QStringLiteral("host")),
             QStringLiteral("docker.env:1 (DB_HOST)"));
    QCOMPARE(resolved->profile.port, 3310);
    QCOMPARE(resolved->origins.value(QStringLiteral("port")),
             QStringLiteral("environment (DB_PORT)"));
    QCOMPARE(resolved->origins.value(QStringLiteral("database")),
             QStringLiteral("openmetadata-1.2.yaml:19"));
}

void TestConnectionResolver::helmValuesAlone()
{
    ConnectionSources sources;
    sources.helmValuesFile = data(QStringLiteral("values-mysql.yaml"));
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().toString()));
    const ConnectionProfile& p = resolved->profile;
    QCOMPARE(p.engine, Engine::MySql);
    QCOMPARE(p.host, QStringLiteral("mysql.db.svc.cluster.local"));
    QCOMPARE(p.port, 3307);
    QCOMPARE(p.database, QStringLiteral("om_prod"));
    QCOMPARE(p.user, QStringLiteral("om_admin"));
    QCOMPARE(p.password, QString());
    QCOMPARE(p.tlsMode, TlsMode::Prefer);
    const auto& o = resolved->origins;
    QCOMPARE(o.value(QStringLiteral("host")), QStringLiteral("values-mysql.yaml:12"));
    QCOMPARE(o.value(QStringLiteral("port")), QStringLiteral("values-mysql.yaml:13"));
    QCOMPARE(o.value(QStringLiteral("engine")), QStringLiteral("values-mysql.yaml:15"));
    QCOMPARE(o.value(QStringLiteral("database")), QStringLiteral("values-mysql.yaml:16"));
    QCOMPARE(o.value(QStringLiteral("user")), QStringLiteral("values-mysql.yaml:18"));
    QCOMPARE(o.value(QStringLiteral("password")), QStringLiteral("values-mysql.yaml:20"));
    QCOMPARE(o.value(QStringLiteral("tls")), QStringLiteral("values-mysql.yaml:22"));
    QCOMPARE(resolved->warnings.size(), 1);
    const QString warning = resolved->warnings.first();
    QVERIFY2(warning.contains(QLatin1String("mysql-secrets")), qPrintable(warning));
    QVERIFY(warning.contains(QLatin1String("OMU_DB_PASSWORD")));
    QVERIFY(warning.contains(QLatin1String("--password-file")));

    // Typing the password silences the warning.
    sources.password = QStringLiteral("typed-in-Pa55");
    const auto typed = ConnectionResolver::resolve(sources);
    QVERIFY(typed.ok());
    QVERIFY(typed->warnings.isEmpty());
    QCOMPARE(typed->origins.value(QStringLiteral("password")), QStringLiteral("explicit"));
}

void TestConnectionResolver::helmValuesOverEnvFiles()
{
    ConnectionSources sources;
    sources.configFile = data(QStringLiteral("openmetadata-1.2.yaml"));
    sources.envFiles = {data(QStringLiteral("env-postgres"))};
    sources.helmValuesFile = data(QStringLiteral("values-mysql.yaml"));
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().toString()));
    QCOMPARE(resolved->profile.engine, Engine::MySql);
    QCOMPARE(resolved->profile.host, QStringLiteral("mysql.db.svc.cluster.local"));
    QCOMPARE(resolved->profile.port, 3307);
    // The env file's password is not what the chart gives the container.
    QCOMPARE(resolved->profile.password, QString());
    QCOMPARE(resolved->origins.value(QStringLiteral("engine")),
             QStringLiteral("values-mysql.yaml:15"));
}

void TestConnectionResolver::helmChartDefaultsFillGaps()
{
    QTemporaryDir dir;
    ConnectionSources sources;
    sources.envFiles = {data(QStringLiteral("env-postgres"))};
    sources.helmValuesFile = writeFile(dir, QStringLiteral("values.yaml"),
                                       "openmetadata:\n  config:\n    database:\n"
                                       "      host: rds.example.com\n");
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().toString()));
    QCOMPARE(resolved->profile.host, QStringLiteral("rds.example.com"));
    QCOMPARE(resolved->origins.value(QStringLiteral("host")), QStringLiteral("values.yaml:4"));
    // The chart sets DB_PORT, DB_SCHEME ... itself when the file leaves them out.
    QCOMPARE(resolved->profile.engine, Engine::MySql);
    QCOMPARE(resolved->profile.port, 3306);
    QCOMPARE(resolved->origins.value(QStringLiteral("port")), QStringLiteral("Helm chart default"));
    QCOMPARE(resolved->origins.value(QStringLiteral("password")),
             QStringLiteral("Helm chart default"));
    // The chart does not set DB_PARAMS by default: the env file's value is used.
    QCOMPARE(resolved->origins.value(QStringLiteral("params")),
             QStringLiteral("env-postgres:10 (DB_PARAMS)"));
}

void TestConnectionResolver::helmDbUseSslFeedsOldConfig()
{
    ConnectionSources sources;
    sources.configFile = data(QStringLiteral("openmetadata-1.1.yaml"));
    sources.helmValuesFile = data(QStringLiteral("values-postgres.yaml"));
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().toString()));
    QCOMPARE(resolved->profile.engine, Engine::Postgres);
    QCOMPARE(resolved->profile.host, QStringLiteral("pg.example.internal"));
    QCOMPARE(resolved->profile.params.value(QStringLiteral("useSSL")), QStringLiteral("true"));
    QCOMPARE(resolved->origins.value(QStringLiteral("params")),
             QStringLiteral("values-postgres.yaml:10"));
    QVERIFY(resolved->warnings.join(QLatin1Char(' ')).contains(QLatin1String("postgresql-secret")));
}

void TestConnectionResolver::explicitOverridesEverything()
{
    ConnectionSources sources;
    sources.configFile = data(QStringLiteral("openmetadata-1.2.yaml"));
    sources.envFiles = {data(QStringLiteral("env-mysql"))};
    sources.helmValuesFile = data(QStringLiteral("values-mysql.yaml"));
    sources.environment = {{QStringLiteral("DB_HOST"), QStringLiteral("env-host")}};
    sources.engine = Engine::Postgres;
    sources.host = QStringLiteral("typed-host");
    sources.port = 6432;
    sources.database = QStringLiteral("typed_db");
    sources.schema = QStringLiteral("om");
    sources.user = QStringLiteral("typed_user");
    sources.password = QStringLiteral("typed-Pa55word");
    sources.tlsMode = TlsMode::VerifyFull;
    sources.tlsCaFile = QStringLiteral("/tmp/ca.pem");
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().toString()));
    const ConnectionProfile& p = resolved->profile;
    QCOMPARE(p.engine, Engine::Postgres);
    QCOMPARE(p.host, QStringLiteral("typed-host"));
    QCOMPARE(p.port, 6432);
    QCOMPARE(p.database, QStringLiteral("typed_db"));
    QCOMPARE(p.schema, QStringLiteral("om"));
    QCOMPARE(p.user, QStringLiteral("typed_user"));
    QCOMPARE(p.password, QStringLiteral("typed-Pa55word"));
    QCOMPARE(p.tlsMode, TlsMode::VerifyFull);
    QCOMPARE(p.tlsCaFile, QStringLiteral("/tmp/ca.pem"));
    for (const char* field :
         {"engine", "host", "port", "database", "schema", "user", "password", "tls"})
        QCOMPARE(resolved->origins.value(QString::fromLatin1(field)), QStringLiteral("explicit"));
    // A typed password means no warning about the unreadable Kubernetes secret.
    QVERIFY(!resolved->warnings.join(QLatin1Char(' ')).contains(QLatin1String("mysql-secrets")));
}

void TestConnectionResolver::explicitCoversUnresolvableVariable()
{
    QTemporaryDir dir;
    ConnectionSources sources;
    sources.configFile = writeFile(
        dir, QStringLiteral("openmetadata.yaml"),
        configWithUrl("jdbc:mysql://${DB_HOST}:${DB_PORT:-3306}/${OM_DATABASE:-openmetadata_db}"));
    const auto failing = ConnectionResolver::resolve(sources);
    QVERIFY(!failing.ok());
    QVERIFY(failing.error().message.contains(QLatin1String("DB_HOST")));

    sources.host = QStringLiteral("db.example.com");
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().toString()));
    QCOMPARE(resolved->profile.host, QStringLiteral("db.example.com"));
    QCOMPARE(resolved->origins.value(QStringLiteral("host")), QStringLiteral("explicit"));
    QCOMPARE(resolved->profile.database, QStringLiteral("openmetadata_db"));
}

void TestConnectionResolver::unresolvedVariableNamesFileLineAndVariable_data()
{
    QTest::addColumn<QByteArray>("url");
    QTest::addColumn<QByteArray>("user");
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("option");

    const QByteArray good = "jdbc:mysql://h:3306/db";
    QTest::newRow("host") << QByteArray("jdbc:mysql://${MY_DB_HOST}:3306/db") << QByteArray("u")
                          << QByteArray("p") << "om.yaml:4"
                          << "MY_DB_HOST"
                          << "--host";
    QTest::newRow("port") << QByteArray("jdbc:mysql://h:${MY_DB_PORT}/db") << QByteArray("u")
                          << QByteArray("p") << "om.yaml:4"
                          << "MY_DB_PORT"
                          << "--port";
    QTest::newRow("database") << QByteArray("jdbc:mysql://h:3306/${MY_DB}") << QByteArray("u")
                              << QByteArray("p") << "om.yaml:4"
                              << "MY_DB"
                              << "--database";
    QTest::newRow("scheme") << QByteArray("jdbc:${MY_SCHEME}://h:3306/db") << QByteArray("u")
                            << QByteArray("p") << "om.yaml:4"
                            << "MY_SCHEME"
                            << "--engine";
    QTest::newRow("params") << QByteArray("jdbc:mysql://h:3306/db?${MY_PARAMS}") << QByteArray("u")
                            << QByteArray("p") << "om.yaml:4"
                            << "MY_PARAMS"
                            << "TLS";
    QTest::newRow("user") << good << QByteArray("${MY_USER}") << QByteArray("p") << "om.yaml:5"
                          << "MY_USER"
                          << "--user";
    QTest::newRow("password") << good << QByteArray("u") << QByteArray("${MY_PASSWORD}")
                              << "om.yaml:6"
                              << "MY_PASSWORD"
                              << "OMU_DB_PASSWORD";
}

void TestConnectionResolver::unresolvedVariableNamesFileLineAndVariable()
{
    QFETCH(QByteArray, url);
    QFETCH(QByteArray, user);
    QFETCH(QByteArray, password);
    QFETCH(QString, where);
    QFETCH(QString, variable);
    QFETCH(QString, option);
    QTemporaryDir dir;
    ConnectionSources sources;
    sources.configFile =
        writeFile(dir, QStringLiteral("om.yaml"),
                  "# test\ndatabase:\n  driverClass: com.mysql.cj.jdbc.Driver\n"
                  "  url: " +
                      url + "\n  user: " + user + "\n  password: " + password + "\n");
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY(!resolved.ok());
    QCOMPARE(resolved.error().where, where);
    QVERIFY2(resolved.error().message.contains(QStringLiteral("${%1}").arg(variable)),
             qPrintable(resolved.error().toString()));
    QVERIFY2(resolved.error().advice.contains(option), qPrintable(resolved.error().advice));
    QVERIFY(resolved.error().toString().startsWith(where + QStringLiteral(": ")));
}

void TestConnectionResolver::malformedYamlNamesFileAndLine()
{
    const QString path = data(QStringLiteral("broken.yaml"));
    ConnectionSources sources;
    sources.configFile = path;
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY(!resolved.ok());
    const QString text = resolved.error().toString();
    QVERIFY2(text.startsWith(QLatin1String("broken.yaml:9:")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("not valid YAML")));
    QVERIFY(!resolved.error().advice.isEmpty());

    QTemporaryDir dir;
    sources.configFile = writeFile(dir, QStringLiteral("indent.yaml"),
                                   "database:\n  user: a\n  url: jdbc:mysql://h/db\n"
                                   " password: b\n");
    const auto indent = ConnectionResolver::resolve(sources);
    QVERIFY(!indent.ok());
    QVERIFY2(indent.error().where.startsWith(QLatin1String("indent.yaml:4:")),
             qPrintable(indent.error().toString()));

    sources.configFile = writeFile(dir, QStringLiteral("tab.yaml"),
                                   "# comment\ndatabase:\n  user: a\n\turl: jdbc:mysql://h/db\n");
    const auto tab = ConnectionResolver::resolve(sources);
    QVERIFY(!tab.ok());
    QVERIFY2(tab.error().where.startsWith(QLatin1String("tab.yaml:4:")),
             qPrintable(tab.error().toString()));
    QVERIFY(tab.error().message.contains(QLatin1String("tab")));
}

void TestConnectionResolver::missingDatabaseSection()
{
    ConnectionSources sources;
    sources.configFile = data(QStringLiteral("no-database.yaml"));
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY(!resolved.ok());
    QCOMPARE(resolved.error().where, QStringLiteral("no-database.yaml"));
    QVERIFY(resolved.error().message.contains(QLatin1String("no database: section")));
    QVERIFY(resolved.error().advice.contains(QLatin1String("OpenMetadata's configuration needs")));
}

void TestConnectionResolver::rejectsUnusableFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content"); // "<missing>" or "<folder>" for those cases
    QTest::addColumn<QString>("reason");

    QTest::newRow("missing") << "gone.yaml" << QByteArray("<missing>") << "does not exist";
    QTest::newRow("folder") << "conf" << QByteArray("<folder>") << "is a folder";
    QTest::newRow("empty") << "empty.yaml" << QByteArray("\n  \n") << "is empty";
    QTest::newRow("only comments")
        << "comments.yaml" << QByteArray("# nothing\n") << "only comments";
    QTest::newRow("binary") << "keystore.jks" << QByteArray("\xfe\xed\xfe\xed\0\0\0\x02", 8)
                            << "binary";
    QTest::newRow("not a mapping") << "list.yaml" << QByteArray("- a\n- b\n") << "database:";
    QTest::newRow("url is a list")
        << "list-url.yaml" << QByteArray("database:\n  url:\n    - a\n") << "single value";
}

void TestConnectionResolver::rejectsUnusableFiles()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    QString path = dir.filePath(name);
    if (content == "<folder>")
        QDir(dir.path()).mkdir(name);
    else if (content != "<missing>")
        path = writeFile(dir, name, content);
    ConnectionSources sources;
    sources.configFile = path;
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY(!resolved.ok());
    const QString text = resolved.error().toString();
    QVERIFY2(text.contains(reason), qPrintable(text));
    QVERIFY2(text.startsWith(name), qPrintable(text));
}

void TestConnectionResolver::driverAndSchemeMustAgree()
{
    QTemporaryDir dir;
    ConnectionSources sources;
    sources.configFile = data(QStringLiteral("openmetadata-1.2.yaml"));
    sources.envFiles = {writeFile(dir, QStringLiteral("mixed.env"),
                                  "DB_SCHEME=postgresql\nDB_DRIVER_CLASS=com.mysql.cj.jdbc.Driver\n"
                                  "DB_PORT=5432\n")};
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY(!resolved.ok());
    const QString text = resolved.error().toString();
    QVERIFY2(text.contains(QLatin1String("disagree")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("mixed.env:1 (DB_SCHEME)")));
    QVERIFY(text.contains(QLatin1String("mixed.env:2 (DB_DRIVER_CLASS)")));

    // A typed engine settles it; the disagreement becomes a warning.
    sources.engine = Engine::Postgres;
    const auto settled = ConnectionResolver::resolve(sources);
    QVERIFY(settled.ok());
    QCOMPARE(settled->profile.engine, Engine::Postgres);
    QVERIFY(settled->warnings.join(QLatin1Char(' ')).contains(QLatin1String("disagree")));
}

void TestConnectionResolver::unknownDriverClass()
{
    QTemporaryDir dir;
    ConnectionSources sources;
    sources.configFile = writeFile(dir, QStringLiteral("om.yaml"),
                                   configWithUrl("jdbc:mysql://h/db", "org.mariadb.jdbc.Driver"));
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY(!resolved.ok());
    QCOMPARE(resolved.error().where, QStringLiteral("om.yaml:7"));
    QVERIFY(resolved.error().message.contains(QLatin1String("org.mariadb.jdbc.Driver")));
    QVERIFY(resolved.error().advice.contains(QLatin1String("com.mysql.cj.jdbc.Driver")));
}

void TestConnectionResolver::rejectsBadPorts_data()
{
    QTest::addColumn<QByteArray>("port");
    QTest::newRow("word") << QByteArray("mysqlport");
    QTest::newRow("zero") << QByteArray("0");
    QTest::newRow("too big") << QByteArray("70000");
    QTest::newRow("negative") << QByteArray("-1");
    QTest::newRow("trailing text") << QByteArray("3306tcp");
}

void TestConnectionResolver::rejectsBadPorts()
{
    QFETCH(QByteArray, port);
    QTemporaryDir dir;
    ConnectionSources sources;
    sources.configFile = data(QStringLiteral("openmetadata-1.2.yaml"));
    sources.envFiles = {
        writeFile(dir, QStringLiteral("ports.env"), "# ports\nDB_PORT=" + port + "\n")};
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY(!resolved.ok());
    QCOMPARE(resolved.error().where, QStringLiteral("ports.env:2 (DB_PORT)"));
    QVERIFY(resolved.error().message.contains(QLatin1String("1 to 65535")));

    sources.port = 3306; // typing the port gets past it
    QVERIFY(ConnectionResolver::resolve(sources).ok());
}

void TestConnectionResolver::rejectsBadExplicitPort()
{
    ConnectionSources sources;
    sources.port = 0;
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY(!resolved.ok());
    QCOMPARE(resolved.error().where, QStringLiteral("explicit"));
    sources.port = 65536;
    QVERIFY(!ConnectionResolver::resolve(sources).ok());
    sources.port = 65535;
    QVERIFY(ConnectionResolver::resolve(sources).ok());
}

void TestConnectionResolver::warnsAboutPostgresOnMysqlPort()
{
    QTemporaryDir dir;
    ConnectionSources sources;
    sources.configFile = data(QStringLiteral("openmetadata-1.2.yaml"));
    sources.envFiles = {writeFile(dir, QStringLiteral("pg.env"),
                                  "DB_SCHEME=postgresql\nDB_DRIVER_CLASS=org.postgresql.Driver\n")};
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().toString()));
    QCOMPARE(resolved->profile.engine, Engine::Postgres);
    QCOMPARE(resolved->profile.port, 3306); // kept as the files say
    QCOMPARE(resolved->warnings.size(), 1);
    QVERIFY2(resolved->warnings.first().contains(QLatin1String("DB_PORT=5432")),
             qPrintable(resolved->warnings.first()));
    QVERIFY(resolved->warnings.first().contains(QLatin1String("openmetadata-1.2.yaml:19")));

    sources.port = 3306; // typed in: the user knows
    const auto typed = ConnectionResolver::resolve(sources);
    QVERIFY(typed.ok());
    QVERIFY(typed->warnings.isEmpty());
}

void TestConnectionResolver::passwordNeverAppearsInMessages()
{
    const QString secret = QStringLiteral("Tr0ub4dor-and-3");
    QTemporaryDir dir;
    ConnectionSources sources;
    sources.configFile = data(QStringLiteral("openmetadata-1.2.yaml"));

    // Resolves: not in warnings, origins or toJson.
    sources.envFiles = {writeFile(dir, QStringLiteral("ok.env"),
                                  "DB_USER_PASSWORD=\"" + secret.toUtf8() +
                                      "\"\nDB_SCHEME=postgresql\nDB_DRIVER_CLASS=org.postgresql."
                                      "Driver\n")};
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY(resolved.ok());
    QCOMPARE(resolved->profile.password, secret);
    QVERIFY(!resolved->warnings.isEmpty()); // the 3306 warning
    QVERIFY2(!everything(*resolved).contains(secret), qPrintable(everything(*resolved)));
    QCOMPARE(resolved->profile.toJson().value(QStringLiteral("password")).toString(),
             QStringLiteral("***"));

    // The password pasted into the wrong variable, which ends up in an error message.
    sources.envFiles = {
        writeFile(dir, QStringLiteral("bad.env"),
                  "DB_USER_PASSWORD=" + secret.toUtf8() + "\nDB_PORT=" + secret.toUtf8() + "\n")};
    const auto badPort = ConnectionResolver::resolve(sources);
    QVERIFY(!badPort.ok());
    QVERIFY2(!badPort.error().toString().contains(secret), qPrintable(badPort.error().toString()));
    QVERIFY(badPort.error().toString().contains(QLatin1String("***")));

    // A typed password that also sits in a wrong field.
    ConnectionSources typed;
    typed.password = secret;
    typed.envFiles = {
        writeFile(dir, QStringLiteral("driver.env"), "DB_DRIVER_CLASS=" + secret.toUtf8() + "\n")};
    const auto badDriver = ConnectionResolver::resolve(typed);
    QVERIFY(!badDriver.ok());
    QVERIFY(!badDriver.error().toString().contains(secret));

    // A malformed env line holding the password is not quoted.
    typed.envFiles = {
        writeFile(dir, QStringLiteral("line.env"), "DB_USER_PASSWORD " + secret.toUtf8() + "\n")};
    const auto badLine = ConnectionResolver::resolve(typed);
    QVERIFY(!badLine.ok());
    QVERIFY(!badLine.error().toString().contains(secret));
}

void TestConnectionResolver::passwordInUrlIsNotKeptInParams()
{
    QTemporaryDir dir;
    ConnectionSources sources;
    sources.configFile = writeFile(
        dir, QStringLiteral("om.yaml"),
        "database:\n  user: om\n  url: jdbc:postgresql://h/db?password=In-Url-Secret9&ssl=true\n");
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().toString()));
    QCOMPARE(resolved->profile.password, QStringLiteral("In-Url-Secret9"));
    QVERIFY(!resolved->profile.params.contains(QStringLiteral("password")));
    QCOMPARE(resolved->profile.params.value(QStringLiteral("ssl")), QStringLiteral("true"));
    QVERIFY(!everything(*resolved).contains(QLatin1String("In-Url-Secret9")));
}

void TestConnectionResolver::quotedPasswordDefault()
{
    QTemporaryDir dir;
    ConnectionSources sources;
    sources.configFile = writeFile(dir, QStringLiteral("om.yaml"),
                                   "database:\n  user: ${DB_USER:- \"om user\"}\n"
                                   "  password: ${DB_USER_PASSWORD:-\"p a s s\"}\n"
                                   "  url: jdbc:mysql://h/db\n");
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().toString()));
    QCOMPARE(resolved->profile.user, QStringLiteral("om user"));
    QCOMPARE(resolved->profile.password, QStringLiteral("p a s s"));
    QCOMPARE(resolved->origins.value(QStringLiteral("password")), QStringLiteral("om.yaml:3"));
}

void TestConnectionResolver::connectTimeout()
{
    ConnectionSources sources;
    const auto byDefault = ConnectionResolver::resolve(sources);
    QVERIFY(byDefault.ok());
    QCOMPARE(byDefault->profile.connectTimeoutSeconds, 10);
    sources.connectTimeoutSeconds = 3;
    const auto typed = ConnectionResolver::resolve(sources);
    QVERIFY(typed.ok());
    QCOMPARE(typed->profile.connectTimeoutSeconds, 3);
    sources.connectTimeoutSeconds = 0;
    QVERIFY(!ConnectionResolver::resolve(sources).ok());
}

// ---------------------------------------------------------------- hostile and unlucky input

void TestConnectionResolver::duplicateKeyNamesBothLines_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("second");
    // The server (Jackson) takes the last database section; reading the first would back
    // up, tune and migrate another database than the one the server runs on.
    QTest::newRow("database section")
        << QByteArray("database:\n  user: a\n  url: jdbc:mysql://one/db\nlogging:\n  level: "
                      "INFO\ndatabase:\n  user: b\n  url: jdbc:mysql://two/db\n")
        << "database" << 1 << 6;
    QTest::newRow("key inside the section")
        << QByteArray("database:\n  user: a\n  url: jdbc:mysql://one/db\n  user: b\n") << "user"
        << 2 << 4;
}

void TestConnectionResolver::duplicateKeyNamesBothLines()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, key);
    QFETCH(int, first);
    QFETCH(int, second);
    QTemporaryDir dir;
    ConnectionSources sources;
    sources.configFile = writeFile(dir, QStringLiteral("openmetadata.yaml"), content);
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY(!resolved.ok());
    const Error& error = resolved.error();
    QVERIFY2(
        error.message.contains(QStringLiteral("\"%1\" twice").arg(key)) &&
            error.message.contains(QStringLiteral("line %1 and on line %2").arg(first).arg(second)),
        qPrintable(error.toString()));
    QCOMPARE(error.where, QStringLiteral("openmetadata.yaml:%1").arg(second));
    // Helm values are read the same way.
    ConnectionSources helm;
    helm.helmValuesFile = writeFile(dir, QStringLiteral("values.yaml"),
                                    "openmetadata:\n  config:\n    database:\n      host: a\n"
                                    "      host: b\n");
    const auto values = ConnectionResolver::resolve(helm);
    QVERIFY(!values.ok());
    QVERIFY2(values.error().message.contains(QStringLiteral("line 4 and on line 5")),
             qPrintable(values.error().toString()));
}

void TestConnectionResolver::devicesEndWithAnErrorNotAnExhaustedMemory_data()
{
    QTest::addColumn<QString>("which");
    QTest::newRow("config") << "config";
    QTest::newRow("env file") << "env";
    QTest::newRow("helm values") << "helm";
}

void TestConnectionResolver::devicesEndWithAnErrorNotAnExhaustedMemory()
{
    QFETCH(QString, which);
    ConnectionSources sources;
    const QString zero = QStringLiteral("/dev/zero");
    if (which == QLatin1String("config"))
        sources.configFile = zero;
    else if (which == QLatin1String("env"))
        sources.envFiles = {zero};
    else
        sources.helmValuesFile = zero;
    QElapsedTimer timer;
    timer.start();
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY(!resolved.ok());
    QVERIFY2(resolved.error().message.contains(QStringLiteral("/dev/zero is larger than")),
             qPrintable(resolved.error().toString()));
    QVERIFY(resolved.error().advice.contains(QStringLiteral("device or a pipe")));
    // The password file's cap is far smaller.
    const auto password = TextFile::readSecretLine(zero, QStringLiteral("password file"));
    QVERIFY(!password.ok());
    QVERIFY2(password.error().message.contains(QStringLiteral("larger than 65,536 bytes")),
             qPrintable(password.error().toString()));
}

void TestConnectionResolver::fifoWithoutWriterTimesOut()
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("openmetadata.yaml"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    ConnectionSources sources;
    sources.configFile = fifo;
    QElapsedTimer timer;
    timer.start();
    const auto resolved = ConnectionResolver::resolve(sources);
    const qint64 elapsed = timer.elapsed();
    QVERIFY(!resolved.ok());
    QVERIFY2(resolved.error().message.contains(
                 QStringLiteral("nothing could be read from the OpenMetadata configuration")) &&
                 resolved.error().message.contains(
                     QStringLiteral("for %1 seconds").arg(TextFile::waitSeconds)),
             qPrintable(resolved.error().toString()));
    QVERIFY(resolved.error().advice.contains(QStringLiteral("named pipe")));
    QVERIFY2(elapsed >= TextFile::waitSeconds * 1000 - 500 &&
                 elapsed < (TextFile::waitSeconds + 20) * 1000,
             qPrintable(QString::number(elapsed)));
}

void TestConnectionResolver::pipesLikeProcessSubstitutionWork()
{
    // `--config <(...)` hands over /dev/fd/N, a pipe whose writer comes a little later.
    int configPipe[2];
    int passwordPipe[2];
    QCOMPARE(::pipe(configPipe), 0);
    QCOMPARE(::pipe(passwordPipe), 0);
    std::thread writer([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        const QByteArray config = configWithUrl("jdbc:postgresql://from-pipe:5432/pipedb");
        static_cast<void>(::write(configPipe[1], config.constData(), size_t(config.size())));
        ::close(configPipe[1]);
        static_cast<void>(::write(passwordPipe[1], "Piped-Secret\n", 13));
        ::close(passwordPipe[1]);
    });
    ConnectionSources sources;
    sources.configFile = QStringLiteral("/dev/fd/%1").arg(configPipe[0]);
    const auto resolved = ConnectionResolver::resolve(sources);
    const auto password = TextFile::readSecretLine(
        QStringLiteral("/dev/fd/%1").arg(passwordPipe[0]), QStringLiteral("password file"));
    writer.join();
    ::close(configPipe[0]);
    ::close(passwordPipe[0]);
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().toString()));
    QCOMPARE(resolved->profile.host, QStringLiteral("from-pipe"));
    QCOMPARE(resolved->profile.database, QStringLiteral("pipedb"));
    QVERIFY2(password.ok(), qPrintable(password.ok() ? QString() : password.error().toString()));
    QCOMPARE(password.value(), QStringLiteral("Piped-Secret"));
}

void TestConnectionResolver::passwordFileMustHoldAPassword()
{
    QTemporaryDir dir;
    const auto empty = TextFile::readSecretLine(writeFile(dir, QStringLiteral("empty"), ""),
                                                QStringLiteral("password file"));
    QVERIFY(!empty.ok());
    QVERIFY2(empty.error().message.contains(QStringLiteral("password file")) &&
                 empty.error().message.contains(QStringLiteral("is empty")),
             qPrintable(empty.error().toString()));
    const auto blank =
        TextFile::readSecretLine(writeFile(dir, QStringLiteral("blank"), "\nsecond line\n"),
                                 QStringLiteral("password file"));
    QVERIFY(!blank.ok());
    QVERIFY(blank.error().message.contains(QStringLiteral("first line")));
    const auto crlf = TextFile::readSecretLine(writeFile(dir, QStringLiteral("crlf"), "pw one\r\n"),
                                               QStringLiteral("password file"));
    QVERIFY(crlf.ok());
    QCOMPARE(crlf.value(), QStringLiteral("pw one"));
    const auto missing = TextFile::readSecretLine(dir.filePath(QStringLiteral("nope")),
                                                  QStringLiteral("password file"));
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().message.contains(QStringLiteral("does not exist")));
}

void TestConnectionResolver::unclosedVariableSaysSo()
{
    QTemporaryDir dir;
    ConnectionSources sources;
    sources.configFile = writeFile(
        dir, QStringLiteral("om.yaml"),
        configWithUrl("jdbc:mysql://${DB_HOST:-localhost:${DB_PORT:-3306}/openmetadata_db"));
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY(!resolved.ok());
    const QString text = resolved.error().toString();
    QVERIFY2(text.contains(QStringLiteral("never closed")) &&
                 !text.contains(QStringLiteral("IPv6")),
             qPrintable(text));
    QCOMPARE(resolved.error().where, QStringLiteral("om.yaml:5"));
    QVERIFY(resolved.error().advice.contains(QStringLiteral("closing \"}\"")));
    // The password's own text is never quoted.
    sources.configFile = writeFile(dir, QStringLiteral("pw.yaml"),
                                   "database:\n  user: u\n  url: jdbc:mysql://h/db\n"
                                   "  password: ${DB_USER_PASSWORD:-Unclosed-Secret7\n");
    const auto password = ConnectionResolver::resolve(sources);
    QVERIFY(!password.ok());
    QVERIFY(password.error().message.contains(QStringLiteral("password")));
    QVERIFY(!password.error().toString().contains(QStringLiteral("Unclosed-Secret7")));
}

void TestConnectionResolver::controlCharactersAndHugeValuesAreShownSafely()
{
    QTemporaryDir dir;
    ConnectionSources sources;
    sources.configFile = writeFile(dir, QStringLiteral("om.yaml"),
                                   configWithUrl("\"jdbc:mysql://h\\e[2J\\a:99999/db\""));
    const auto resolved = ConnectionResolver::resolve(sources);
    QVERIFY(!resolved.ok());
    const QString text = resolved.error().toString();
    QVERIFY2(!text.contains(QChar(0x1b)) && !text.contains(QChar(0x07)), qPrintable(text));

    ConnectionProfile profile;
    profile.engine = Engine::MySql;
    profile.host = QString(5 * 1024 * 1024, QLatin1Char('h'));
    profile.port = 3306;
    profile.user = QStringLiteral("u");
    profile.database = QStringLiteral("db");
    const auto invalid = DatabaseConnector::validate(profile);
    QVERIFY(invalid.has_value());
    QVERIFY2(invalid->summary.size() < 400, qPrintable(invalid->summary.left(400)));
    QVERIFY(invalid->summary.contains(QStringLiteral("\u2026")));
    QVERIFY(profile.displayName().size() < 300);
    profile.host = QStringLiteral("db\x1b[31m.example");
    QVERIFY(DatabaseConnector::validate(profile).has_value());
    QVERIFY(!profile.displayName().contains(QChar(0x1b)));
}

void TestConnectionResolver::missingCaFileIsNamed()
{
    ConnectionProfile profile;
    profile.engine = Engine::Postgres;
    profile.host = QStringLiteral("127.0.0.1");
    profile.port = 5432;
    profile.user = QStringLiteral("u");
    profile.database = QStringLiteral("db");
    profile.tlsMode = TlsMode::VerifyCa;
    profile.tlsCaFile = QStringLiteral("/nonexistent/ca.pem");
    const auto invalid = DatabaseConnector::validate(profile);
    QVERIFY(invalid.has_value());
    QVERIFY2(invalid->summary.contains(QStringLiteral("/nonexistent/ca.pem")) &&
                 invalid->summary.contains(QStringLiteral("does not exist")),
             qPrintable(invalid->summary));
    QVERIFY(!invalid->summary.contains(QStringLiteral("TLS) connection failed")));
}

QTEST_GUILESS_MAIN(TestConnectionResolver)
#include "TestConnectionResolver.moc"

#include "ConnectionResolver.h"

#include "common/DisplayText.h"
#include "common/SecretMasker.h"
#include "EnvFile.h"
#include "HelmValues.h"
#include "JdbcTls.h"
#include "JdbcUrl.h"
#include "OpenMetadataConfig.h"
#include "VariableExpander.h"
#include "VariableSet.h"

#include <algorithm>

namespace omu {

namespace {

const QString explicitOrigin = QStringLiteral("explicit");
const QString defaultOrigin = QStringLiteral("default");

// One setting of the database section after ${VAR} expansion, able to say where any
// part of its value came from.
struct Expanded
{
    ConfigValue source;
    Expansion expansion;

    const QString& text() const { return expansion.text; }

    // The variables that gave the part, or the file line when it was written there
    // (literally or as a ${VAR:-default} default).
    QString originOf(int start, int length) const
    {
        if (!source.present)
            return defaultOrigin;
        const QStringList origins = expansion.variableOriginsIn(start, length);
        return origins.isEmpty() ? source.origin : origins.join(QStringLiteral(", "));
    }
    QString originOf(const JdbcUrl::Span& span) const
    {
        return span.present() ? originOf(span.start, span.length) : defaultOrigin;
    }
    QString origin() const { return originOf(0, int(expansion.text.size())); }

    QStringList unresolvedIn(const JdbcUrl::Span& span) const
    {
        return span.present() ? expansion.unresolvedIn(span.start, span.length) : QStringList();
    }

    const ExpansionSegment* unreadable() const
    {
        for (const ExpansionSegment& segment : expansion.segments) {
            if (segment.kind == ExpansionSegment::Kind::Unreadable)
                return &segment;
        }
        return nullptr;
    }
};

Expanded expand(const VariableExpander& expander, const ConfigValue& value)
{
    return Expanded{value, expander.expand(value.text)};
}

// An unset ${VAR} without default: the server would fail on it too, so say which
// variable, where it is written, what it gives, and how to supply it.
Error unresolvedError(const QString& where, const QString& variable, const QString& feeds,
                      const QString& option)
{
    return makeError(
        QStringLiteral("${%1} is not set and has no default, so %2 is unknown")
            .arg(variable, feeds),
        where,
        QStringLiteral("Set %1 in an env file (--env-file) or the environment, give it a default "
                       "where it is written (${%1:-value}), or enter %2 yourself (%3).")
            .arg(variable, feeds, option));
}

std::optional<Engine> engineFromDriverClass(const QString& driverClass)
{
    if (driverClass == QLatin1String("com.mysql.cj.jdbc.Driver") ||
        driverClass == QLatin1String("com.mysql.jdbc.Driver"))
        return Engine::MySql;
    if (driverClass == QLatin1String("org.postgresql.Driver"))
        return Engine::Postgres;
    return std::nullopt;
}

QString displayEngine(Engine engine)
{
    return engine == Engine::Postgres ? QStringLiteral("PostgreSQL") : QStringLiteral("MySQL");
}

// Everything but the final masking of secrets from the messages.
Result<ResolvedConnection> resolveSources(const ConnectionSources& sources, SecretMasker& masker)
{
    ResolvedConnection out;
    ConnectionProfile& profile = out.profile;
    QMap<QString, QString>& origins = out.origins;
    QStringList& warnings = out.warnings;

    // The server container's environment, weakest first: a later set() wins.
    VariableSet variables;
    for (auto it = sources.environment.cbegin(); it != sources.environment.cend(); ++it)
        variables.set(it.key(), it.value(), QStringLiteral("environment (%1)").arg(it.key()));
    for (const QString& path : sources.envFiles) {
        auto envFile = EnvFile::read(path);
        if (!envFile)
            return envFile.error();
        if (envFile->entries().isEmpty())
            warnings.append(QStringLiteral("%1 sets no variables").arg(envFile->fileName()));
        envFile->applyTo(variables);
    }
    if (!sources.helmValuesFile.isEmpty()) {
        auto helm = HelmValues::read(sources.helmValuesFile);
        if (!helm)
            return helm.error();
        warnings.append(helm->warnings());
        helm->applyTo(variables);
    }
    masker.add(variables.secretValues());

    OpenMetadataConfig config = OpenMetadataConfig::stock();
    if (!sources.configFile.isEmpty()) {
        auto read = OpenMetadataConfig::read(sources.configFile);
        if (!read)
            return read.error();
        config = std::move(read).value();
    }

    const VariableExpander expander(variables);
    const Expanded url = expand(expander, config.url());
    const Expanded user = expand(expander, config.user());
    const Expanded password = expand(expander, config.password());
    const Expanded driver = expand(expander, config.driverClass());
    masker.add(password.text());
    // Left as text, an unclosed ${DB_HOST:-localhost would surface as a puzzling error
    // about the url's shape; say what it is.
    for (const Expanded* value : {&url, &user, &password, &driver}) {
        if (value->expansion.unclosed.isEmpty())
            continue;
        const bool secret = value == &password;
        return makeError(
            secret ? QStringLiteral("the password has a \"${\" that is never closed")
                   : QStringLiteral("\"%1\" opens a \"${\" that is never closed")
                         .arg(DisplayText::value(value->expansion.unclosed, 60)),
            value->source.origin,
            QStringLiteral("Add the closing \"}\" (for example ${DB_HOST:-localhost}), or write "
                           "$${ for a literal ${."));
    }
    // The same mistake in a variable's value (an env file's DB_HOST=${OTHER:-x). Not for the
    // password: the server takes a value as it is, and a password may well hold "${".
    for (const Expanded* value : {&url, &user, &driver}) {
        for (const ExpansionSegment& segment : value->expansion.segments) {
            if (segment.kind != ExpansionSegment::Kind::Value)
                continue;
            const QString part = value->text().mid(segment.start, segment.length);
            const qsizetype open = part.lastIndexOf(QLatin1String("${"));
            if (open < 0 || part.indexOf(QLatin1Char('}'), open) >= 0)
                continue;
            return makeError(
                QStringLiteral("%1 is \"%2\", which opens a \"${\" that is never closed")
                    .arg(segment.variable, DisplayText::value(part, 60)),
                segment.origin,
                QStringLiteral("Add the closing \"}\" (for example ${DB_HOST:-localhost}) or "
                               "write the value itself."));
        }
    }

    const bool explicitEngine = sources.engine && *sources.engine != Engine::Unknown;
    // With engine, host and database typed in, a broken url need not stop the user.
    const bool urlNotNeeded = explicitEngine && sources.host && sources.database;

    // --- The JDBC url.
    std::optional<JdbcUrl> jdbc;
    if (!config.url().present || url.text().trimmed().isEmpty()) {
        const QStringList missing = url.expansion.unresolved();
        if (!urlNotNeeded) {
            if (!missing.isEmpty())
                return unresolvedError(url.source.origin, missing.first(),
                                       QStringLiteral("the JDBC url"),
                                       QStringLiteral("--engine, --host and --database"));
            return makeError(QStringLiteral("the database section has no url"),
                             config.url().present ? config.url().origin : config.sectionOrigin(),
                             QStringLiteral("Add url: jdbc:mysql://host:3306/openmetadata_db (or "
                                            "jdbc:postgresql://...), or enter the engine, host and "
                                            "database (--engine, --host, --database)."));
        }
    } else {
        auto parsed = JdbcUrl::parse(url.text());
        if (parsed) {
            jdbc = std::move(parsed).value();
        } else {
            const QStringList missing = url.expansion.unresolved();
            if (!urlNotNeeded) {
                if (!missing.isEmpty())
                    return unresolvedError(url.source.origin, missing.first(),
                                           QStringLiteral("the JDBC url"),
                                           QStringLiteral("--engine, --host and --database"));
                Error error = parsed.error();
                error.where = url.source.origin;
                return error;
            }
            warnings.append(QStringLiteral("%1: %2; the engine, host and database entered are "
                                           "used instead")
                                .arg(url.source.origin, parsed.error().message));
        }
    }
    if (jdbc) {
        masker.add(jdbc->userInfoPassword);
        if (const JdbcUrl::Param* secret = jdbc->param(QStringLiteral("password")))
            masker.add(secret->value);
    }

    // --- Engine: the url's scheme, else driverClass; they must agree.
    std::optional<Engine> schemeEngine;
    QString schemeOrigin;
    if (jdbc) {
        const QStringList missing = url.unresolvedIn(jdbc->schemeSpan);
        schemeOrigin = url.originOf(jdbc->schemeSpan);
        const QString scheme = jdbc->scheme.trimmed().toLower();
        if (!missing.isEmpty()) {
            if (!explicitEngine)
                return unresolvedError(url.source.origin, missing.first(),
                                       QStringLiteral("the database engine (jdbc:<engine>://)"),
                                       QStringLiteral("--engine"));
        } else if (scheme == QLatin1String("mysql")) {
            schemeEngine = Engine::MySql;
        } else if (scheme == QLatin1String("postgresql")) {
            schemeEngine = Engine::Postgres;
        } else if (scheme == QLatin1String("postgres")) {
            schemeEngine = Engine::Postgres;
            warnings.append(QStringLiteral("%1: the PostgreSQL JDBC driver only accepts "
                                           "jdbc:postgresql://, not jdbc:postgres://; the server "
                                           "would fail to connect (set DB_SCHEME=postgresql)")
                                .arg(schemeOrigin));
        } else {
            const Error error = makeError(
                QStringLiteral("the JDBC url's engine '%1' is not one OpenMetadata supports "
                               "(mysql or postgresql; OpenMetadata does not support MariaDB or "
                               "others)")
                    .arg(jdbc->scheme),
                schemeOrigin,
                QStringLiteral("Use jdbc:mysql:// or jdbc:postgresql:// (DB_SCHEME), or choose the "
                               "engine yourself (--engine)."));
            if (!explicitEngine)
                return error;
            warnings.append(error.toString());
        }
    }

    std::optional<Engine> driverEngine;
    const QString driverOrigin = driver.origin();
    if (driver.source.present) {
        const QStringList missing = driver.expansion.unresolved();
        const QString driverClass = driver.text().trimmed();
        if (!missing.isEmpty()) {
            if (!explicitEngine)
                return unresolvedError(driver.source.origin, missing.first(),
                                       QStringLiteral("the JDBC driver class"),
                                       QStringLiteral("--engine"));
        } else if (!driverClass.isEmpty()) {
            driverEngine = engineFromDriverClass(driverClass);
            if (!driverEngine) {
                const Error error =
                    makeError(QStringLiteral("driverClass %1 is not a driver OpenMetadata uses")
                                  .arg(driverClass),
                              driverOrigin,
                              QStringLiteral(
                                  "Use com.mysql.cj.jdbc.Driver for MySQL or org.postgresql.Driver "
                                  "for PostgreSQL (DB_DRIVER_CLASS), or choose the engine "
                                  "yourself (--engine)."));
                if (!explicitEngine)
                    return error;
                warnings.append(error.toString());
            }
        }
    }

    if (schemeEngine && driverEngine && *schemeEngine != *driverEngine) {
        const Error error = makeError(
            QStringLiteral("the JDBC url is for %1 (jdbc:%2, from %3) but driverClass is the %4 "
                           "driver (%5, from %6); they disagree")
                .arg(displayEngine(*schemeEngine), jdbc->scheme, schemeOrigin,
                     displayEngine(*driverEngine), driver.text().trimmed(), driverOrigin),
            schemeOrigin,
            QStringLiteral(
                "Make them name the same engine: jdbc:mysql with "
                "com.mysql.cj.jdbc.Driver, or jdbc:postgresql with org.postgresql.Driver "
                "(DB_SCHEME and DB_DRIVER_CLASS)."));
        if (!explicitEngine)
            return error;
        warnings.append(error.toString());
    }

    if (explicitEngine) {
        profile.engine = *sources.engine;
        origins.insert(QStringLiteral("engine"), explicitOrigin);
    } else if (schemeEngine) {
        profile.engine = *schemeEngine;
        origins.insert(QStringLiteral("engine"), schemeOrigin);
    } else if (driverEngine) {
        profile.engine = *driverEngine;
        origins.insert(QStringLiteral("engine"), driverOrigin);
    } else {
        return makeError(QStringLiteral("neither a JDBC url nor a driverClass says whether the "
                                        "database is MySQL or PostgreSQL"),
                         config.sectionOrigin(),
                         QStringLiteral("Choose the engine yourself (--engine mysql|postgres)."));
    }
    const Engine engine = profile.engine;

    // From here on every field is explicit or comes from the url; without a url all
    // fields that need it are explicit (urlNotNeeded).
    const auto needUrl = [&]() -> std::optional<Error> {
        if (jdbc)
            return std::nullopt;
        return makeError(QStringLiteral("there is no usable JDBC url"), url.source.origin,
                         QStringLiteral("Enter the engine, host and database yourself."));
    };

    // --- Host.
    if (sources.host) {
        profile.host = sources.host->trimmed();
        origins.insert(QStringLiteral("host"), explicitOrigin);
        if (profile.host.isEmpty())
            return makeError(QStringLiteral("the host entered is empty"), explicitOrigin,
                             QStringLiteral("Enter the database server's name or address."));
    } else {
        if (auto error = needUrl())
            return *error;
        const QStringList missing = url.unresolvedIn(jdbc->hostSpan);
        if (!missing.isEmpty())
            return unresolvedError(url.source.origin, missing.first(),
                                   QStringLiteral("the database host"), QStringLiteral("--host"));
        profile.host = jdbc->host.trimmed();
        origins.insert(QStringLiteral("host"), url.originOf(jdbc->hostSpan));
        if (profile.host.isEmpty())
            return makeError(QStringLiteral("the JDBC url names no host"),
                             url.originOf(jdbc->hostSpan),
                             QStringLiteral("Set DB_HOST, or enter the host yourself (--host)."));
        if (jdbc->extraHosts > 0)
            warnings.append(QStringLiteral("%1: the JDBC url lists %2 more host(s) for failover; "
                                           "only the first, %3, is used")
                                .arg(url.source.origin)
                                .arg(jdbc->extraHosts)
                                .arg(profile.host));
    }

    // --- Port.
    if (sources.port) {
        profile.port = *sources.port;
        origins.insert(QStringLiteral("port"), explicitOrigin);
        if (profile.port < 1 || profile.port > 65535)
            return makeError(QStringLiteral("the port %1 entered is not a number from 1 to 65535")
                                 .arg(profile.port),
                             explicitOrigin,
                             QStringLiteral("Enter the database server's port (MySQL usually "
                                            "3306, PostgreSQL 5432)."));
    } else {
        bool fromUrl = false;
        if (jdbc && jdbc->portSpan.present()) {
            const QStringList missing = url.unresolvedIn(jdbc->portSpan);
            if (!missing.isEmpty())
                return unresolvedError(url.source.origin, missing.first(),
                                       QStringLiteral("the database port"),
                                       QStringLiteral("--port"));
            const QString text = jdbc->port.trimmed();
            const QString origin = url.originOf(jdbc->portSpan);
            if (!text.isEmpty()) {
                bool ok = false;
                const int port = text.toInt(&ok);
                if (!ok || port < 1 || port > 65535)
                    return makeError(
                        QStringLiteral("the port '%1' is not a number from 1 to 65535").arg(text),
                        origin,
                        QStringLiteral("Fix it there (MySQL usually listens on 3306, PostgreSQL "
                                       "on 5432), or enter the port yourself (--port)."));
                profile.port = port;
                origins.insert(QStringLiteral("port"), origin);
                fromUrl = true;
            }
        }
        if (!fromUrl) { // no ':port' in the url: the driver's default
            profile.port = defaultPort(engine);
            origins.insert(QStringLiteral("port"), defaultOrigin);
        }
        // OpenMetadata's template defaults DB_PORT to 3306 whatever the engine; its
        // PostgreSQL setups set DB_PORT=5432. Keep what the files say, but point it out.
        const Engine other = engine == Engine::Postgres ? Engine::MySql : Engine::Postgres;
        if (profile.port == defaultPort(other))
            warnings.append(QStringLiteral("%1 is set to port %2 (from %3), the usual port of %4; "
                                           "if the connection fails, set DB_PORT=%5 or enter the "
                                           "port yourself (--port)")
                                .arg(displayEngine(engine))
                                .arg(profile.port)
                                .arg(origins.value(QStringLiteral("port")), displayEngine(other))
                                .arg(defaultPort(engine)));
    }

    // --- Database.
    if (sources.database) {
        profile.database = sources.database->trimmed();
        origins.insert(QStringLiteral("database"), explicitOrigin);
        if (profile.database.isEmpty())
            return makeError(QStringLiteral("the database name entered is empty"), explicitOrigin,
                             QStringLiteral("Enter OpenMetadata's database (usually "
                                            "openmetadata_db)."));
    } else {
        if (auto error = needUrl())
            return *error;
        const QStringList missing = url.unresolvedIn(jdbc->databaseSpan);
        if (!missing.isEmpty())
            return unresolvedError(url.source.origin, missing.first(),
                                   QStringLiteral("the database name"),
                                   QStringLiteral("--database"));
        profile.database = jdbc->database.trimmed();
        origins.insert(QStringLiteral("database"), url.originOf(jdbc->databaseSpan));
        if (profile.database.isEmpty())
            return makeError(QStringLiteral("the JDBC url names no database"),
                             url.originOf(jdbc->databaseSpan),
                             QStringLiteral("Set OM_DATABASE (usually openmetadata_db), or enter "
                                            "the database yourself (--database)."));
    }

    // --- Parameters, as written; a password among them is never kept (toJson shows them).
    if (jdbc) {
        const QStringList missing = url.unresolvedIn(jdbc->querySpan);
        if (!missing.isEmpty() && !sources.tlsMode)
            return unresolvedError(url.source.origin, missing.first(),
                                   QStringLiteral("the connection parameters (TLS among them)"),
                                   QStringLiteral("the TLS mode"));
        for (const JdbcUrl::Param& param : jdbc->params) {
            if (param.key.compare(QLatin1String("password"), Qt::CaseInsensitive) != 0)
                profile.params.insert(param.key, param.value);
        }
    }
    origins.insert(QStringLiteral("params"), jdbc ? url.originOf(jdbc->querySpan) : defaultOrigin);

    // --- TLS.
    const JdbcTls tls = jdbc ? JdbcTls::fromUrl(engine, *jdbc) : JdbcTls{};
    for (const QString& warning : tls.warnings)
        warnings.append(QStringLiteral("%1: %2").arg(url.source.origin, warning));
    if (sources.tlsMode) {
        profile.tlsMode = *sources.tlsMode;
        origins.insert(QStringLiteral("tls"), explicitOrigin);
    } else {
        profile.tlsMode = tls.mode;
        QStringList tlsOrigins;
        for (const QString& key : tls.decidedBy) {
            const QString origin = url.originOf(jdbc->param(key)->span);
            if (!tlsOrigins.contains(origin))
                tlsOrigins.append(origin);
        }
        origins.insert(QStringLiteral("tls"), tlsOrigins.isEmpty()
                                                  ? defaultOrigin
                                                  : tlsOrigins.join(QStringLiteral(", ")));
    }
    profile.tlsCaFile = sources.tlsCaFile ? *sources.tlsCaFile : tls.caFile;

    // --- Schema (PostgreSQL): currentSchema, first of its list.
    if (sources.schema) {
        profile.schema = sources.schema->trimmed();
        origins.insert(QStringLiteral("schema"), explicitOrigin);
    } else if (const JdbcUrl::Param* current = (jdbc && engine == Engine::Postgres)
                                                   ? jdbc->param(QStringLiteral("currentSchema"))
                                                   : nullptr) {
        profile.schema = current->value.section(QLatin1Char(','), 0, 0).trimmed();
        origins.insert(QStringLiteral("schema"), url.originOf(current->span));
    } else {
        origins.insert(QStringLiteral("schema"), defaultOrigin);
    }

    // --- User.
    if (sources.user) {
        profile.user = *sources.user;
        origins.insert(QStringLiteral("user"), explicitOrigin);
    } else {
        if (user.source.present) {
            const QStringList missing = user.expansion.unresolved();
            if (!missing.isEmpty())
                return unresolvedError(user.source.origin, missing.first(),
                                       QStringLiteral("the database user"),
                                       QStringLiteral("--user"));
            profile.user = user.text().trimmed();
            origins.insert(QStringLiteral("user"), user.origin());
        }
        if (profile.user.isEmpty() && jdbc) { // jdbc:...://user@host or ?user=
            if (!jdbc->userInfoUser.isEmpty()) {
                profile.user = jdbc->userInfoUser;
                origins.insert(QStringLiteral("user"), url.originOf(jdbc->userInfoSpan));
            } else if (const JdbcUrl::Param* param = jdbc->param(QStringLiteral("user"))) {
                profile.user = param->value;
                origins.insert(QStringLiteral("user"), url.originOf(param->span));
            }
        }
        if (profile.user.isEmpty())
            return makeError(QStringLiteral("no database user is set"),
                             user.source.present ? user.source.origin : config.sectionOrigin(),
                             QStringLiteral("Add user: to the database section, set DB_USER, or "
                                            "enter the user yourself (--user)."));
    }

    // --- Password. Never quoted in any message.
    if (sources.password) {
        profile.password = *sources.password;
        origins.insert(QStringLiteral("password"), explicitOrigin);
    } else if (const ExpansionSegment* secret = password.unreadable()) {
        origins.insert(QStringLiteral("password"), secret->origin);
        warnings.append(QStringLiteral("the database password comes from %1 (%2), which cannot "
                                       "be read here: type it in, set OMU_DB_PASSWORD, or use "
                                       "--password-file")
                            .arg(secret->hint, secret->origin));
    } else {
        const QStringList missing = password.expansion.unresolved();
        if (!missing.isEmpty())
            return unresolvedError(password.source.origin, missing.first(),
                                   QStringLiteral("the database password"),
                                   QStringLiteral("--password-file FILE or the OMU_DB_PASSWORD "
                                                  "environment variable"));
        profile.password = password.text();
        origins.insert(QStringLiteral("password"), password.origin());
        if (profile.password.isEmpty() && jdbc) {
            if (!jdbc->userInfoPassword.isEmpty()) {
                profile.password = jdbc->userInfoPassword;
                origins.insert(QStringLiteral("password"), url.originOf(jdbc->userInfoSpan));
            } else if (const JdbcUrl::Param* param = jdbc->param(QStringLiteral("password"))) {
                profile.password = param->value;
                origins.insert(QStringLiteral("password"), url.originOf(param->span));
            }
        }
    }
    masker.add(profile.password);

    // A host from a file that is no host at all (a file pasted into a variable): said here
    // with where it came from, and never echoed whole.
    if (profile.host.size() > 253 ||
        std::any_of(profile.host.cbegin(), profile.host.cend(),
                    [](QChar c) { return c.isSpace() || c.category() == QChar::Other_Control; }))
        return makeError(QStringLiteral("the database host %1 is not a host name or address%2")
                             .arg(DisplayText::value(profile.host, 60),
                                  profile.host.size() > 253
                                      ? QStringLiteral(" (a host name has at most 253 characters)")
                                      : QStringLiteral(" (it holds spaces or control characters)")),
                         origins.value(QStringLiteral("host")),
                         QStringLiteral("Check the value where it is set."));

    // --- Connect timeout.
    if (sources.connectTimeoutSeconds) {
        if (*sources.connectTimeoutSeconds < 1)
            return makeError(QStringLiteral("the connect timeout must be at least 1 second"),
                             explicitOrigin);
        profile.connectTimeoutSeconds = *sources.connectTimeoutSeconds;
        origins.insert(QStringLiteral("connectTimeoutSeconds"), explicitOrigin);
    } else {
        profile.connectTimeoutSeconds = 10;
        origins.insert(QStringLiteral("connectTimeoutSeconds"), defaultOrigin);
    }
    return out;
}

} // namespace

Result<ResolvedConnection> ConnectionResolver::resolve(const ConnectionSources& sources)
{
    SecretMasker masker;
    if (sources.password)
        masker.add(*sources.password);
    // Messages quote what the files say: masked, control characters escaped, long values
    // cut, so no file can drive the terminal or flood it.
    auto resolved = resolveSources(sources, masker);
    if (!resolved) {
        Error error = masker.mask(resolved.error());
        error.advice = masker.maskKnown(resolved.error().advice);
        return DisplayText::error(error);
    }
    ResolvedConnection connection = std::move(resolved).value();
    for (QString& warning : connection.warnings)
        warning = DisplayText::value(masker.mask(warning), 1000);
    return connection;
}

} // namespace omu

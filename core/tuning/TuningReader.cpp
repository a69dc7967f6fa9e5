#include "TuningReader.h"

#include "common/ByteSize.h"
#include "TuningAdvisor.h"
#include "TuningSql.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <limits>

namespace omu {

namespace {

Error readError(DatabaseSession& session, const QString& what, const SqlFailure& failure)
{
    return makeError(QStringLiteral("Could not read %1: %2").arg(what, failure.text),
                     session.profile().displayName(),
                     QStringLiteral("Check that the connection still works (Test connection)."));
}

// Server values are whatever was set, so they are read without omupgrade's own cap.
constexpr qint64 anyServerValue = std::numeric_limits<qint64>::max() / 2;

qint64 postgresBytes(const QString& text)
{
    const auto bytes = ByteSize::parse(text, ByteSize::KiB, anyServerValue);
    return bytes ? bytes.value() : -1;
}

// --- MySQL / MariaDB -----------------------------------------------------------------

void readMySqlSource(DatabaseSession& session, TuningReport& report)
{
    // MariaDB keeps the origin in information_schema, MySQL 8 in performance_schema.
    const auto mariadb = queryRows(
        session, QStringLiteral("SELECT GLOBAL_VALUE_ORIGIN, DEFAULT_VALUE, GLOBAL_VALUE_PATH "
                                "FROM information_schema.SYSTEM_VARIABLES WHERE VARIABLE_NAME = "
                                "'SORT_BUFFER_SIZE'"));
    QString origin;
    QString path;
    if (mariadb && !mariadb.value().isEmpty()) {
        const auto& row = mariadb.value().first();
        origin = row.value(0).toUpper();
        report.serverDefaultBytes = row.value(1).isEmpty() ? -1 : row.value(1).toLongLong();
        path = row.value(2);
    } else {
        const auto mysql = queryRows(
            session, QStringLiteral("SELECT VARIABLE_SOURCE, VARIABLE_PATH FROM "
                                    "performance_schema.variables_info WHERE VARIABLE_NAME = "
                                    "'sort_buffer_size'"));
        if (mysql && !mysql.value().isEmpty()) {
            origin = mysql.value().first().value(0).toUpper();
            path = mysql.value().first().value(1);
        }
    }
    const QString in = path.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(path);
    if (origin == QLatin1String("COMPILE-TIME") || origin == QLatin1String("COMPILED") ||
        origin == QLatin1String("AUTO")) {
        report.source = QStringLiteral("default");
        report.sourceText = QStringLiteral("the server's built-in default");
    } else if (origin == QLatin1String("CONFIG") || origin == QLatin1String("GLOBAL") ||
               origin == QLatin1String("SERVER") || origin == QLatin1String("EXPLICIT") ||
               origin == QLatin1String("EXTRA") || origin == QLatin1String("USER") ||
               origin == QLatin1String("LOGIN")) {
        report.source = QStringLiteral("config-file");
        report.sourceText = QStringLiteral("a server configuration file%1").arg(in);
    } else if (origin == QLatin1String("COMMAND-LINE") || origin == QLatin1String("COMMAND_LINE")) {
        report.source = QStringLiteral("command-line");
        report.sourceText = QStringLiteral("the server's command line");
    } else if (origin == QLatin1String("PERSISTED")) {
        report.source = QStringLiteral("persisted");
        report.sourceText = QStringLiteral("SET PERSIST (mysqld-auto.cnf)");
    } else if (origin == QLatin1String("SQL") || origin == QLatin1String("DYNAMIC")) {
        report.source = QStringLiteral("set-global");
        report.sourceText = QStringLiteral("SET GLOBAL since the server started (lost on restart)");
    } else {
        report.source = QStringLiteral("other");
        report.sourceText = QStringLiteral("not reported by this server");
    }
}

void readMySqlPrivileges(DatabaseSession& session, TuningReport& report)
{
    QSet<QString> global;
    static const QRegularExpression grantLine(QStringLiteral(R"(^GRANT (.+?) ON \*\.\* TO )"));
    if (const auto grants = queryRows(session, QStringLiteral("SHOW GRANTS"))) {
        for (const auto& row : grants.value()) {
            const auto match = grantLine.match(row.value(0));
            if (!match.hasMatch())
                continue;
            for (const auto& privilege : match.captured(1).split(QLatin1Char(',')))
                global.insert(privilege.trimmed().toUpper());
        }
    }
    auto& privileges = report.privileges;
    const bool mariadb = report.flavour == QLatin1String("mariadb");
    privileges.canSetGlobal =
        global.contains(QStringLiteral("ALL PRIVILEGES")) ||
        global.contains(QStringLiteral("SUPER")) ||
        (!mariadb && global.contains(QStringLiteral("SYSTEM_VARIABLES_ADMIN")));
    const QString needed =
        mariadb ? QStringLiteral("SUPER") : QStringLiteral("SYSTEM_VARIABLES_ADMIN (or SUPER)");
    if (report.managed.isManaged()) {
        privileges.route = TuningRoute::ParameterGroup;
        privileges.canApply = false;
        privileges.explanation =
            QStringLiteral(
                "%1 refuses SET GLOBAL, even for its admin user: the value changes "
                "through the service's parameter settings (see below). Recognised by %2.")
                .arg(report.managed.name, report.managed.evidence);
    } else if (privileges.canSetGlobal) {
        privileges.route = TuningRoute::SetGlobal;
        privileges.canApply = true;
        privileges.explanation =
            QStringLiteral("%1 may run SET GLOBAL; every new connection, the migration's "
                           "included, takes the global value. It lasts until the server "
                           "restarts.")
                .arg(report.user);
    } else {
        privileges.route = TuningRoute::None;
        privileges.canApply = false;
        privileges.missing = needed;
        privileges.explanation =
            QStringLiteral("%1 may not change sort_buffer_size: SET GLOBAL needs the %2 "
                           "privilege. Ask a DBA to run the SQL below (or to grant the "
                           "privilege), or add the line to the server's my.cnf and restart it.")
                .arg(report.user, needed);
    }
}

Result<TuningReport> readMySql(DatabaseSession& session,
                               const std::optional<ManagedService>& managed)
{
    TuningReport report;
    const auto info = queryRows(
        session, QStringLiteral("SELECT @@GLOBAL.sort_buffer_size, @@SESSION.sort_buffer_size, "
                                "VERSION(), @@version_comment, @@basedir"));
    if (!info || info.value().isEmpty())
        return readError(session, QStringLiteral("sort_buffer_size"),
                         info ? SqlFailure{QStringLiteral("no answer"), {}} : info.error());
    const auto& row = info.value().first();
    report.user = session.profile().user;
    report.database = session.profile().database;
    report.globalBytes = row.value(0).toLongLong();
    report.newSessionBytes = row.value(1).toLongLong();
    report.newSessionValue = row.value(1);
    const bool mariadb = row.value(2).contains(QLatin1String("MariaDB"), Qt::CaseInsensitive) ||
                         row.value(3).contains(QLatin1String("MariaDB"), Qt::CaseInsensitive);
    report.flavour = mariadb ? QStringLiteral("mariadb") : QStringLiteral("mysql");
    if (mariadb)
        report.warnings << QStringLiteral("This is MariaDB, which OpenMetadata does not support; "
                                          "the value is read and set the same way as on MySQL.");

    if (managed) {
        report.managed = *managed;
    } else {
        ServerEvidence evidence;
        evidence.host = session.profile().host;
        evidence.version = row.value(2);
        evidence.versionComment = row.value(3);
        evidence.baseDir = row.value(4);
        if (const auto names = queryRows(
                session, QStringLiteral("SHOW GLOBAL VARIABLES WHERE Variable_name LIKE 'aurora%' "
                                        "OR Variable_name LIKE 'rds%' OR Variable_name LIKE "
                                        "'cloudsql%' OR Variable_name LIKE 'azure%'")))
            for (const auto& name : names.value())
                evidence.variableNames << name.value(0);
        report.managed = ManagedServiceDetector::detect(evidence);
    }
    readMySqlSource(session, report);
    readMySqlPrivileges(session, report);
    return report;
}

// --- PostgreSQL ----------------------------------------------------------------------

Result<QList<SettingOverride>> readPostgresOverrides(DatabaseSession& session, const QString& role)
{
    // Defaults for this database (setrole 0), for the role everywhere (setdatabase 0) and
    // for the role in this database; each entry of setconfig reads "work_mem=4MB".
    const auto found = queryRows(
        session,
        QStringLiteral(
            "SELECT s.setdatabase <> 0, s.setrole <> 0, substr(c.entry, length('work_mem=') + 1) "
            "FROM pg_db_role_setting s CROSS JOIN LATERAL unnest(s.setconfig) AS c(entry) "
            "WHERE c.entry LIKE 'work_mem=%' "
            "AND s.setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = "
            "current_database())) "
            "AND s.setrole IN (0, (SELECT oid FROM pg_roles WHERE rolname = ?)) "
            "ORDER BY 1, 2"),
        {role});
    if (!found)
        return readError(session, QStringLiteral("pg_db_role_setting"), found.error());
    QList<SettingOverride> overrides;
    for (const auto& row : found.value()) {
        const bool database = TuningSql::isTrue(row.value(0));
        const bool forRole = TuningSql::isTrue(row.value(1));
        SettingOverride entry;
        entry.value = row.value(2);
        entry.bytes = postgresBytes(entry.value);
        if (database && forRole)
            entry.level = TuningRoute::AlterRoleInDatabase;
        else if (database)
            entry.level = TuningRoute::AlterDatabase;
        else {
            entry.level = TuningRoute::AlterRoleInDatabase;
            entry.allDatabases = true;
        }
        overrides << entry;
    }
    return overrides;
}

void readPostgresSource(const QStringList& setting, TuningReport& report)
{
    const QString source = setting.value(2);
    const QString file = setting.value(3);
    const QString line = setting.value(4);
    if (source == QLatin1String("default")) {
        report.source = QStringLiteral("default");
        report.sourceText = QStringLiteral("the server's built-in default");
    } else if (source == QLatin1String("configuration file")) {
        report.source = QStringLiteral("config-file");
        if (file.endsWith(QLatin1String("postgresql.auto.conf")))
            report.sourceText = QStringLiteral("ALTER SYSTEM (%1:%2)").arg(file, line);
        else if (!file.isEmpty())
            report.sourceText = QStringLiteral("the configuration file %1:%2").arg(file, line);
        else
            report.sourceText = QStringLiteral("the server's configuration file (postgresql.conf "
                                               "or ALTER SYSTEM)");
    } else if (source == QLatin1String("database")) {
        report.source = QStringLiteral("database");
        report.sourceText = QStringLiteral("the default of database %1 (ALTER DATABASE ... SET)")
                                .arg(report.database);
    } else if (source == QLatin1String("user")) {
        report.source = QStringLiteral("role");
        report.sourceText =
            QStringLiteral("the default of role %1 (ALTER ROLE ... SET)").arg(report.user);
    } else if (source == QLatin1String("database user")) {
        report.source = QStringLiteral("role-in-database");
        report.sourceText = QStringLiteral("the default of role %1 in database %2 (ALTER ROLE ... "
                                           "IN DATABASE ... SET)")
                                .arg(report.user, report.database);
    } else {
        report.source = QStringLiteral("other");
        report.sourceText = source;
    }
}

void readPostgresPrivileges(DatabaseSession& session, TuningReport& report)
{
    auto& privileges = report.privileges;
    const auto facts = queryRows(
        session, QStringLiteral("SELECT r.rolsuper, pg_has_role(current_user, d.datdba, 'USAGE') "
                                "FROM pg_roles r, pg_database d WHERE r.rolname = current_user "
                                "AND d.datname = current_database()"));
    if (facts && !facts.value().isEmpty()) {
        privileges.superuser = TuningSql::isTrue(facts.value().first().value(0));
        privileges.ownsDatabase = TuningSql::isTrue(facts.value().first().value(1));
    }
    // "Ordinary roles can only set defaults for themselves" - and that is always allowed.
    privileges.canAlterOwnRole = true;
    privileges.canApply = true;
    const bool roleDefaultExists = std::any_of(
        report.overrides.cbegin(), report.overrides.cend(), [](const SettingOverride& entry) {
            return entry.level == TuningRoute::AlterRoleInDatabase;
        });
    if (roleDefaultExists) {
        privileges.route = TuningRoute::AlterRoleInDatabase;
        privileges.explanation =
            QStringLiteral("Role %1 has its own work_mem default, which wins over the "
                           "database's, so omupgrade sets it for %1 in database %2 (ALTER ROLE "
                           "... IN DATABASE ... SET): the migration connects as %1.")
                .arg(report.user, report.database);
    } else if (privileges.superuser || privileges.ownsDatabase) {
        privileges.route = TuningRoute::AlterDatabase;
        privileges.explanation =
            QStringLiteral("%1 %2, so omupgrade sets the default of database %3 (ALTER DATABASE "
                           "... SET): every new session in it, the migration's included, gets "
                           "the value. A plain SET would only last one session.")
                .arg(report.user,
                     privileges.superuser ? QStringLiteral("is a superuser")
                                          : QStringLiteral("owns the database"),
                     report.database);
    } else {
        privileges.route = TuningRoute::AlterRoleInDatabase;
        privileges.missing =
            QStringLiteral("ownership of database %1 (or superuser)").arg(report.database);
        privileges.explanation =
            QStringLiteral("%1 does not own database %2, so its database-wide default is out of "
                           "reach (ALTER DATABASE needs the owner or a superuser). omupgrade "
                           "sets the default for role %1 in database %2 instead, which every "
                           "role may do for itself: the migration connects as %1, so it gets the "
                           "value. A DBA who prefers the database-wide default can run the SQL "
                           "below.")
                .arg(report.user, report.database);
    }
    if (report.managed.isManaged())
        privileges.explanation +=
            QStringLiteral(" %1 allows this (only ALTER SYSTEM is refused there); for a value "
                           "that survives for the whole instance, use its parameter settings.")
                .arg(report.managed.name);
}

Result<TuningReport> readPostgres(DatabaseSession& session,
                                  const std::optional<ManagedService>& managed)
{
    TuningReport report;
    report.flavour = QStringLiteral("postgresql");
    const auto setting = queryRows(
        session, QStringLiteral("SELECT setting, unit, source, sourcefile, sourceline, boot_val, "
                                "current_setting('work_mem'), current_user "
                                "FROM pg_settings WHERE name = 'work_mem'"));
    if (!setting || setting.value().isEmpty())
        return readError(session, QStringLiteral("work_mem"),
                         setting ? SqlFailure{QStringLiteral("no answer"), {}} : setting.error());
    const auto& row = setting.value().first();
    const qint64 unit = row.value(1) == QLatin1String("kB") ? ByteSize::KiB : 1;
    report.newSessionBytes = row.value(0).toLongLong() * unit;
    report.serverDefaultBytes = row.value(5).toLongLong() * unit;
    report.newSessionValue = row.value(6);
    report.user = row.value(7);
    report.database = session.profile().database;
    readPostgresSource(row, report);

    auto overrides = readPostgresOverrides(session, report.user);
    if (!overrides)
        return overrides.error();
    report.overrides = overrides.value();

    if (managed) {
        report.managed = *managed;
    } else {
        ServerEvidence evidence;
        evidence.host = session.profile().host;
        if (const auto version = queryValue(session, QStringLiteral("SELECT version()")))
            evidence.version = version.value();
        if (const auto names = queryRows(
                session, QStringLiteral("SELECT name FROM pg_settings WHERE name LIKE 'rds.%' OR "
                                        "name LIKE 'apg%' OR name LIKE 'aurora%' OR name LIKE "
                                        "'cloudsql.%' OR name LIKE 'azure.%'")))
            for (const auto& name : names.value())
                evidence.variableNames << name.value(0);
        if (const auto roles =
                queryRows(session, QStringLiteral(
                                       "SELECT rolname FROM pg_roles WHERE rolname IN "
                                       "('rds_superuser', 'cloudsqlsuperuser', 'azure_pg_admin')")))
            for (const auto& role : roles.value())
                evidence.roleNames << role.value(0);
        report.managed = ManagedServiceDetector::detect(evidence);
    }
    readPostgresPrivileges(session, report);
    return report;
}

} // namespace

Result<TuningReport> TuningReader::read(DatabaseSession& session,
                                        const std::optional<ManagedService>& managed)
{
    auto report = session.engine() == Engine::Postgres ? readPostgres(session, managed)
                                                       : readMySql(session, managed);
    if (!report)
        return report;
    TuningReport& result = report.value();
    result.engine = session.engine();
    result.parameter = TuningAdvisor::parameterName(session.engine());
    result.database = session.profile().database;
    if (result.user.isEmpty())
        result.user = session.profile().user;
    result.queryEntity = measureQueryEntity(session);
    result.recommendation = TuningAdvisor::recommend(result.queryEntity, session.engine());
    if (result.recommendation.capped)
        result.warnings << result.recommendation.reason;
    return report;
}

Result<TuningReader::SessionValue> TuningReader::sessionValue(DatabaseSession& session)
{
    const QString sql = session.engine() == Engine::Postgres
                            ? QStringLiteral("SELECT setting, unit, current_setting('work_mem') "
                                             "FROM pg_settings WHERE name = 'work_mem'")
                            : QStringLiteral("SELECT @@SESSION.sort_buffer_size, '', "
                                             "@@SESSION.sort_buffer_size");
    const auto found = queryRows(session, sql);
    if (!found || found.value().isEmpty())
        return readError(session, TuningAdvisor::parameterName(session.engine()),
                         found ? SqlFailure{QStringLiteral("no answer"), {}} : found.error());
    const auto& row = found.value().first();
    const qint64 unit = row.value(1) == QLatin1String("kB") ? ByteSize::KiB : 1;
    return SessionValue{row.value(0).toLongLong() * unit, row.value(2)};
}

Result<qint64> TuningReader::globalBytes(DatabaseSession& session)
{
    const auto found = queryValue(session, QStringLiteral("SELECT @@GLOBAL.sort_buffer_size"));
    if (!found)
        return readError(session, QStringLiteral("sort_buffer_size"), found.error());
    return found.value().toLongLong();
}

Result<std::optional<SettingOverride>>
TuningReader::overrideAt(DatabaseSession& session, TuningRoute level, const QString& role)
{
    const auto overrides = readPostgresOverrides(session, role);
    if (!overrides)
        return overrides.error();
    for (const auto& entry : overrides.value())
        if (entry.level == level && !entry.allDatabases)
            return std::optional<SettingOverride>(entry);
    return std::optional<SettingOverride>();
}

QueryEntitySize TuningReader::measureQueryEntity(DatabaseSession& session)
{
    QueryEntitySize size;
    const bool postgres = session.engine() == Engine::Postgres;
    const QString schema = session.profile().effectiveSchema();
    const auto name =
        postgres
            ? queryValue(session,
                         QStringLiteral("SELECT c.relname FROM pg_class c JOIN "
                                        "pg_namespace n ON n.oid = c.relnamespace WHERE "
                                        "n.nspname = ? AND lower(c.relname) = "
                                        "'query_entity' AND c.relkind IN ('r', 'p')"),
                         {schema})
            : queryValue(session, QStringLiteral("SELECT TABLE_NAME FROM information_schema.TABLES "
                                                 "WHERE TABLE_SCHEMA = DATABASE() AND "
                                                 "LOWER(TABLE_NAME) = 'query_entity'"));
    if (!name) {
        size.note = QStringLiteral("the table list could not be read: %1").arg(name.error().text);
        return size;
    }
    if (name.value().isNull()) {
        size.note = QStringLiteral("there is no query_entity table in %1%2: this does not look "
                                   "like an OpenMetadata database")
                        .arg(session.profile().database,
                             postgres ? QStringLiteral(" (schema %1)").arg(schema) : QString());
        return size;
    }
    size.present = true;
    QString sql;
    if (postgres) {
        // Bounded: a huge table must not hold the page up; the floor applies instead.
        // Best effort: without it the connection's own timeouts still apply.
        static_cast<void>(TuningSql::exec(
            session, QStringLiteral("SET statement_timeout = '%1s'").arg(measureTimeoutSeconds)));
        sql = QStringLiteral("SELECT count(*), coalesce(max(octet_length(json::text)), 0), "
                             "coalesce(sum(octet_length(json::text)), 0) FROM %1.%2")
                  .arg(session.quoteIdentifier(schema), session.quoteIdentifier(name.value()));
    } else {
        // MAX_EXECUTION_TIME bounds it on MySQL 8; MariaDB reads the hint as a comment and
        // is bounded by the connection's read timeout.
        sql =
            QStringLiteral("SELECT /*+ MAX_EXECUTION_TIME(%1) */ COUNT(*), "
                           "COALESCE(MAX(LENGTH(json)), 0), COALESCE(SUM(LENGTH(json)), 0) FROM %2")
                .arg(measureTimeoutSeconds * 1000)
                .arg(session.quoteIdentifier(name.value()));
    }
    const auto figures = queryRows(session, sql);
    if (postgres)
        static_cast<void>(TuningSql::exec(session, QStringLiteral("RESET statement_timeout")));
    if (!figures || figures.value().isEmpty()) {
        size.note = QStringLiteral("query_entity could not be measured: %1")
                        .arg(figures ? QStringLiteral("no answer") : figures.error().text);
        return size;
    }
    const auto& row = figures.value().first();
    size.measured = true;
    size.rows = row.value(0).toLongLong();
    size.largestDocumentBytes = row.value(1).toLongLong();
    size.totalDocumentBytes = row.value(2).toLongLong();
    return size;
}

} // namespace omu

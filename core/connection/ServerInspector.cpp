#include "ServerInspector.h"

#include "common/DisplayText.h"
#include "common/Version.h"
#include "DatabaseConnector.h"
#include "QueryRows.h"
#include "SessionControl.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace omu {

namespace {

// A query's rows (see queryRows()); empty on error: inspection is best-effort past the
// connection itself, a missing privilege becomes a warning.
QueryRows rows(DatabaseSession& session, const QString& sql, const QVariantList& bindings = {})
{
    auto result = queryRows(session, sql, bindings);
    return result ? std::move(result).value() : QueryRows();
}

QString firstValue(DatabaseSession& session, const QString& sql, const QVariantList& bindings = {})
{
    const auto result = queryValue(session, sql, bindings);
    return result ? result.value() : QString();
}

// How long a read of the inspection waits for another session's lock: a connection test
// must not hang behind a LOCK TABLE, and a wait that ends must not read as "no tables".
constexpr int lockTimeoutSeconds = 5;

bool gaveUpOnALock(const SqlFailure& failure)
{
    return SessionControl::isLockTimeout(failure.code + QLatin1Char(' ') + failure.text);
}

QString databaseName(DatabaseSession& session)
{
    return QStringLiteral("%1 on %2:%3")
        .arg(DisplayText::value(session.profile().database, 100),
             DisplayText::value(session.profile().host, 100))
        .arg(session.profile().port);
}

// What reading `what` ran into: another session's lock, named as far as the server tells.
ConnectionFailure lockedFailure(DatabaseSession& session, const QString& what)
{
    const LockWait holders = SessionControl::lockHolders(session, session.profile().database);
    const QString kill = session.engine() == Engine::Postgres
                             ? QStringLiteral("SELECT pg_terminate_backend(<pid>)")
                             : QStringLiteral("KILL <pid>");
    return ConnectionFailure{
        ConnectionFailure::Kind::Locked,
        QStringLiteral("Could not read %1 of %2: %3 for %4 s, and gave up.")
            .arg(what, databaseName(session), holders.describe())
            .arg(lockTimeoutSeconds),
        QStringLiteral("Another session holds a lock on OpenMetadata's tables (a running "
                       "migration, a backup tool, a LOCK TABLE left open). Wait for it to end, "
                       "or end it (%1), then test again.")
            .arg(kill),
        {}};
}

QString leadingVersion(const QString& text)
{
    static const QRegularExpression number(QStringLiteral(R"((\d+(?:\.\d+)+))"));
    return number.match(text).captured(1);
}

// --- the server ---------------------------------------------------------------------

void inspectMySqlServer(DatabaseSession& session, InspectionReport& report)
{
    const auto info =
        rows(session, QStringLiteral("SELECT VERSION(), @@version_comment, @@basedir"));
    ServerEvidence evidence;
    evidence.host = session.profile().host;
    if (!info.isEmpty()) {
        evidence.version = info.first().value(0);
        evidence.versionComment = info.first().value(1);
        evidence.baseDir = info.first().value(2);
    }
    for (const auto& row :
         rows(session,
              QStringLiteral(
                  "SHOW GLOBAL VARIABLES WHERE Variable_name LIKE 'aurora%' OR Variable_name LIKE "
                  "'rds%' OR Variable_name LIKE 'cloudsql%' OR Variable_name LIKE 'azure%'")))
        evidence.variableNames << row.value(0);

    const bool mariadb =
        evidence.version.contains(QLatin1String("MariaDB"), Qt::CaseInsensitive) ||
        evidence.versionComment.contains(QLatin1String("MariaDB"), Qt::CaseInsensitive);
    report.server.flavour = mariadb ? QStringLiteral("mariadb") : QStringLiteral("mysql");
    report.server.version = leadingVersion(evidence.version);
    report.server.fullVersion =
        QStringLiteral("%1 (%2)").arg(evidence.version, evidence.versionComment);
    report.server.managed = ManagedServiceDetector::detect(evidence);

    if (mariadb)
        report.warnings << QStringLiteral(
            "This is MariaDB. OpenMetadata supports MySQL 8 and PostgreSQL, not MariaDB: the "
            "upgrade may fail on SQL that MariaDB does not accept.");
    else if (const auto version = Version::parse(report.server.version);
             version && *version < *Version::parse(QStringLiteral("8.0")))
        report.warnings << QStringLiteral(
                               "MySQL %1 is older than 8.0, which OpenMetadata requires.")
                               .arg(report.server.version);
}

void inspectPostgresServer(DatabaseSession& session, InspectionReport& report)
{
    ServerEvidence evidence;
    evidence.host = session.profile().host;
    evidence.version = firstValue(session, QStringLiteral("SELECT version()"));
    const QString number = firstValue(session, QStringLiteral("SHOW server_version"));
    for (const auto& row : rows(
             session,
             QStringLiteral(
                 "SELECT name FROM pg_settings WHERE name LIKE 'rds.%' OR name LIKE 'apg%' OR name "
                 "LIKE 'aurora%' OR name LIKE 'cloudsql.%' OR name LIKE 'azure.%'")))
        evidence.variableNames << row.value(0);
    for (const auto& row :
         rows(session,
              QStringLiteral("SELECT rolname FROM pg_roles WHERE rolname IN ('rds_superuser', "
                             "'cloudsqlsuperuser', 'azure_pg_admin')")))
        evidence.roleNames << row.value(0);
    if (!firstValue(session,
                    QStringLiteral("SELECT 1 FROM pg_proc WHERE proname = 'aurora_version'"))
             .isEmpty())
        evidence.variableNames << QStringLiteral("aurora_version()");

    report.server.flavour = QStringLiteral("postgresql");
    report.server.version = leadingVersion(number);
    report.server.fullVersion = evidence.version;
    report.server.managed = ManagedServiceDetector::detect(evidence);
    if (const auto version = Version::parse(report.server.version);
        version && *version < *Version::parse(QStringLiteral("12")))
        report.warnings << QStringLiteral(
                               "PostgreSQL %1 is older than 12, which OpenMetadata requires.")
                               .arg(report.server.version);
}

// --- tables -------------------------------------------------------------------------

Result<QList<TableStats>, SqlFailure> listTables(DatabaseSession& session)
{
    Result<QueryRows, SqlFailure> found = QueryRows();
    if (session.engine() == Engine::MySql)
        found = queryRows(
            session,
            QStringLiteral(
                "SELECT TABLE_NAME, COALESCE(TABLE_ROWS, 0), COALESCE(DATA_LENGTH, 0) + "
                "COALESCE(INDEX_LENGTH, 0) FROM information_schema.TABLES WHERE "
                "TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME"));
    else
        found = queryRows(
            session,
            QStringLiteral("SELECT c.relname, GREATEST(c.reltuples, 0)::bigint, "
                           "pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON "
                           "n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'p') "
                           "ORDER BY c.relname"),
            {session.profile().effectiveSchema()});
    if (!found)
        return found.error();
    QList<TableStats> tables;
    for (const auto& row : found.value())
        tables.append(
            TableStats{row.value(0), row.value(1).toLongLong(), false, row.value(2).toLongLong()});
    return tables;
}

QString qualified(DatabaseSession& session, const QString& table)
{
    if (session.engine() == Engine::Postgres)
        return session.quoteIdentifier(session.profile().effectiveSchema()) + QLatin1Char('.') +
               session.quoteIdentifier(table);
    return session.quoteIdentifier(table);
}

// Exact counts of the smaller tables. A table another session has locked keeps its
// estimate, and so do the rest: one lock timeout is the most the counts wait (the version
// read after them may wait one more).
void countRows(DatabaseSession& session, QList<TableStats>& tables, QStringList& warnings)
{
    for (auto& table : tables) {
        if (table.bytes > ServerInspector::exactCountLimitBytes)
            continue;
        const auto count = queryValue(
            session, QStringLiteral("SELECT COUNT(*) FROM %1").arg(qualified(session, table.name)));
        if (!count && gaveUpOnALock(count.error())) {
            warnings << QStringLiteral("Row counts from %1 on are estimates: the exact count was "
                                       "%2 for %3 s.")
                            .arg(DisplayText::value(table.name, 100),
                                 SessionControl::lockHolders(session, session.profile().database)
                                     .describe())
                            .arg(lockTimeoutSeconds);
            return;
        }
        if (count && !count.value().isEmpty()) {
            table.rows = count.value().toLongLong();
            table.rowsExact = true;
        }
    }
}

const TableStats* findTable(const QList<TableStats>& tables, const QString& name)
{
    // MySQL with lower_case_table_names and PostgreSQL's folding change the case.
    for (const auto& table : tables)
        if (table.name.compare(name, Qt::CaseInsensitive) == 0)
            return &table;
    return nullptr;
}

// --- OpenMetadata -------------------------------------------------------------------

void inspectOpenMetadata(DatabaseSession& session, InspectionReport& report)
{
    auto& om = report.openMetadata;
    const auto listed = listTables(session);
    if (!listed) {
        // Not "empty": what is in the database is unknown.
        report.problem =
            gaveUpOnALock(listed.error())
                ? lockedFailure(session, QStringLiteral("the list of tables"))
                : ConnectionFailure{
                      ConnectionFailure::Kind::Other,
                      QStringLiteral("Could not list the tables of %1: %2")
                          .arg(databaseName(session), DisplayText::value(listed.error().text, 300)),
                      QStringLiteral("Check that this user may read the "
                                     "database's catalog, then test again."),
                      {}};
        return;
    }
    om.tables = listed.value();
    countRows(session, om.tables, report.warnings);
    for (const auto& table : om.tables)
        om.totalBytes += table.bytes;

    const TableStats* serverLog = findTable(om.tables, QStringLiteral("SERVER_CHANGE_LOG"));
    const TableStats* flywayLog = findTable(om.tables, QStringLiteral("DATABASE_CHANGE_LOG"));
    const bool hasEntities = findTable(om.tables, QStringLiteral("table_entity")) ||
                             findTable(om.tables, QStringLiteral("dbservice_entity")) ||
                             findTable(om.tables, QStringLiteral("entity_relationship"));
    om.present = serverLog || (flywayLog && hasEntities);
    if (!om.present) {
        const QString where = databaseName(session);
        report.problem = ConnectionFailure{
            ConnectionFailure::Kind::NotOpenMetadata,
            om.tables.isEmpty()
                ? QStringLiteral("The database %1 is empty: it holds no OpenMetadata tables.")
                      .arg(where)
                : QStringLiteral("The database %1 is not an OpenMetadata database (%2 tables, none "
                                 "of OpenMetadata's).")
                      .arg(where)
                      .arg(om.tables.size()),
            QStringLiteral("Check the database name (OM_DATABASE) and, on PostgreSQL, the schema: "
                           "OpenMetadata's tables include SERVER_CHANGE_LOG and table_entity."),
            {}};
        return;
    }

    if (serverLog) {
        const auto logged = queryRows(
            session,
            QStringLiteral("SELECT version FROM %1").arg(qualified(session, serverLog->name)));
        if (!logged) {
            // Without it the release is unknown: never guess "1.0.x".
            report.problem =
                gaveUpOnALock(logged.error())
                    ? lockedFailure(session, QStringLiteral("the OpenMetadata version"))
                    : ConnectionFailure{ConnectionFailure::Kind::Other,
                                        QStringLiteral("Could not read the OpenMetadata version "
                                                       "of %1 (%2): %3")
                                            .arg(databaseName(session), serverLog->name,
                                                 DisplayText::value(logged.error().text, 300)),
                                        QStringLiteral("Check that this user may read %1, then "
                                                       "test again.")
                                            .arg(serverLog->name),
                                        {}};
            return;
        }
        QList<Version> versions;
        for (const auto& row : logged.value())
            if (const auto version = Version::parse(row.value(0)))
                versions << *version;
        std::sort(versions.begin(), versions.end());
        for (const auto& version : versions)
            om.appliedVersions << version.toString();
        if (!versions.isEmpty())
            om.version = versions.last().toString();
    } else {
        om.olderThan1_1 = true;
        report.warnings << QStringLiteral(
            "There is no SERVER_CHANGE_LOG table: this is OpenMetadata 1.0.x or older.");
    }

    if (flywayLog) {
        const QString table = qualified(session, flywayLog->name);
        QList<Version> applied;
        for (const auto& row :
             rows(session, QStringLiteral("SELECT version, success FROM %1").arg(table))) {
            const QString success = row.value(1).toLower();
            const bool ok = success == QLatin1String("1") || success == QLatin1String("true");
            if (!ok) {
                ++om.failedFlywayMigrations;
                continue;
            }
            if (const auto version = Version::parse(row.value(0)))
                applied << *version;
        }
        if (!applied.isEmpty())
            om.flywayVersion = std::max_element(applied.begin(), applied.end())->toString();
        if (om.failedFlywayMigrations > 0)
            report.warnings << QStringLiteral("%1 flyway migration(s) are marked failed in "
                                              "DATABASE_CHANGE_LOG: run the migration tool's "
                                              "'repair' before upgrading.")
                                   .arg(om.failedFlywayMigrations);
    }
}

// --- privileges ---------------------------------------------------------------------

void inspectMySqlPrivileges(DatabaseSession& session, Privileges& privileges)
{
    QSet<QString> global;
    QSet<QString> onDatabase;
    for (const auto& row :
         rows(session,
              QStringLiteral("SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES")))
        global.insert(row.value(0).toUpper());
    for (const auto& row :
         rows(session, QStringLiteral(
                           "SELECT PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES WHERE "
                           "TABLE_SCHEMA = DATABASE()")))
        onDatabase.insert(row.value(0).toUpper());
    // Dynamic privileges of MySQL 8 (SYSTEM_VARIABLES_ADMIN) only show in SHOW GRANTS.
    static const QRegularExpression grantLine(QStringLiteral(R"(^GRANT (.+) ON \*\.\* TO)"));
    for (const auto& row : rows(session, QStringLiteral("SHOW GRANTS"))) {
        const auto match = grantLine.match(row.value(0));
        if (!match.hasMatch())
            continue;
        for (const auto& privilege : match.captured(1).split(QLatin1Char(',')))
            global.insert(privilege.trimmed().toUpper());
    }
    auto has = [&](const char* privilege) {
        const QString name = QString::fromLatin1(privilege);
        return global.contains(name) || global.contains(QStringLiteral("ALL PRIVILEGES")) ||
               onDatabase.contains(name);
    };
    privileges.canReadTables = has("SELECT");
    privileges.canCreateTables = has("CREATE") && has("DROP") && has("ALTER");
    const bool super = global.contains(QStringLiteral("SUPER")) ||
                       global.contains(QStringLiteral("ALL PRIVILEGES"));
    privileges.canChangeGlobalSettings =
        super || global.contains(QStringLiteral("SYSTEM_VARIABLES_ADMIN"));
    privileges.globalSettingsRoute =
        privileges.canChangeGlobalSettings ? QStringLiteral("SET GLOBAL") : QString();
    if (!privileges.canReadTables)
        privileges.missing << QStringLiteral("SELECT on the database (needed for the backup)");
    if (!privileges.canCreateTables)
        privileges.missing << QStringLiteral(
            "CREATE, ALTER, DROP on the database (needed by the migration)");
    if (!privileges.canChangeGlobalSettings)
        privileges.missing << QStringLiteral(
            "SYSTEM_VARIABLES_ADMIN or SUPER (needed to raise sort_buffer_size)");
}

void inspectPostgresPrivileges(DatabaseSession& session, Privileges& privileges)
{
    const auto facts =
        rows(session,
             QStringLiteral(
                 "SELECT r.rolsuper, pg_get_userbyid(d.datdba) = current_user, "
                 "has_database_privilege(current_database(), 'CREATE'), "
                 "has_schema_privilege(?, 'CREATE'), "
                 "(SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                 " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') "
                 " AND NOT has_table_privilege(c.oid, 'SELECT')) "
                 "FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = "
                 "current_database()"),
             {session.profile().effectiveSchema(), session.profile().effectiveSchema()});
    if (facts.isEmpty())
        return;
    auto yes = [](const QString& value) {
        return value == QLatin1String("true") || value == QLatin1String("1") ||
               value == QLatin1String("t");
    };
    const auto& row = facts.first();
    const bool superuser = yes(row.value(0));
    const bool owner = yes(row.value(1));
    privileges.canReadTables = superuser || row.value(4).toLongLong() == 0;
    privileges.canCreateTables = superuser || yes(row.value(3));
    privileges.canChangeGlobalSettings = superuser || owner;
    privileges.globalSettingsRoute = superuser ? QStringLiteral("ALTER SYSTEM")
                                     : owner   ? QStringLiteral("ALTER DATABASE")
                                               : QString();
    if (!privileges.canReadTables)
        privileges.missing << QStringLiteral(
                                  "SELECT on %1 table(s) of the schema (needed for the backup)")
                                  .arg(row.value(4));
    if (!privileges.canCreateTables)
        privileges.missing << QStringLiteral("CREATE on the schema (needed by the migration)");
    if (!privileges.canChangeGlobalSettings)
        privileges.missing << QStringLiteral(
            "ownership of the database or superuser (needed to raise work_mem "
            "for the migration's connections)");
}

} // namespace

InspectionReport ServerInspector::inspect(DatabaseSession& session)
{
    QElapsedTimer timer;
    timer.start();
    InspectionReport report;
    if (session.engine() == Engine::Postgres) {
        QSqlQuery(session.database()).exec(QStringLiteral("SET statement_timeout = '60s'"));
        inspectPostgresServer(session, report);
    } else {
        inspectMySqlServer(session, report);
    }
    // Best effort like the rest: without it, reads end at the statement or read timeout.
    static_cast<void>(SessionControl::setLockTimeout(session, lockTimeoutSeconds));
    inspectOpenMetadata(session, report);
    if (session.engine() == Engine::Postgres)
        inspectPostgresPrivileges(session, report.privileges);
    else
        inspectMySqlPrivileges(session, report.privileges);
    if (report.server.managed.isManaged())
        report.warnings << QStringLiteral("%1 detected (%2): server settings change through its "
                                          "parameter group or flags, not SQL.")
                               .arg(report.server.managed.name, report.server.managed.evidence);
    report.seconds = timer.elapsed() / 1000.0;
    return report;
}

ServerDetails ServerInspector::inspectServer(DatabaseSession& session)
{
    InspectionReport report;
    if (session.engine() == Engine::Postgres)
        inspectPostgresServer(session, report);
    else
        inspectMySqlServer(session, report);
    return report.server;
}

Result<InspectionReport, ConnectionFailure>
ServerInspector::inspect(const ConnectionProfile& profile)
{
    DatabaseConnector::Options options;
    options.readTimeoutSeconds = 60;
    auto session = DatabaseConnector::open(profile, options);
    if (!session)
        return session.error();
    return inspect(*session.value());
}

} // namespace omu

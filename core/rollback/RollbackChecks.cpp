#include "RollbackChecks.h"

#include "backup/BackupFiles.h"
#include "connection/QueryRows.h"
#include "migration/MigrationGate.h"
#include "migration/OpenMetadataServerClient.h"
#include "PostgresOwnership.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QSet>

namespace omu {

namespace {

const QString nothingChanged = QStringLiteral("Nothing was changed.");

// A name as a MySQL GRANT pattern matching only itself (`_` and `%` are wildcards there).
QString grantPattern(QString name)
{
    name.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    name.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    name.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    return name;
}

QString mysqlAccount(DatabaseSession& session)
{
    const auto current = queryValue(session, QStringLiteral("SELECT CURRENT_USER()"));
    const QString account = current ? current.value() : session.profile().user;
    const qsizetype at = account.lastIndexOf(QLatin1Char('@'));
    if (at < 0)
        return QStringLiteral("'%1'").arg(account);
    return QStringLiteral("'%1'@'%2'").arg(account.left(at), account.mid(at + 1));
}

Status mysqlPrivileges(DatabaseSession& session, const QString& live,
                       const QStringList& scratchContainers)
{
    const QStringList liveNeeds{QStringLiteral("SELECT"), QStringLiteral("INSERT"),
                                QStringLiteral("CREATE"), QStringLiteral("DROP"),
                                QStringLiteral("ALTER")};
    const QStringList scratchNeeds = liveNeeds + QStringList{QStringLiteral("INDEX")};
    auto held = [&](const QString& database) -> Result<QSet<QString>> {
        const auto rows = queryRows(
            session,
            QStringLiteral("SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES UNION "
                           "SELECT PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES WHERE "
                           "? LIKE TABLE_SCHEMA"),
            {database});
        if (!rows)
            return makeError(
                QStringLiteral("cannot read the account's privileges: %1").arg(rows.error().text),
                session.profile().displayName());
        QSet<QString> privileges;
        for (const QStringList& row : rows.value())
            privileges.insert(row.value(0).toUpper());
        return privileges;
    };
    QStringList missing;
    QStringList sql;
    const QString account = mysqlAccount(session);
    auto lacking = [&](const QString& database, const QStringList& needs) -> Result<QStringList> {
        auto privileges = held(database);
        if (!privileges)
            return privileges.error();
        QStringList absent;
        for (const QString& need : needs)
            if (!privileges.value().contains(need))
                absent << need;
        return absent;
    };
    auto onLive = lacking(live, liveNeeds);
    if (!onLive)
        return onLive.error();
    if (!onLive.value().isEmpty()) {
        missing << QStringLiteral("%1 on the database %2")
                       .arg(onLive.value().join(QStringLiteral(", ")), live);
        sql << QStringLiteral("GRANT %1 ON `%2`.* TO %3;")
                   .arg(liveNeeds.join(QStringLiteral(", ")), grantPattern(live), account);
    }
    bool scratchMissing = false;
    for (const QString& scratch : scratchContainers) {
        auto onScratch = lacking(scratch, scratchNeeds);
        if (!onScratch)
            return onScratch.error();
        if (!onScratch.value().isEmpty()) {
            missing << QStringLiteral("%1 on the database %2")
                           .arg(onScratch.value().join(QStringLiteral(", ")), scratch);
            scratchMissing = true;
        }
    }
    if (scratchMissing)
        sql << QStringLiteral("GRANT %1 ON `%2\\_omu\\_%`.* TO %3;")
                   .arg(scratchNeeds.join(QStringLiteral(", ")), grantPattern(live), account);
    if (missing.isEmpty())
        return {};
    return makeError(
        QStringLiteral("the account %1 lacks rights the rollback needs: %2")
            .arg(account, missing.join(QStringLiteral("; "))),
        session.profile().displayName(),
        QStringLiteral("%1 The rollback builds the old state in a database of its own (%2) and "
                       "swaps it in with one RENAME TABLE. Ask your DBA to run (the same on "
                       "RDS, Aurora, Cloud SQL and Azure, as the admin user):\n  %3")
            .arg(nothingChanged, scratchContainers.join(QStringLiteral(", ")),
                 sql.join(QStringLiteral("\n  "))));
}

Status postgresPrivileges(DatabaseSession& session, const QString& live)
{
    const auto rows = queryRows(
        session,
        QStringLiteral("SELECT has_database_privilege(current_database(), 'CREATE'), "
                       "current_user, current_database(), (SELECT pg_has_role(nspowner, 'USAGE') "
                       "FROM pg_namespace WHERE nspname = ?), (SELECT nspowner::regrole::text "
                       "FROM pg_namespace WHERE nspname = ?)"),
        {live, live});
    if (!rows || rows.value().isEmpty())
        return makeError(QStringLiteral("cannot read the account's privileges: %1")
                             .arg(rows ? QString() : rows.error().text),
                         session.profile().displayName());
    const QStringList row = rows.value().first();
    const auto quote = [&](const QString& name) { return session.quoteIdentifier(name); };
    QStringList missing;
    QStringList sql;
    const auto isTrue = [](const QString& value) {
        return value == QLatin1String("t") || value == QLatin1String("true");
    };
    if (!isTrue(row.value(0))) {
        missing << QStringLiteral("CREATE on the database %1").arg(row.value(2));
        sql << QStringLiteral("GRANT CREATE ON DATABASE %1 TO %2;")
                   .arg(quote(row.value(2)), quote(row.value(1)));
    }
    if (!isTrue(row.value(3))) {
        missing
            << QStringLiteral("ownership of the schema %1 (owned by %2)").arg(live, row.value(4));
        sql << QStringLiteral("ALTER SCHEMA %1 OWNER TO %2;").arg(quote(live), quote(row.value(1)));
    }
    // The rebuilt tables go back to the roles owning the live ones (PostgresOwnership).
    const auto owners = PostgresOwnership::ownersOutOfReach(session, live);
    if (!owners)
        return owners.error();
    for (const QString& owner : owners.value()) {
        missing << QStringLiteral("membership in the role %1, which owns tables in %2")
                       .arg(owner, live);
        sql << QStringLiteral("GRANT %1 TO %2;").arg(quote(owner), quote(row.value(1)));
    }
    if (missing.isEmpty())
        return {};
    return makeError(
        QStringLiteral("the role %1 lacks rights the rollback needs: %2")
            .arg(row.value(1), missing.join(QStringLiteral("; "))),
        session.profile().displayName(),
        QStringLiteral("%1 The rollback builds the old state in a schema of its own and swaps "
                       "the two schemas in one transaction (ALTER SCHEMA ... RENAME). Ask your "
                       "DBA to run (the same on RDS, Aurora, Cloud SQL and Azure, as the admin "
                       "user; no superuser needed):\n  %2")
            .arg(nothingChanged, sql.join(QStringLiteral("\n  "))));
}

bool isThisMachine(const QString& host)
{
    return host.isEmpty() || host == QLatin1String("localhost") ||
           host == QLatin1String("127.0.0.1") || host == QLatin1String("::1") ||
           host.startsWith(QLatin1Char('/'));
}

} // namespace

Status RollbackChecks::serverStopped(const QString& serverUrl, bool userConfirmedStopped,
                                     bool fromCommandLine)
{
    MigrationGate::Inputs inputs;
    inputs.caller =
        fromCommandLine ? MigrationGate::Caller::CommandLine : MigrationGate::Caller::Wizard;
    const QUrl url = OpenMetadataServerClient::normalise(serverUrl);
    inputs.serverUrl = url.toString();
    if (url.isValid()) {
        const auto answer = OpenMetadataServerClient::checkVersionNow(url, 5000);
        inputs.server = answer.answered ? MigrationGate::ServerState::Answering
                                        : MigrationGate::ServerState::NotAnswering;
        inputs.serverVersion = answer.version;
        inputs.serverDetail = answer.error;
    }
    inputs.userConfirmedServerStopped = userConfirmedStopped;
    for (const GateCondition& condition : MigrationGate::evaluate(inputs).conditions)
        if (condition.id == QLatin1String("server") && !condition.passed)
            return makeError(
                QStringLiteral("the OpenMetadata server must be stopped: %1").arg(condition.detail),
                inputs.serverUrl, QStringLiteral("%1 %2").arg(nothingChanged, condition.advice));
    return {};
}

Status RollbackChecks::sameDeployment(const ConnectionProfile& profile,
                                      const RollbackSource& source)
{
    const BackupManifest& manifest = source.manifest;
    if (manifest.engine != engineName(profile.engine))
        return makeError(
            QStringLiteral("the backup was taken from %1, this is %2")
                .arg(manifest.engine, engineName(profile.engine)),
            source.file,
            QStringLiteral("%1 Roll back with the backup of this database.").arg(nothingChanged));
    const QString live =
        profile.engine == Engine::MySql ? profile.database : profile.effectiveSchema();
    const bool same = manifest.database == profile.database &&
                      (profile.engine == Engine::MySql || manifest.schema == live);
    if (!same)
        return makeError(
            QStringLiteral("the backup is of %1, not of %2")
                .arg(profile.engine == Engine::MySql
                         ? manifest.database
                         : QStringLiteral("%1 (schema %2)").arg(manifest.database, manifest.schema),
                     profile.engine == Engine::MySql
                         ? profile.database
                         : QStringLiteral("%1 (schema %2)").arg(profile.database, live)),
            source.file,
            QStringLiteral("%1 Roll back with the backup of this database; to copy a backup into "
                           "another database use `omupgrade restore --new-database NAME`.")
                .arg(nothingChanged));
    return {};
}

Result<QStringList> RollbackChecks::objectsNotCarried(DatabaseSession& session, const QString& live)
{
    const bool mysql = session.engine() == Engine::MySql;
    const QString sql =
        mysql ? QStringLiteral(
                    "SELECT CONCAT('trigger ', TRIGGER_NAME, ' on ', EVENT_OBJECT_TABLE) FROM "
                    "information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? UNION ALL "
                    "SELECT CONCAT('view ', TABLE_NAME) FROM information_schema.VIEWS WHERE "
                    "TABLE_SCHEMA = ? UNION ALL SELECT CONCAT(LOWER(ROUTINE_TYPE), ' ', "
                    "ROUTINE_NAME) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? "
                    "UNION ALL SELECT CONCAT('event ', EVENT_NAME) FROM information_schema.EVENTS "
                    "WHERE EVENT_SCHEMA = ?")
              // Functions an extension installed belong to it, not to the schema's owner.
              : QStringLiteral(
                    "SELECT 'trigger ' || t.tgname || ' on ' || c.relname FROM pg_trigger t "
                    "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = "
                    "c.relnamespace WHERE n.nspname = ? AND NOT t.tgisinternal UNION ALL "
                    "SELECT CASE c.relkind WHEN 'v' THEN 'view ' ELSE 'materialized view ' END "
                    "|| c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE n.nspname = ? AND c.relkind IN ('v', 'm') UNION ALL SELECT CASE "
                    "p.prokind WHEN 'p' THEN 'procedure ' ELSE 'function ' END || p.proname FROM "
                    "pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ? "
                    "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = "
                    "'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')");
    const auto rows =
        queryRows(session, sql,
                  mysql ? QVariantList{live, live, live, live} : QVariantList{live, live, live});
    if (!rows)
        return makeError(QStringLiteral("cannot list the triggers, views and routines of %1: %2")
                             .arg(live, rows.error().text),
                         session.profile().displayName());
    QStringList objects;
    for (const QStringList& row : rows.value())
        objects << row.value(0);
    objects.sort();
    return objects;
}

Result<QString> RollbackChecks::checkNotCarried(DatabaseSession& session, const QString& live,
                                                const QString& failed)
{
    auto objects = objectsNotCarried(session, live);
    if (!objects)
        return objects.error();
    if (objects.value().isEmpty())
        return QString();
    const QString list = objects.value().join(QStringLiteral(", "));
    if (session.engine() == Engine::MySql)
        return makeError(
            QStringLiteral("%1 holds objects a backup does not carry: %2").arg(live, list),
            session.profile().displayName(),
            QStringLiteral("%1 The backup holds the tables, keys, indexes and sequences; a "
                           "rollback moves tables, and these would break the move (a table with "
                           "triggers cannot change database) or stay behind beside the old "
                           "tables. Save their definitions (SHOW CREATE TRIGGER / VIEW / "
                           "PROCEDURE / FUNCTION / EVENT), drop them, roll back, then recreate "
                           "the ones the old release needs.")
                .arg(nothingChanged));
    return QStringLiteral("%1 holds objects a backup does not carry (%2): they move with the "
                          "failed state, kept as %3; the rolled-back schema does not have them. "
                          "Recreate the ones the old release needs from there.")
        .arg(live, list, failed);
}

Status RollbackChecks::privileges(DatabaseSession& session, const QString& live,
                                  const QStringList& scratchContainers)
{
    return session.engine() == Engine::MySql ? mysqlPrivileges(session, live, scratchContainers)
                                             : postgresPrivileges(session, live);
}

Result<QString> RollbackChecks::space(DatabaseSession& session, qint64 databaseBytes)
{
    const QLocale c = QLocale::c();
    qint64 free = -1;
    QString folder;
    // Test hook: stands for a server whose disk is nearly full.
    if (qEnvironmentVariableIsSet("OMU_TEST_SERVER_FREE_BYTES")) {
        free = qEnvironmentVariable("OMU_TEST_SERVER_FREE_BYTES").toLongLong();
        folder = QStringLiteral("the server's data directory");
    } else if (isThisMachine(session.profile().host)) {
        const auto found = queryValue(session, session.engine() == Engine::MySql
                                                   ? QStringLiteral("SELECT @@datadir")
                                                   : QStringLiteral("SHOW data_directory"));
        if (found && !found.value().isEmpty() && QFileInfo(found.value()).isDir()) {
            folder = found.value();
            if (const auto bytes = BackupFiles::freeBytes(folder))
                free = bytes.value();
        }
    }
    if (free < 0)
        return QStringLiteral("The free space on the database server could not be checked from "
                              "here: the rollback needs about %1 free there (as much as the "
                              "database took at the backup).")
            .arg(c.formattedDataSize(databaseBytes + spareBytes));
    if (free < databaseBytes + spareBytes)
        return makeError(
            QStringLiteral("not enough free space on the database server: %1 free, the "
                           "rollback needs %2 (the old state is built beside the current one)")
                .arg(c.formattedDataSize(free), c.formattedDataSize(databaseBytes + spareBytes)),
            folder,
            QStringLiteral("%1 Free space on the server's disk, then run the rollback again.")
                .arg(nothingChanged));
    return QString();
}

Status RollbackChecks::extensionsOutsideSchema(const RollbackSource& source)
{
    if (source.schema.containerExtensions.isEmpty())
        return {};
    return makeError(
        QStringLiteral("the extension(s) %1 are installed in the schema %2 itself, which the "
                       "rollback would rename with it")
            .arg(source.schema.containerExtensions.join(QStringLiteral(", ")),
                 source.schema.container),
        source.file,
        QStringLiteral("%1 Move them to another schema first (ALTER EXTENSION name SET SCHEMA "
                       "public, or one of their own), take a new backup, or restore with "
                       "`omupgrade restore --new-database`.")
            .arg(nothingChanged));
}

} // namespace omu

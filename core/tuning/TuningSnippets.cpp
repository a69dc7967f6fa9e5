#include "TuningSnippets.h"

#include "TuningAdvisor.h"
#include "TuningSql.h"

namespace omu {

namespace {

QString quoteName(const QString& name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
           QLatin1Char('"');
}

QString managedRoute(const TuningReport& report, qint64 bytes)
{
    const ManagedService& service = report.managed;
    if (!service.isManaged())
        return {};
    const bool postgres = report.engine == Engine::Postgres;
    const QString name = report.parameter;
    // Parameter groups and flags take work_mem in kB and sort_buffer_size in bytes.
    const QString value = postgres ? QString::number(ByteSize::roundUpToKiB(bytes) / ByteSize::KiB)
                                   : QString::number(bytes);
    const QString unit = postgres ? QStringLiteral(" (kB)") : QStringLiteral(" (bytes)");
    QString intro = postgres
                        ? QStringLiteral("%1 accepts ALTER DATABASE / ALTER ROLE, which is what "
                                         "omupgrade uses. For an instance-wide value instead:")
                              .arg(service.name)
                        : QStringLiteral("%1 refuses SET GLOBAL. Change the value in the "
                                         "service's settings instead:")
                              .arg(service.name);
    QString steps;
    if (service.id == QLatin1String("aws-rds") || service.id == QLatin1String("aws-aurora")) {
        steps = QStringLiteral(
                    "1. In the RDS console open Parameter groups and the DB parameter group "
                    "this instance uses (a default group cannot be edited: create a custom one "
                    "and attach it to the instance; attaching needs a reboot).\n"
                    "2. Set %1 = %2%3. It is a dynamic parameter: it applies without a "
                    "reboot.\n"
                    "   Or with the AWS CLI:\n"
                    "   aws rds modify-db-parameter-group --db-parameter-group-name <group> "
                    "--parameters \"ParameterName=%1,ParameterValue=%2,ApplyMethod=immediate\"\n"
                    "3. After the migration, put the original value back the same way.")
                    .arg(name, value, unit);
    } else if (service.id == QLatin1String("gcp-cloud-sql")) {
        steps =
            QStringLiteral(
                "1. In the Cloud console open the instance, Edit, Flags, and set %1 = %2%3.\n"
                "   Or with gcloud (this replaces every flag of the instance: list the ones "
                "already set with 'gcloud sql instances describe <instance>' and repeat them):\n"
                "   gcloud sql instances patch <instance> --database-flags=%1=%2\n"
                "2. Google's list of supported flags says whether a flag restarts the "
                "instance; check it before a busy hour.\n"
                "3. After the migration, put the original value back the same way.")
                .arg(name, value, unit);
    } else if (service.id == QLatin1String("azure")) {
        const QString cli = postgres ? QStringLiteral("postgres") : QStringLiteral("mysql");
        steps = QStringLiteral(
                    "1. In the Azure portal open the server, Server parameters, and set %1 = "
                    "%2%3.\n"
                    "   Or with the Azure CLI:\n"
                    "   az %4 flexible-server parameter set --resource-group <group> "
                    "--server-name <server> --name %1 --value %2\n"
                    "2. After the migration, put the original value back the same way.")
                    .arg(name, value, unit, cli);
    } else {
        steps = QStringLiteral("Set %1 = %2%3 in the service's parameter settings, and put the "
                               "original back after the migration.")
                    .arg(name, value, unit);
    }
    return intro + QLatin1Char('\n') + steps;
}

} // namespace

QString TuningSnippets::mySqlSetGlobal(const QString& value)
{
    return QStringLiteral("SET GLOBAL sort_buffer_size = %1;").arg(value);
}

QString TuningSnippets::postgresAlter(TuningRoute level, const QString& database,
                                      const QString& role, const QString& value)
{
    const QString target =
        level == TuningRoute::AlterDatabase
            ? QStringLiteral("DATABASE %1").arg(quoteName(database))
            : QStringLiteral("ROLE %1 IN DATABASE %2").arg(quoteName(role), quoteName(database));
    if (value.isEmpty())
        return QStringLiteral("ALTER %1 RESET work_mem;").arg(target);
    return QStringLiteral("ALTER %1 SET work_mem = %2;")
        .arg(target, TuningSql::quoteLiteral(value));
}

TuningInstructions TuningSnippets::build(const TuningReport& report, qint64 targetBytes)
{
    TuningInstructions instructions;
    instructions.managedRoute = managedRoute(report, targetBytes);
    if (report.engine == Engine::Postgres) {
        const QString value = ByteSize::postgresValue(targetBytes);
        instructions.configFile = QStringLiteral("postgresql.conf");
        instructions.configSnippet = QStringLiteral("work_mem = %1\n").arg(value);
        // A DBA sets the database-wide default unless a role default would hide it.
        TuningRoute level = report.privileges.route == TuningRoute::AlterRoleInDatabase &&
                                    report.privileges.missing.isEmpty()
                                ? TuningRoute::AlterRoleInDatabase
                                : TuningRoute::AlterDatabase;
        QString revertValue;
        if (report.pending) {
            level = report.pending->route;
            revertValue = report.pending->originalSet ? report.pending->originalValue : QString();
        } else if (const auto existing = report.overrideAt(level)) {
            revertValue = existing->value;
        }
        const QString who = level == TuningRoute::AlterDatabase
                                ? QStringLiteral("-- as the owner of database %1 or a superuser; "
                                                 "every new session in it gets the value\n")
                                      .arg(report.database)
                                : QStringLiteral("-- as role %1 itself or a superuser; every new "
                                                 "session of %1 in %2 gets the value\n")
                                      .arg(report.user, report.database);
        instructions.dbaSql = who + postgresAlter(level, report.database, report.user, value);
        instructions.dbaRevertSql =
            QStringLiteral("-- after the migration: put back what was there%1\n")
                .arg(revertValue.isEmpty() ? QStringLiteral(" (no setting at this level)")
                                           : QString()) +
            postgresAlter(level, report.database, report.user, revertValue);
    } else {
        const QString value = ByteSize::mySqlValue(targetBytes);
        instructions.configFile = QStringLiteral("my.cnf");
        instructions.configSnippet = QStringLiteral("[mysqld]\nsort_buffer_size = %1\n").arg(value);
        const bool mariadb = report.flavour == QLatin1String("mariadb");
        instructions.dbaSql =
            QStringLiteral("-- as a user with %1; lasts until the server restarts\n")
                .arg(mariadb ? QStringLiteral("SUPER")
                             : QStringLiteral("SYSTEM_VARIABLES_ADMIN or SUPER")) +
            mySqlSetGlobal(value);
        if (!mariadb)
            instructions.dbaSql +=
                QStringLiteral("\n-- or let omupgrade do it (adjust the host part):\n"
                               "GRANT SYSTEM_VARIABLES_ADMIN ON *.* TO '%1'@'%';")
                    .arg(QString(report.user).replace(QLatin1Char('\''), QStringLiteral("''")));
        const qint64 original = report.pending && report.pending->originalBytes >= 0
                                    ? report.pending->originalBytes
                                    : report.globalBytes;
        instructions.dbaRevertSql = QStringLiteral("-- after the migration: put back what was "
                                                   "there\n") +
                                    mySqlSetGlobal(QString::number(original));
    }
    return instructions;
}

} // namespace omu

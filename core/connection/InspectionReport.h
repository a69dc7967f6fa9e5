#pragma once

#include "ConnectionFailure.h"
#include "ManagedServiceDetector.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace omu {

struct ServerDetails
{
    QString version;     // "10.11.6", "8.0.35", "15.4"
    QString fullVersion; // what the server says about itself
    QString flavour;     // "mysql", "mariadb", "postgresql"
    ManagedService managed;
};

struct TableStats
{
    QString name;
    qint64 rows = 0;
    bool rowsExact = false; // false: the catalog's estimate (large tables)
    qint64 bytes = 0;       // data plus indexes
};

struct OpenMetadataDetails
{
    bool present = false;           // OpenMetadata's tables are there
    QString version;                // highest SERVER_CHANGE_LOG version; "" for 1.0.x and older
    bool olderThan1_1 = false;      // no SERVER_CHANGE_LOG: 1.0.x or older
    QStringList appliedVersions;    // SERVER_CHANGE_LOG, in numeric order
    QString flywayVersion;          // highest successful DATABASE_CHANGE_LOG version, e.g. "015"
    int failedFlywayMigrations = 0; // rows with success = false: flyway wants 'repair'
    QList<TableStats> tables;
    qint64 totalBytes = 0;
};

struct Privileges
{
    bool canReadTables = false;
    bool canCreateTables = false;
    // MySQL: SUPER / SYSTEM_VARIABLES_ADMIN (SET GLOBAL). PostgreSQL: superuser (ALTER
    // SYSTEM) or the database's owner (ALTER DATABASE ... SET), which is enough to reach
    // the migration's own connections.
    bool canChangeGlobalSettings = false;
    QString globalSettingsRoute; // how: "SET GLOBAL", "ALTER SYSTEM", "ALTER DATABASE", ""
    QStringList missing;         // privileges the later steps need and the user lacks
};

// What "Test connection" and `omupgrade inspect` found.
struct InspectionReport
{
    ServerDetails server;
    OpenMetadataDetails openMetadata;
    Privileges privileges;
    QStringList warnings;
    double seconds = 0;

    // NotOpenMetadata when the database is empty or holds something else.
    std::optional<ConnectionFailure> problem;

    QJsonObject serverJson() const;
    QJsonObject openMetadataJson() const;
    QJsonObject privilegesJson() const;
};

} // namespace omu

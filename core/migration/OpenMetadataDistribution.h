#pragma once

#include "common/Result.h"
#include "common/Version.h"
#include "connection/ConnectionProfile.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace omu {

// The program a release ships to migrate its database.
enum class MigrationTool
{
    OpenMetadataOps,  // bootstrap/openmetadata-ops.sh -c <config> migrate (1.3.0 and later)
    BootstrapStorage, // bootstrap/bootstrap_storage.sh migrate-all (up to 1.2.x)
};

// One folder of native migrations: bootstrap/sql/migrations/native/<version>/.
struct NativeMigrationFolder
{
    Version version;
    QString path;        // absolute
    QStringList engines; // the engine subfolders present: "mysql", "postgres"
};

// One Flyway script: v<NNN>__<description>.sql.
struct FlywayScript
{
    Version version; // "015" compares as 15
    QString path;    // absolute
};

// An unpacked OpenMetadata release (the tarball's folder): its version, its migration
// tool and its migrations. Understands the layouts of 1.0 to 2.x: Flyway scripts under
// bootstrap/sql/migrations/flyway/<driver>/ (1.1+) or bootstrap/sql/<driver>/ (1.0),
// native folders under bootstrap/sql/migrations/native/<X.Y.Z>/<mysql|postgres>/, both
// scripts in 1.3 and 1.4, only openmetadata-ops.sh from 1.5.1, and 2.x's
// bootstrap/sql/migrations/baseline/<mysql|postgres>/schema.sql (the frozen schema of
// every version below 2.0.0, which fresh installs run instead of the old folders).
class OpenMetadataDistribution
{
public:
    static Result<OpenMetadataDistribution> read(const QString& folder);

    QString root() const { return m_root; }
    Version version() const { return m_version; }
    // Where the version came from ("libs/openmetadata-service-1.2.0.jar"), for messages.
    QString versionSource() const { return m_versionSource; }
    MigrationTool tool() const { return m_tool; }
    // Relative to root(): "bootstrap/openmetadata-ops.sh".
    QString toolScript() const;
    QString configFile() const; // absolute: <root>/conf/openmetadata.yaml
    const QList<NativeMigrationFolder>& nativeFolders() const { return m_native; }
    // 2.x: the baseline folder (absolute), or empty for releases without one.
    QString baselineFolder() const { return m_baseline; }
    // Scripts of one engine in version order; empty when the release ships none.
    QList<FlywayScript> flywayScripts(Engine engine) const;
    // The files a native version runs for an engine, in order (schemaChanges.sql, then
    // postDataMigrationSQLScript.sql), the ones present.
    QStringList nativeFiles(const NativeMigrationFolder& folder, Engine engine) const;
    // The newest native migration this release runs for `engine` (no folder above the
    // release's own version): what a database migrated to it records. Null when none.
    Version newestMigration(Engine engine) const;

    // omupgrade's FAKE stand-in (tests/fakes/openmetadata-distribution, marked by
    // FAKE-DISTRIBUTION.txt), which the demo uses: not OpenMetadata, and to be labelled so.
    bool isStandIn() const { return m_standIn; }
    static bool isStandInFolder(const QString& folder);

    static QString engineFolder(Engine engine); // "mysql" / "postgres"
    static QString driverClass(Engine engine);  // com.mysql.cj.jdbc.Driver / org.postgresql.Driver

private:
    QString m_root;
    Version m_version;
    QString m_versionSource;
    MigrationTool m_tool = MigrationTool::OpenMetadataOps;
    QList<NativeMigrationFolder> m_native;
    QString m_flywayRoot; // folder holding the <driver> folders
    QString m_baseline;
    bool m_standIn = false;
};

} // namespace omu

#pragma once

#include "common/Result.h"
#include "connection/ConnectionProfile.h"
#include "MigrationSettings.h"
#include "OpenMetadataDistribution.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QProcessEnvironment>
#include <QStringList>

namespace omu {

// One run of the migration tool, exactly as it will be started. The database password
// is only ever in `environment` (named in secretKeys), never in `arguments`: a command
// line is visible to every user of the machine (ps, /proc) and ends up in logs.
struct MigrationCommand
{
    MigrationAction action = MigrationAction::Migrate;
    MigrationMode mode = MigrationMode::Bare;
    QString program; // absolute path once resolved
    QStringList arguments;
    QString workingDirectory;
    QProcessEnvironment environment;
    QStringList passedKeys; // variables set for the tool (shown by name)
    QStringList secretKeys; // of those, the ones holding secrets
    QString secret;         // the password, so output can be scrubbed; never displayed

    // The command for people: variables we set as NAME=*** (secrets) or NAME=value,
    // then the program and its arguments, shell-quoted. Copy-pasteable but for secrets.
    QString display() const;
    QJsonObject toJson() const; // no secret values
};

// Builds the command for a mode from the distribution, the tested connection and the
// settings. Bare mode also checks that the configuration the tool will read points at the
// database that was tested and backed up; a mismatch is refused with file and key.
class MigrationCommandBuilder
{
public:
    static Result<MigrationCommand> build(const OpenMetadataDistribution& distribution,
                                          const ConnectionProfile& profile,
                                          const MigrationSettings& settings,
                                          MigrationAction action = MigrationAction::Migrate);

    // The variables OpenMetadata's configuration reads the connection from
    // (DB_DRIVER_CLASS, DB_SCHEME, DB_HOST, DB_PORT, OM_DATABASE, DB_USER,
    // DB_USER_PASSWORD, DB_PARAMS), set to the tested profile's values.
    static QList<QPair<QString, QString>> connectionVariables(const ConnectionProfile& profile);
    // Finds `program` on the PATH of `environment` (not this process's).
    static QString findProgram(const QString& program, const QProcessEnvironment& environment);
    static QString shellQuote(const QString& word);
};

} // namespace omu

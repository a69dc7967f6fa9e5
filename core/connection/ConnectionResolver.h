#pragma once

#include "common/Result.h"
#include "ConnectionProfile.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace omu {

// What the user pointed us at, and what they typed. Every member is optional.
struct ConnectionSources
{
    QString configFile;     // openmetadata.yaml
    QStringList envFiles;   // docker-style env files; a later file wins over an earlier one
    QString helmValuesFile; // Helm values.yaml of the openmetadata chart
    QMap<QString, QString> environment; // the process environment (QProcessEnvironment)

    // Explicit choices (command-line options or the wizard's fields); they win over files.
    std::optional<Engine> engine;
    std::optional<QString> host;
    std::optional<int> port;
    std::optional<QString> database;
    std::optional<QString> schema;
    std::optional<QString> user;
    std::optional<QString> password;
    std::optional<TlsMode> tlsMode;
    std::optional<QString> tlsCaFile;
    std::optional<int> connectTimeoutSeconds;
};

// The profile plus, for each field, where its value came from ("openmetadata.yaml:57",
// "env file docker/.env:12", "environment DB_HOST", "--host", "default"), so the user
// can see why a value is what it is.
struct ResolvedConnection
{
    ConnectionProfile profile;
    QMap<QString, QString> origins; // field name (host, port, ...) -> origin
    QStringList warnings;           // things worth telling but not fatal
};

// Turns the sources into one profile. Precedence, strongest first:
//   explicit choices > Helm values > env files (last wins) > process environment >
//   the ${VAR:-default} defaults written in openmetadata.yaml > OpenMetadata's defaults.
// Helm values and env files are applied as the variables the server container would
// see, then openmetadata.yaml (or OpenMetadata's stock template when none is given) is
// expanded with them, exactly as the server does at start-up.
class ConnectionResolver
{
public:
    static Result<ResolvedConnection> resolve(const ConnectionSources& sources);
};

} // namespace omu

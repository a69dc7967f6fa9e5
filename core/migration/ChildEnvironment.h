#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace omu {

// What the migration tool and the programs around it inherit. The release's tool (and
// the bash, java, python and database clients it starts) gets exactly what it needs: the
// system's basics (PATH, HOME, locale, proxies), Java's settings, the OPENMETADATA_*
// settings its scripts read, and the variables its configuration file names (${DB_HOST},
// ${ELASTICSEARCH_HOST}, ...); the caller adds the connection variables. Nothing else of
// this process's environment passes: not OMU_DB_PASSWORD, not PGPASSWORD or MYSQL_PWD,
// not whatever else the shell that started omupgrade held.
class ChildEnvironment
{
public:
    // For the release's own tool, reading `configFile` (may be empty).
    static QProcessEnvironment forTool(const QProcessEnvironment& base, const QString& configFile);
    // For docker and kubectl, which carry their own configuration (DOCKER_*, KUBECONFIG,
    // cloud credentials for their plugins) and pass none of ours into the container:
    // everything but omupgrade's own variables and the database clients' passwords.
    static QProcessEnvironment forContainerTool(const QProcessEnvironment& base);

    // The variables a configuration text names in ${NAME} or ${NAME:-default}.
    static QStringList referencedVariables(const QString& text);
};

} // namespace omu

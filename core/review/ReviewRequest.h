#pragma once

#include "connection/ConnectionProfile.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace omu {

class ReleaseRegistry;

// What to review: the release step and the deployment's own files, database and search
// engine. Every input is optional; what is not given is reported as "not checked".
struct ReviewRequest
{
    QString from; // the release running now, e.g. "1.1.5"
    QString to;   // the target release, e.g. "1.3.0"

    QString configFile;      // openmetadata.yaml
    QStringList envFiles;    // docker env files (later ones win), as the connection uses them
    QString helmValuesFile;  // values.yaml of the openmetadata chart
    QString workflowsFolder; // ingestion workflow YAMLs
    QString codeFolder;      // custom connector Python code
    // Scripts and deployment files: shell scripts, crontabs, systemd units, Dockerfiles,
    // docker compose and CI files, Kubernetes manifests, requirements.
    QString scriptsFolder;

    // Elasticsearch/OpenSearch; empty means the one configured in openmetadata.yaml (or
    // the Helm values), when either has an elasticsearch section.
    QString searchUrl;
    int searchTimeoutMs = 5000;
    bool checkSearch = true; // false: the search checks are listed as not checked

    // The metadata database; the database checks are skipped, with
    // databaseUnavailableReason, when it is not given.
    std::optional<ConnectionProfile> database;
    QString databaseUnavailableReason;

    // The releases the review knows (null: the built-in registry) and the environment
    // the Java check looks in (JAVA_HOME, PATH).
    const ReleaseRegistry* registry = nullptr;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
};

} // namespace omu

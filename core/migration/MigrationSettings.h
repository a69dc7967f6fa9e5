#pragma once

#include <QProcessEnvironment>

#include <optional>
#include <QString>

namespace omu {

// Where the migration tool runs.
enum class MigrationMode
{
    Bare,       // the unpacked release on this machine
    Docker,     // `docker compose run` (or `docker exec`) with the new image
    Kubernetes, // `kubectl exec` into the OpenMetadata pod
    // A one-off Job copying the chart's migration container with the new image: the
    // server is scaled to 0 during the migration, so there is no pod to exec into.
    KubernetesJob,
};

// "bare", "docker", "kubernetes", "kubernetes-job"
QString migrationModeName(MigrationMode mode);
std::optional<MigrationMode> migrationModeFromName(const QString& name);

// What to ask the tool for.
enum class MigrationAction
{
    Migrate, // migrate (1.3+) / migrate-all (up to 1.2)
    Repair,  // Flyway's repair of DATABASE_CHANGE_LOG after a checksum mismatch
    Reindex, // openmetadata-ops.sh reindex (1.3+)
    Info,    // what is applied and pending
};

struct DockerSettings
{
    // `docker compose -f <composeFile> run --rm <service>` unless `container` is set,
    // then `docker exec <container>`.
    QString composeFile;
    QString service = QStringLiteral("execute-migrate-all");
    QString container;
    QString installFolder = QStringLiteral("/opt/openmetadata"); // inside the image
};

struct KubernetesSettings
{
    QString nameSpace;                                      // empty: kubectl's current one
    QString target = QStringLiteral("deploy/openmetadata"); // pod, or deploy/<name>
    QString container;                                      // -c, when the pod has several
    QString installFolder = QStringLiteral("/opt/openmetadata");
    // Job mode: the Deployment whose migration container the job copies.
    QString deployment = QStringLiteral("openmetadata");
    // Job mode: the image to run; empty: the container's image with the release's tag.
    QString image;
};

struct MigrationSettings
{
    MigrationMode mode = MigrationMode::Bare;
    bool force = false; // re-run every version (after a partial run); only when the user confirmed
    // Bare mode: the configuration the tool reads. Empty: the release's conf/openmetadata.yaml.
    QString configFile;
    DockerSettings docker;
    KubernetesSettings kubernetes;
    // The environment the child starts from (tests add a PATH holding stand-ins).
    QProcessEnvironment baseEnvironment = QProcessEnvironment::systemEnvironment();
};

} // namespace omu

#pragma once

#include "common/Result.h"
#include "ToolCommandLine.h"

#include <QDateTime>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace omu {

// The chart's migration, run as a one-off Kubernetes Job with the new release's image.
// OpenMetadata's Helm chart migrates in the init container `run-db-migrations` of its
// Deployment; during an upgrade that Deployment is scaled to 0 (the server must be
// stopped), and its pods would carry the old release anyway. So the job copies that
// container (envFrom and env, which reference the chart's secrets, volumes, service
// account, pull secrets, scheduling) with the image tag set to the target release, and
// runs openmetadata-ops.sh in it. kubectl creates it from stdin, follows its log, reads
// its status for the verdict, and deletes it on cancel.
class KubernetesMigrationJob
{
public:
    static constexpr int kubectlTimeoutMs = 30'000;
    static constexpr int ttlSeconds = 86'400; // the finished job and its log stay a day
    static QString migrationContainer() { return QStringLiteral("run-db-migrations"); }

    // The whole command. Reads the deployment with kubectl (waits up to kubectlTimeoutMs:
    // call it off the UI thread). Refuses releases before 1.3 (no openmetadata-ops.sh) and
    // a deployment still running pods.
    static Result<ToolCommandLine> build(const OpenMetadataDistribution& distribution,
                                         const MigrationSettings& settings, MigrationAction action,
                                         const QDateTime& now = QDateTime::currentDateTimeUtc());

    // `kubectl [-n ns] get deployment <name> -o json`, parsed; every failure explained.
    static Result<QJsonObject> readDeployment(const QString& kubectl,
                                              const KubernetesSettings& settings,
                                              const QProcessEnvironment& environment);
    // The names of omupgrade's jobs in the namespace that are still active: a job outlives
    // the wizard that created it (closed, crashed, or given up while the image was pulled),
    // and a second one would race it on the same tables.
    static Result<QStringList> readActiveJobs(const QString& kubectl,
                                              const KubernetesSettings& settings,
                                              const QProcessEnvironment& environment);

    struct Manifest
    {
        QJsonObject job;          // what kubectl creates
        QJsonObject shown;        // the same with literal secret values masked
        QStringList hiddenValues; // those values, for scrubbing output
        QString container;        // where it was copied from: "init container run-db-migrations"
        QString sourceImage;
        QString image;
    };
    // The Job for `deployment`: its migration container (or the main one) with `image`
    // (empty: the container's image tagged `tag`), running `command` + `arguments`.
    static Result<Manifest> manifest(const QJsonObject& deployment, const QString& name,
                                     const QString& image, const QString& tag,
                                     const QStringList& command, const QStringList& arguments);

    // omupgrade-migrate-1-3-0-20240301120000 (a valid, unique Kubernetes name).
    static QString jobName(MigrationAction action, const QString& version, const QDateTime& now);
    // "openmetadata/server:1.2.0" + "1.3.0" -> "openmetadata/server:1.3.0" (also without a
    // tag, with a registry port, or pinned by digest).
    static QString imageWithTag(const QString& image, const QString& tag);
    // A variable whose literal value is not to be shown (…PASSWORD, …SECRET, …TOKEN, …KEY).
    static bool looksSecret(const QString& variable);
    // Reads `kubectl get job <name> -o json`: Complete / Failed conditions, else the
    // succeeded / failed counts; still active is Running, an unreadable answer Unknown.
    static MigrationVerdict verdict(const QString& name, const ProcessCallOutcome& status);
};

} // namespace omu

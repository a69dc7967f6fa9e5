#include "KubernetesMigrationJob.h"

#include "ChildEnvironment.h"

#include "ProcessCaller.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace omu {

namespace {

QStringList namespaceArguments(const KubernetesSettings& settings)
{
    if (settings.nameSpace.isEmpty())
        return {};
    return {QStringLiteral("-n"), settings.nameSpace};
}

QString namespaceText(const KubernetesSettings& settings)
{
    return settings.nameSpace.isEmpty()
               ? QStringLiteral("kubectl's current namespace")
               : QStringLiteral("namespace \"%1\"").arg(settings.nameSpace);
}

// The line of kubectl's error output that says what went wrong: the one holding
// `marker` when given, else the last (client-side warnings come first).
QString errorLine(const QByteArray& text, const QString& marker = {})
{
    const QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString& line : lines)
        if (!marker.isEmpty() && line.contains(marker))
            return line.trimmed();
    return lines.isEmpty() ? QString() : lines.last().trimmed();
}

// The container the chart migrates with, else the server's own (older charts migrated
// in a hook job, so their deployment has no migration init container).
QJsonObject findContainer(const QJsonObject& podSpec, QString* where)
{
    for (const QJsonValue& value : podSpec.value(QStringLiteral("initContainers")).toArray())
        if (value.toObject().value(QStringLiteral("name")).toString() ==
            KubernetesMigrationJob::migrationContainer()) {
            *where = QStringLiteral("init container %1")
                         .arg(KubernetesMigrationJob::migrationContainer());
            return value.toObject();
        }
    const QJsonArray containers = podSpec.value(QStringLiteral("containers")).toArray();
    for (const QJsonValue& value : containers)
        if (value.toObject().value(QStringLiteral("name")).toString() ==
            QLatin1String("openmetadata")) {
            *where = QStringLiteral("container openmetadata");
            return value.toObject();
        }
    if (containers.isEmpty())
        return {};
    *where = QStringLiteral("container %1")
                 .arg(containers.first().toObject().value(QStringLiteral("name")).toString());
    return containers.first().toObject();
}

void copyKeys(const QJsonObject& from, QJsonObject& to, const QStringList& keys)
{
    for (const QString& key : keys)
        if (from.contains(key))
            to.insert(key, from.value(key));
}

} // namespace

QString KubernetesMigrationJob::jobName(MigrationAction action, const QString& version,
                                        const QDateTime& now)
{
    QString safe = version.toLower();
    safe.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    safe.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    return QStringLiteral("omupgrade-%1-%2-%3")
        .arg(ToolCommandLineBuilder::actionWord(MigrationTool::OpenMetadataOps, action),
             safe.left(20), now.toUTC().toString(QStringLiteral("yyyyMMddHHmmss")));
}

QString KubernetesMigrationJob::imageWithTag(const QString& image, const QString& tag)
{
    QString name = image.section(QLatin1Char('@'), 0, 0); // a digest pins the old image
    const qsizetype slash = name.lastIndexOf(QLatin1Char('/'));
    const qsizetype colon = name.lastIndexOf(QLatin1Char(':'));
    if (colon > slash) // a tag, not a registry's port
        name.truncate(colon);
    return name + QLatin1Char(':') + tag;
}

bool KubernetesMigrationJob::looksSecret(const QString& variable)
{
    const QString upper = variable.toUpper();
    for (const char* word : {"PASS", "SECRET", "TOKEN", "KEY", "PWD", "CREDENTIAL"})
        if (upper.contains(QLatin1String(word)))
            return true;
    return false;
}

namespace {

// `kubectl [-n ns] get <what...> -o json`, with the time limit every kubectl call has.
ProcessCall kubectlGet(const QString& kubectl, const KubernetesSettings& settings,
                       const QStringList& what)
{
    ProcessCall get;
    get.program = kubectl;
    get.arguments = namespaceArguments(settings) + QStringList{QStringLiteral("get")} + what +
                    QStringList{QStringLiteral("-o"), QStringLiteral("json")};
    get.timeoutMs = KubernetesMigrationJob::kubectlTimeoutMs;
    return get;
}

} // namespace

Result<QJsonObject> KubernetesMigrationJob::readDeployment(const QString& kubectl,
                                                           const KubernetesSettings& settings,
                                                           const QProcessEnvironment& environment)
{
    const ProcessCall get =
        kubectlGet(kubectl, settings, {QStringLiteral("deployment"), settings.deployment});
    const QString where = get.display();
    const ProcessCallOutcome result = ProcessCaller::runNow(get, environment);
    const QByteArray& errors = result.errors.isEmpty() ? result.output : result.errors;
    const QString reachAdvice =
        QStringLiteral("Check that kubectl reaches the cluster from here (kubectl config "
                       "current-context, kubectl get nodes).");
    if (!result.started)
        return makeError(QStringLiteral("kubectl could not be started: %1").arg(result.startError),
                         where, QStringLiteral("Install kubectl, or run this where it works."));
    if (result.timedOut)
        return makeError(
            QStringLiteral("kubectl did not answer within %1 s").arg(kubectlTimeoutMs / 1000),
            where, reachAdvice);
    if (!result.ok()) {
        const QString notFound = errorLine(errors, QStringLiteral("(NotFound)"));
        if (notFound.contains(QLatin1String("(NotFound)")))
            return makeError(
                QStringLiteral("deployment \"%1\" not found in %2: %3")
                    .arg(settings.deployment, namespaceText(settings), notFound),
                where,
                QStringLiteral("List them with: kubectl %1get deployments. The chart names it "
                               "after the release (openmetadata by default): give it with "
                               "--deployment, and its namespace with --namespace.")
                    .arg(settings.nameSpace.isEmpty()
                             ? QString()
                             : QStringLiteral("-n %1 ").arg(settings.nameSpace)));
        const QString forbidden = errorLine(errors, QStringLiteral("(Forbidden)"));
        if (forbidden.contains(QLatin1String("(Forbidden)")))
            return makeError(
                QStringLiteral("kubectl may not read deployment \"%1\": %2")
                    .arg(settings.deployment, forbidden),
                where,
                QStringLiteral("The job mode needs, in %1: get on deployments (apps); create, "
                               "get and delete on jobs (batch); get on pods and pods/log. Ask "
                               "for them, or use a context that has them.")
                    .arg(namespaceText(settings)));
        return makeError(QStringLiteral("kubectl failed (exit code %1): %2")
                             .arg(result.exitCode)
                             .arg(errorLine(errors)),
                         where, reachAdvice);
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(result.output, &parseError);
    const QJsonObject deployment = document.object();
    if (parseError.error != QJsonParseError::NoError || !document.isObject() ||
        deployment.value(QStringLiteral("kind")).toString() != QLatin1String("Deployment"))
        return makeError(
            QStringLiteral("kubectl's answer is not a deployment's JSON (%1)")
                .arg(parseError.error != QJsonParseError::NoError
                         ? parseError.errorString()
                         : QStringLiteral("kind \"%1\"")
                               .arg(deployment.value(QStringLiteral("kind")).toString())),
            where,
            QStringLiteral("Check that the kubectl on the PATH is the real one and that this "
                           "command prints the deployment."));
    return deployment;
}

Result<KubernetesMigrationJob::Manifest>
KubernetesMigrationJob::manifest(const QJsonObject& deployment, const QString& name,
                                 const QString& image, const QString& tag,
                                 const QStringList& command, const QStringList& arguments)
{
    const QJsonObject metadata = deployment.value(QStringLiteral("metadata")).toObject();
    const QString deploymentName = metadata.value(QStringLiteral("name")).toString();
    const QJsonObject podSpec = deployment.value(QStringLiteral("spec"))
                                    .toObject()
                                    .value(QStringLiteral("template"))
                                    .toObject()
                                    .value(QStringLiteral("spec"))
                                    .toObject();
    Manifest manifest;
    const QJsonObject source = findContainer(podSpec, &manifest.container);
    if (source.isEmpty())
        return makeError(
            QStringLiteral("deployment \"%1\" has no container to copy").arg(deploymentName), {},
            QStringLiteral("Name the OpenMetadata server's deployment with "
                           "--deployment."));
    manifest.sourceImage = source.value(QStringLiteral("image")).toString();
    manifest.image = image.isEmpty() && !manifest.sourceImage.isEmpty()
                         ? imageWithTag(manifest.sourceImage, tag)
                         : image;
    if (manifest.image.isEmpty())
        return makeError(QStringLiteral("the %1 of deployment \"%2\" names no image")
                             .arg(manifest.container, deploymentName),
                         {}, QStringLiteral("Give the image to run with --image."));

    QJsonObject container{{QStringLiteral("name"), migrationContainer()},
                          {QStringLiteral("image"), manifest.image},
                          {QStringLiteral("command"), QJsonArray::fromStringList(command)},
                          {QStringLiteral("args"), QJsonArray::fromStringList(arguments)}};
    copyKeys(source, container,
             {QStringLiteral("imagePullPolicy"), QStringLiteral("envFrom"),
              QStringLiteral("volumeMounts"), QStringLiteral("resources"),
              QStringLiteral("securityContext")});
    // References (valueFrom, envFrom) are copied as they are: the cluster resolves them.
    // Literal values go into the job too (the tool may need them), but a secret-looking
    // one is masked in what people see and scrubbed from the log.
    QJsonArray env;
    QJsonArray envShown;
    for (const QJsonValue& value : source.value(QStringLiteral("env")).toArray()) {
        QJsonObject variable = value.toObject();
        env.append(variable);
        const QString literal = variable.value(QStringLiteral("value")).toString();
        if (!literal.isEmpty() && looksSecret(variable.value(QStringLiteral("name")).toString())) {
            manifest.hiddenValues << literal;
            variable.insert(QStringLiteral("value"), QStringLiteral("***"));
        }
        envShown.append(variable);
    }
    QJsonObject containerShown = container;
    if (!env.isEmpty()) {
        container.insert(QStringLiteral("env"), env);
        containerShown.insert(QStringLiteral("env"), envShown);
    }

    const QJsonObject labels{
        {QStringLiteral("app.kubernetes.io/managed-by"), QStringLiteral("omupgrade")},
        {QStringLiteral("app.kubernetes.io/component"), QStringLiteral("db-migrations")}};
    // Not the deployment's own pod labels: its Service would send traffic to this pod.
    QJsonObject pod{{QStringLiteral("restartPolicy"), QStringLiteral("Never")}};
    copyKeys(podSpec, pod,
             {QStringLiteral("serviceAccountName"), QStringLiteral("automountServiceAccountToken"),
              QStringLiteral("imagePullSecrets"), QStringLiteral("nodeSelector"),
              QStringLiteral("tolerations"), QStringLiteral("securityContext"),
              QStringLiteral("volumes")});
    QJsonObject jobMetadata{
        {QStringLiteral("name"), name},
        {QStringLiteral("labels"), labels},
        {QStringLiteral("annotations"),
         QJsonObject{{QStringLiteral("omupgrade/deployment"), deploymentName},
                     {QStringLiteral("omupgrade/copied-from"), manifest.container},
                     {QStringLiteral("omupgrade/target-version"), tag}}}};
    if (metadata.contains(QStringLiteral("namespace"))) // next to the secrets it references
        jobMetadata.insert(QStringLiteral("namespace"),
                           metadata.value(QStringLiteral("namespace")));
    const auto job = [&](const QJsonObject& theContainer) {
        QJsonObject spec = pod;
        spec.insert(QStringLiteral("containers"), QJsonArray{theContainer});
        return QJsonObject{
            {QStringLiteral("apiVersion"), QStringLiteral("batch/v1")},
            {QStringLiteral("kind"), QStringLiteral("Job")},
            {QStringLiteral("metadata"), jobMetadata},
            {QStringLiteral("spec"),
             QJsonObject{{QStringLiteral("backoffLimit"), 0}, // a failed migration is not retried
                         {QStringLiteral("ttlSecondsAfterFinished"), ttlSeconds},
                         {QStringLiteral("template"),
                          QJsonObject{{QStringLiteral("metadata"),
                                       QJsonObject{{QStringLiteral("labels"), labels}}},
                                      {QStringLiteral("spec"), spec}}}}}};
    };
    manifest.job = job(container);
    manifest.shown = job(containerShown);
    return manifest;
}

Result<QStringList> KubernetesMigrationJob::readActiveJobs(const QString& kubectl,
                                                           const KubernetesSettings& settings,
                                                           const QProcessEnvironment& environment)
{
    const ProcessCall get = kubectlGet(kubectl, settings,
                                       {QStringLiteral("jobs"), QStringLiteral("-l"),
                                        QStringLiteral("app.kubernetes.io/managed-by=omupgrade")});
    const ProcessCallOutcome result = ProcessCaller::runNow(get, environment);
    if (!result.ok())
        return makeError(
            result.timedOut
                ? QStringLiteral("kubectl did not answer within %1 s").arg(kubectlTimeoutMs / 1000)
                : QStringLiteral("omupgrade's earlier jobs could not be listed: %1")
                      .arg(
                          QString::fromUtf8(result.errors.isEmpty() ? result.output : result.errors)
                              .trimmed()
                              .left(300)),
            get.display(),
            QStringLiteral("The job mode needs to list jobs (get, list on jobs in the "
                           "namespace) so that two migrations never run at once."));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(result.output, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return makeError(
            QStringLiteral("kubectl's list of jobs is not JSON: %1").arg(parseError.errorString()),
            get.display());
    QStringList active;
    for (const QJsonValue& item : document.object().value(QStringLiteral("items")).toArray()) {
        const QJsonObject job = item.toObject();
        const QJsonObject status = job.value(QStringLiteral("status")).toObject();
        const bool finished = status.value(QStringLiteral("succeeded")).toInt() > 0 ||
                              status.value(QStringLiteral("failed")).toInt() > 0;
        if (!finished)
            active << job.value(QStringLiteral("metadata"))
                          .toObject()
                          .value(QStringLiteral("name"))
                          .toString();
    }
    return active;
}

Result<ToolCommandLine> KubernetesMigrationJob::build(const OpenMetadataDistribution& distribution,
                                                      const MigrationSettings& settings,
                                                      MigrationAction action, const QDateTime& now)
{
    const KubernetesSettings& k8s = settings.kubernetes;
    if (distribution.tool() != MigrationTool::OpenMetadataOps)
        return makeError(
            QStringLiteral("release %1 has no openmetadata-ops.sh (it came in 1.3.0): the "
                           "Kubernetes job mode cannot run its migration")
                .arg(distribution.version().toString()),
            distribution.root(),
            QStringLiteral("Use the kubectl exec mode (--mode kubernetes) into a pod running the "
                           "%1 image, which runs bootstrap_storage.sh, or the chart's own "
                           "migration on helm upgrade.")
                .arg(distribution.version().toString()));
    if (k8s.deployment.isEmpty())
        return makeError(QStringLiteral("no deployment given"), {},
                         QStringLiteral("Name the OpenMetadata deployment, e.g. openmetadata."));
    ToolCommandLine command;
    command.action = action;
    command.mode = MigrationMode::KubernetesJob;
    command.force = settings.force && action == MigrationAction::Migrate;
    command.environment = ChildEnvironment::forContainerTool(settings.baseEnvironment);
    const QString kubectl =
        ToolCommandLineBuilder::findProgram(QStringLiteral("kubectl"), command.environment);
    if (kubectl.isEmpty())
        return makeError(QStringLiteral("kubectl is not installed or not on the PATH"), {},
                         QStringLiteral("Install it, or run the migration where it is "
                                        "available."));
    const auto deployment = readDeployment(kubectl, k8s, command.environment);
    if (!deployment)
        return deployment.error();

    // The server must be stopped: in Kubernetes that is the deployment scaled to 0.
    const QJsonObject spec = deployment->value(QStringLiteral("spec")).toObject();
    const int replicas = std::max(spec.value(QStringLiteral("replicas")).toInt(1),
                                  deployment->value(QStringLiteral("status"))
                                      .toObject()
                                      .value(QStringLiteral("replicas"))
                                      .toInt(0));
    const QStringList ns = namespaceArguments(k8s);
    const QString prefix = ns.isEmpty() ? QString() : ns.join(QLatin1Char(' ')) + QLatin1Char(' ');
    // Only the schema changes need the server down; a reindex runs next to the new server.
    if (replicas > 0 && (action == MigrationAction::Migrate || action == MigrationAction::Repair))
        return makeError(
            QStringLiteral("deployment \"%1\" still runs %2 pod(s) of the old server")
                .arg(k8s.deployment)
                .arg(replicas),
            QStringLiteral("kubectl %1get deployment %2").arg(prefix, k8s.deployment),
            QStringLiteral("Stop the server first: kubectl %1scale deployment %2 --replicas=0 "
                           "(and pause whatever scales it back, such as Argo CD or an "
                           "autoscaler), wait for its pods to end, then run this again.")
                .arg(prefix, k8s.deployment));

    if (action != MigrationAction::Info) {
        const auto active = readActiveJobs(kubectl, k8s, command.environment);
        if (!active)
            return active.error();
        if (!active->isEmpty())
            return makeError(
                QStringLiteral("an earlier omupgrade job has not finished: %1")
                    .arg(active->join(QStringLiteral(", "))),
                QStringLiteral("kubectl %1get jobs -l app.kubernetes.io/managed-by=omupgrade")
                    .arg(prefix),
                QStringLiteral("It may still be migrating (a closed wizard or a slow image pull "
                               "leaves it running). Follow it with kubectl %1logs -f job/%2 and "
                               "run this again when it has ended, or stop it with kubectl "
                               "%1delete job %2.")
                    .arg(prefix, active->first()));
    }

    const QString name = jobName(action, distribution.version().toString(), now);
    const QString folder = k8s.installFolder;
    const QStringList arguments = ToolCommandLineBuilder::toolArguments(
        MigrationTool::OpenMetadataOps, action, folder + QStringLiteral("/conf/openmetadata.yaml"),
        settings.force);
    const auto manifest = KubernetesMigrationJob::manifest(
        deployment.value(), name, k8s.image, distribution.version().toString(),
        {folder + QLatin1Char('/') + distribution.toolScript()}, arguments);
    if (!manifest)
        return manifest.error();

    ProcessCall create;
    create.program = kubectl;
    create.arguments =
        ns + QStringList{QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("-")};
    // On stdin: never a file another user could read, never an argument.
    create.input = QJsonDocument(manifest->job).toJson(QJsonDocument::Compact);
    create.inputShown = manifest->shown;
    create.inputNote = QStringLiteral("manifest on stdin");
    create.timeoutMs = 60'000;
    command.prepare << create;

    command.program = kubectl;
    command.arguments = ns + QStringList{QStringLiteral("logs"), QStringLiteral("-f"),
                                         QStringLiteral("--pod-running-timeout=10m"),
                                         QStringLiteral("job/") + name};

    ProcessCall status;
    status.program = kubectl;
    status.arguments = ns + QStringList{QStringLiteral("get"), QStringLiteral("job"), name,
                                        QStringLiteral("-o"), QStringLiteral("json")};
    status.note = QStringLiteral("its status decides success");
    status.timeoutMs = kubectlTimeoutMs;
    command.conclude = status;
    command.judge = [name](const ProcessCallOutcome& result) { return verdict(name, result); };
    // `kubectl logs -f` ends at once while the new image is still being pulled: follow
    // again while the job is active, as long as its pod may take to start.
    command.followAgainMs = 10 * 60 * 1000;
    command.statusProbeMs = 60 * 1000;

    ProcessCall remove;
    remove.program = kubectl;
    remove.arguments = ns + QStringList{QStringLiteral("delete"),
                                        QStringLiteral("job"),
                                        name,
                                        QStringLiteral("--wait=false"),
                                        QStringLiteral("--cascade=background"),
                                        QStringLiteral("--ignore-not-found")};
    remove.timeoutMs = kubectlTimeoutMs;
    command.onCancel = remove;

    command.hiddenValues = manifest->hiddenValues;
    command.remarks << QStringLiteral("from deployment %1: the %2, image %3")
                           .arg(k8s.deployment, manifest->container, manifest->sourceImage)
                    << QStringLiteral(
                           "job %1 runs %2 with that container's envFrom, env, volumes and "
                           "service account; it is kept %3 hours after it ends")
                           .arg(name, manifest->image)
                           .arg(ttlSeconds / 3600);
    command.cancelledNote =
        QStringLiteral("The job %1 was deleted (kubectl %2delete job %1), which stops its pod: "
                       "the migration does not go on in the cluster.")
            .arg(name, prefix);
    command.failureNote =
        QStringLiteral("The job %1 and its pod's log stay for %2 hours: kubectl %3describe job "
                       "%1; kubectl %3logs job/%1.")
            .arg(name)
            .arg(ttlSeconds / 3600)
            .arg(prefix);
    return command;
}

MigrationVerdict KubernetesMigrationJob::verdict(const QString& name,
                                                 const ProcessCallOutcome& status)
{
    using State = MigrationVerdict::State;
    if (!status.ok()) {
        if (status.errors.contains("(NotFound)"))
            return {State::Failed,
                    QStringLiteral("job %1 no longer exists (deleted while it ran?)").arg(name)};
        return {State::Unknown, QStringLiteral("the status of job %1 could not be read: %2")
                                    .arg(name, status.problem())};
    }
    const QJsonDocument document = QJsonDocument::fromJson(status.output);
    if (!document.isObject())
        return {State::Unknown,
                QStringLiteral("kubectl's answer for job %1 is not JSON").arg(name)};
    const QJsonObject jobStatus = document.object().value(QStringLiteral("status")).toObject();
    for (const QJsonValue& value : jobStatus.value(QStringLiteral("conditions")).toArray()) {
        const QJsonObject condition = value.toObject();
        if (condition.value(QStringLiteral("status")).toString() != QLatin1String("True"))
            continue;
        const QString type = condition.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("Complete"))
            return {State::Succeeded, QStringLiteral("job %1 completed").arg(name)};
        if (type == QLatin1String("Failed")) {
            QString why = condition.value(QStringLiteral("reason")).toString();
            const QString message = condition.value(QStringLiteral("message")).toString();
            if (!message.isEmpty())
                why += (why.isEmpty() ? QString() : QStringLiteral(": ")) + message;
            return {State::Failed,
                    QStringLiteral("job %1 failed (%2): the migration tool exited with an error")
                        .arg(name, why.isEmpty() ? QStringLiteral("no reason given") : why)};
        }
    }
    if (jobStatus.value(QStringLiteral("succeeded")).toInt() > 0)
        return {State::Succeeded, QStringLiteral("job %1 succeeded").arg(name)};
    if (jobStatus.value(QStringLiteral("failed")).toInt() > 0)
        return {State::Failed,
                QStringLiteral("job %1 failed: the migration tool exited with an error").arg(name)};
    return {State::Running, QStringLiteral("job %1 has not finished (%2 pod(s) active)")
                                .arg(name)
                                .arg(jobStatus.value(QStringLiteral("active")).toInt())};
}

} // namespace omu

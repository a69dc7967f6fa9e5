#include "ToolCommandLine.h"

#include "ChildEnvironment.h"

#include "connection/ConnectionResolver.h"
#include "KubernetesMigrationJob.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>

namespace omu {

QString migrationModeName(MigrationMode mode)
{
    switch (mode) {
    case MigrationMode::Bare:
        return QStringLiteral("bare");
    case MigrationMode::Docker:
        return QStringLiteral("docker");
    case MigrationMode::Kubernetes:
        return QStringLiteral("kubernetes");
    case MigrationMode::KubernetesJob:
        return QStringLiteral("kubernetes-job");
    }
    return {};
}

std::optional<MigrationMode> migrationModeFromName(const QString& name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == QLatin1String("bare") || lower == QLatin1String("bare-metal"))
        return MigrationMode::Bare;
    if (lower == QLatin1String("docker"))
        return MigrationMode::Docker;
    if (lower == QLatin1String("kubernetes") || lower == QLatin1String("k8s"))
        return MigrationMode::Kubernetes;
    if (lower == QLatin1String("kubernetes-job") || lower == QLatin1String("k8s-job"))
        return MigrationMode::KubernetesJob;
    return std::nullopt;
}

QString ToolCommandLineBuilder::actionWord(MigrationTool tool, MigrationAction action)
{
    switch (action) {
    case MigrationAction::Migrate:
        return tool == MigrationTool::OpenMetadataOps ? QStringLiteral("migrate")
                                                      : QStringLiteral("migrate-all");
    case MigrationAction::Repair:
        return QStringLiteral("repair");
    case MigrationAction::Reindex:
        return QStringLiteral("reindex");
    case MigrationAction::Info:
        return QStringLiteral("info");
    }
    return {};
}

QStringList ToolCommandLineBuilder::toolArguments(MigrationTool tool, MigrationAction action,
                                                  const QString& config, bool force)
{
    QStringList arguments;
    if (tool == MigrationTool::OpenMetadataOps)
        arguments << QStringLiteral("-c") << config;
    arguments << actionWord(tool, action);
    if (force && action == MigrationAction::Migrate)
        arguments << QStringLiteral("--force");
    return arguments;
}

namespace {

QString describe(const ConnectionProfile& profile)
{
    return QStringLiteral("%1 %2:%3/%4 as %5")
        .arg(engineName(profile.engine), profile.host)
        .arg(profile.port)
        .arg(profile.database, profile.user);
}

// The configuration the tool will read, expanded with the child's environment the way the
// server expands it, must name the tested database: anything else would migrate a
// database that was not backed up.
Status checkConfigPointsAtProfile(const QString& config, const QProcessEnvironment& environment,
                                  const ConnectionProfile& profile)
{
    ConnectionSources sources;
    sources.configFile = config;
    for (const QString& key : environment.keys())
        sources.environment.insert(key, environment.value(key));
    const auto resolved = ConnectionResolver::resolve(sources);
    if (!resolved)
        return resolved.error();
    const ConnectionProfile& read = resolved.value().profile;
    QStringList differences;
    const auto compare = [&](const char* field, const QString& theirs, const QString& ours) {
        if (theirs != ours)
            differences << QStringLiteral("%1 is %2 (from %3), the tested connection has %4")
                               .arg(QLatin1String(field), theirs,
                                    resolved.value().origins.value(QLatin1String(field)), ours);
    };
    compare("engine", engineName(read.engine), engineName(profile.engine));
    compare("host", read.host.toLower(), profile.host.toLower());
    compare("port", QString::number(read.port), QString::number(profile.port));
    compare("database", read.database, profile.database);
    compare("user", read.user, profile.user);
    if (differences.isEmpty())
        return {};
    return makeError(QStringLiteral("the migration's configuration points at another database: %1")
                         .arg(differences.join(QStringLiteral("; "))),
                     config,
                     QStringLiteral("The migration must run on the database that was tested and "
                                    "backed up (%1). Make the configuration read its values from "
                                    "${DB_HOST}, ${DB_PORT}, ... like the stock one, or fix them.")
                         .arg(describe(profile)));
}

} // namespace

QString ToolCommandLineBuilder::shellQuote(const QString& word)
{
    static const QRegularExpression plain(QStringLiteral(R"(^[A-Za-z0-9_@%+=:,./-]+$)"));
    if (!word.isEmpty() && plain.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString ToolCommandLineBuilder::findProgram(const QString& program,
                                            const QProcessEnvironment& environment)
{
    if (program.contains(QLatin1Char('/')))
        return QFileInfo(program).isExecutable() ? QFileInfo(program).absoluteFilePath()
                                                 : QString();
    const QStringList paths =
        environment.value(QStringLiteral("PATH")).split(QLatin1Char(':'), Qt::SkipEmptyParts);
    return QStandardPaths::findExecutable(program, paths);
}

QList<QPair<QString, QString>>
ToolCommandLineBuilder::connectionVariables(const ConnectionProfile& profile)
{
    const bool pg = profile.engine == Engine::Postgres;
    QStringList params;
    for (auto it = profile.params.cbegin(); it != profile.params.cend(); ++it)
        params << it.key() + QLatin1Char('=') + it.value();
    if (params.isEmpty())
        params << QStringLiteral("allowPublicKeyRetrieval=true") << QStringLiteral("useSSL=false")
               << QStringLiteral("serverTimezone=UTC");
    if (pg && !profile.schema.isEmpty() &&
        !profile.params.contains(QStringLiteral("currentSchema")))
        params << QStringLiteral("currentSchema=") + profile.schema;
    const bool tls = profile.tlsMode == TlsMode::Require || profile.tlsMode == TlsMode::VerifyCa ||
                     profile.tlsMode == TlsMode::VerifyFull;
    return {
        {QStringLiteral("DB_DRIVER_CLASS"), OpenMetadataDistribution::driverClass(profile.engine)},
        {QStringLiteral("DB_SCHEME"), pg ? QStringLiteral("postgresql") : QStringLiteral("mysql")},
        {QStringLiteral("DB_HOST"), profile.host},
        {QStringLiteral("DB_PORT"), QString::number(profile.port)},
        {QStringLiteral("OM_DATABASE"), profile.database},
        {QStringLiteral("DB_USER"), profile.user},
        {QStringLiteral("DB_USER_PASSWORD"), profile.password},
        {QStringLiteral("DB_PARAMS"), params.join(QLatin1Char('&'))},
        {QStringLiteral("DB_USE_SSL"), tls ? QStringLiteral("true") : QStringLiteral("false")},
    };
}

Result<ToolCommandLine> ToolCommandLineBuilder::build(const OpenMetadataDistribution& distribution,
                                                      const ConnectionProfile& profile,
                                                      const MigrationSettings& settings,
                                                      MigrationAction action)
{
    const MigrationTool tool = distribution.tool();
    if (action == MigrationAction::Reindex && tool != MigrationTool::OpenMetadataOps)
        return makeError(
            QStringLiteral(
                "release %1 has no 'reindex' command (openmetadata-ops.sh came in 1.3.0)")
                .arg(distribution.version().toString()),
            distribution.root(),
            QStringLiteral("Trigger the reindex through the server instead: the Search Indexing "
                           "application (POST /api/v1/apps/trigger/SearchIndexingApplication)."));
    ToolCommandLine command;
    command.action = action;
    command.mode = settings.mode;
    command.force = settings.force && action == MigrationAction::Migrate;
    command.environment = ChildEnvironment::forContainerTool(settings.baseEnvironment);
    command.secret = profile.password;

    switch (settings.mode) {
    case MigrationMode::Bare: {
        const QString script = QDir(distribution.root()).filePath(distribution.toolScript());
        if (!QFileInfo(script).isExecutable())
            return makeError(QStringLiteral("the migration tool is not executable"), script,
                             QStringLiteral("Unpack the tarball again, or run: chmod +x %1")
                                 .arg(shellQuote(script)));
        QString config = settings.configFile.isEmpty()
                             ? distribution.configFile()
                             : QFileInfo(settings.configFile).absoluteFilePath();
        if (tool == MigrationTool::BootstrapStorage &&
            QFileInfo(config) != QFileInfo(distribution.configFile()))
            return makeError(QStringLiteral("bootstrap_storage.sh always reads the release's own "
                                            "conf/openmetadata.yaml"),
                             config,
                             QStringLiteral("Copy your settings into %1, or leave the "
                                            "configuration choice empty.")
                                 .arg(distribution.configFile()));
        if (!QFileInfo(config).isFile())
            return makeError(QStringLiteral("the configuration file does not exist"), config,
                             QStringLiteral("Choose the openmetadata.yaml the new release should "
                                            "use, normally conf/openmetadata.yaml inside it."));
        command.environment = ChildEnvironment::forTool(settings.baseEnvironment, config);
        for (const auto& [key, value] : connectionVariables(profile)) {
            command.environment.insert(key, value);
            command.passedKeys << key;
        }
        command.secretKeys << QStringLiteral("DB_USER_PASSWORD");
        if (const Status pointsAt =
                checkConfigPointsAtProfile(config, command.environment, profile);
            !pointsAt.ok())
            return pointsAt.error();
        command.program = script;
        command.arguments = toolArguments(tool, action, config, settings.force);
        command.workingDirectory = distribution.root();
        break;
    }
    case MigrationMode::Docker: {
        const DockerSettings& docker = settings.docker;
        const QString folder = docker.installFolder;
        const QString script = folder + QLatin1Char('/') + distribution.toolScript();
        const QString config = folder + QStringLiteral("/conf/openmetadata.yaml");
        command.program = findProgram(QStringLiteral("docker"), command.environment);
        if (!docker.container.isEmpty()) {
            command.arguments << QStringLiteral("exec") << QStringLiteral("-i") << docker.container;
        } else {
            if (docker.service.isEmpty())
                return makeError(QStringLiteral("no docker compose service given"), {},
                                 QStringLiteral("Name the service that runs the migration "
                                                "(execute-migrate-all in OpenMetadata's compose "
                                                "files) or a container for docker exec."));
            command.arguments << QStringLiteral("compose");
            if (!docker.composeFile.isEmpty()) {
                if (!QFileInfo(docker.composeFile).isFile())
                    return makeError(QStringLiteral("the docker compose file does not exist"),
                                     docker.composeFile);
                command.arguments << QStringLiteral("-f")
                                  << QFileInfo(docker.composeFile).absoluteFilePath();
                command.workingDirectory = QFileInfo(docker.composeFile).absolutePath();
            }
            command.arguments << QStringLiteral("run") << QStringLiteral("--rm") << docker.service;
        }
        // The container reads the connection from its own environment (the compose
        // file's env_file), whose host names are the ones that work inside docker.
        command.arguments << script << toolArguments(tool, action, config, settings.force);
        command.failureNote = QStringLiteral("With docker, check that no migration container is "
                                             "still running (docker ps).");
        break;
    }
    case MigrationMode::Kubernetes: {
        const KubernetesSettings& k8s = settings.kubernetes;
        if (k8s.target.isEmpty())
            return makeError(QStringLiteral("no pod or deployment given"), {},
                             QStringLiteral("Name the OpenMetadata pod or deploy/<name>, e.g. "
                                            "deploy/openmetadata."));
        const QString folder = k8s.installFolder;
        command.program = findProgram(QStringLiteral("kubectl"), command.environment);
        if (!k8s.nameSpace.isEmpty())
            command.arguments << QStringLiteral("-n") << k8s.nameSpace;
        command.arguments << QStringLiteral("exec") << k8s.target;
        if (!k8s.container.isEmpty())
            command.arguments << QStringLiteral("-c") << k8s.container;
        // The pod reads the connection from the chart's secret; nothing secret is passed.
        command.arguments << QStringLiteral("--")
                          << folder + QLatin1Char('/') + distribution.toolScript()
                          << toolArguments(tool, action,
                                           folder + QStringLiteral("/conf/openmetadata.yaml"),
                                           settings.force);
        command.failureNote = QStringLiteral("With kubectl exec, the tool may still be running in "
                                             "the pod: check with kubectl exec ... ps.");
        break;
    }
    case MigrationMode::KubernetesJob: {
        // Reads the deployment through kubectl: waits up to its time limit.
        auto job = KubernetesMigrationJob::build(distribution, settings, action);
        if (!job)
            return job.error();
        job.value().secret = command.secret;
        job.value().force = command.force;
        command = std::move(job).value();
        break;
    }
    }
    if (command.program.isEmpty())
        return makeError(
            QStringLiteral("%1 is not installed or not on the PATH")
                .arg(settings.mode == MigrationMode::Docker ? QStringLiteral("docker")
                                                            : QStringLiteral("kubectl")),
            {}, QStringLiteral("Install it, or run the migration where it is available."));
    // Belt and braces: nothing above puts the password in an argument, and nothing may.
    if (const Status clean = checkPasswordNotPassed(command, profile.password); !clean.ok())
        return clean.error();
    return command;
}

Status ToolCommandLineBuilder::checkPasswordNotPassed(const ToolCommandLine& command,
                                                      const QString& password)
{
    if (password.size() < 4)
        return {};
    QList<ProcessCall> steps = command.prepare;
    for (const auto& step : {command.conclude, command.onCancel})
        if (step)
            steps << *step;
    QStringList arguments = command.arguments;
    for (const ProcessCall& step : std::as_const(steps))
        arguments << step.arguments;
    for (const QString& argument : std::as_const(arguments))
        if (argument.contains(password))
            return makeError(
                QStringLiteral("refusing to put the database password on a command line"), {},
                QStringLiteral("A path or name given for the migration contains the password's "
                               "text; rename it."));
    // Both the raw text and the JSON spelling (quotes and backslashes escaped) of it: the
    // input is a JSON manifest.
    const QByteArray needle = password.toUtf8();
    const QByteArray jsonNeedle =
        QJsonDocument(QJsonArray{password}).toJson(QJsonDocument::Compact).mid(2).chopped(2);
    const auto holds = [&](const QByteArray& text) {
        return text.contains(needle) || text.contains(jsonNeedle);
    };
    for (const ProcessCall& step : std::as_const(steps))
        if (holds(step.input) ||
            holds(QJsonDocument(step.inputShown).toJson(QJsonDocument::Compact)))
            return makeError(
                QStringLiteral("refusing to pass the database password on a command's input"),
                step.display(),
                QStringLiteral("The Kubernetes job must read the password from a Secret "
                               "(secretKeyRef or envFrom), as the chart does; a value written "
                               "into the deployment is copied into the job. Move it into a "
                               "Secret, or name a deployment that does not hold it."));
    for (const QString& remark : command.remarks)
        if (remark.contains(password))
            return makeError(QStringLiteral("refusing to show the database password"), {},
                             QStringLiteral("A name read from the cluster contains the "
                                            "password's text."));
    return {};
}

QString ToolCommandLine::display() const
{
    if (prepare.isEmpty() && !conclude && !onCancel && remarks.isEmpty())
        return mainDisplay();
    QStringList lines;
    for (const QString& remark : remarks)
        lines << QStringLiteral("# ") + remark;
    for (const ProcessCall& step : prepare)
        lines << step.display();
    lines << mainDisplay();
    if (conclude)
        lines << conclude->display();
    if (onCancel)
        lines << QStringLiteral("on cancel: ") + onCancel->display();
    return lines.join(QLatin1Char('\n'));
}

QString ToolCommandLine::mainDisplay() const
{
    QStringList words;
    for (const QString& key : passedKeys)
        words << key + QLatin1Char('=') +
                     (secretKeys.contains(key)
                          ? QStringLiteral("***")
                          : ToolCommandLineBuilder::shellQuote(environment.value(key)));
    words << ToolCommandLineBuilder::shellQuote(program);
    for (const QString& argument : arguments)
        words << ToolCommandLineBuilder::shellQuote(argument);
    QString text = words.join(QLatin1Char(' '));
    if (!workingDirectory.isEmpty())
        text = QStringLiteral("cd %1 && %2")
                   .arg(ToolCommandLineBuilder::shellQuote(workingDirectory), text);
    return text;
}

QJsonObject ToolCommandLine::toJson() const
{
    QJsonObject json{{QStringLiteral("mode"), migrationModeName(mode)},
                     {QStringLiteral("program"), program},
                     {QStringLiteral("arguments"), QJsonArray::fromStringList(arguments)},
                     {QStringLiteral("workingDirectory"), workingDirectory},
                     {QStringLiteral("environment"), QJsonArray::fromStringList(passedKeys)},
                     {QStringLiteral("display"), display()}};
    if (!remarks.isEmpty())
        json.insert(QStringLiteral("remarks"), QJsonArray::fromStringList(remarks));
    if (!prepare.isEmpty()) {
        QJsonArray steps;
        for (const ProcessCall& step : prepare)
            steps.append(step.toJson());
        json.insert(QStringLiteral("prepare"), steps);
    }
    if (conclude)
        json.insert(QStringLiteral("conclude"), conclude->toJson());
    if (onCancel)
        json.insert(QStringLiteral("onCancel"), onCancel->toJson());
    return json;
}

} // namespace omu

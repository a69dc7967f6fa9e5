#include "ReviewWorkspace.h"

#include "InputFile.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringDecoder>

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>

namespace omu {

namespace {

// Folders that hold other people's code or build output, not the user's connectors:
// a virtualenv's site-packages contains OpenMetadata's own package, old imports and all.
bool isSkippedFolder(const QString& name)
{
    static const QStringList skipped{
        QStringLiteral("site-packages"), QStringLiteral("dist-packages"),
        QStringLiteral("venv"),          QStringLiteral(".venv"),
        QStringLiteral("node_modules"),  QStringLiteral("__pycache__"),
        QStringLiteral(".tox"),          QStringLiteral("build"),
        QStringLiteral("dist")};
    return name.startsWith(QLatin1Char('.')) || skipped.contains(name);
}

// Files below folder accepted by `wanted`, sorted, not descending into folders `skip`
// names. Symbolic links to folders are not followed (no loops).
QStringList filesBelow(const QString& folder, const std::function<bool(const QString&)>& skip,
                       const std::function<bool(const QFileInfo&)>& wanted,
                       const CancelToken& cancel)
{
    QStringList found;
    QList<QString> pending{folder};
    while (!pending.isEmpty()) {
        if (cancel.isCancelled())
            break;
        const QDir dir(pending.takeFirst());
        const auto entries = dir.entryInfoList(
            QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
        for (const QFileInfo& entry : entries) {
            if (entry.isDir()) {
                if (!entry.isSymLink() && !skip(entry.fileName()))
                    pending.append(entry.filePath());
            } else if (wanted(entry)) {
                found << entry.filePath();
            }
        }
    }
    std::sort(found.begin(), found.end());
    return found;
}

// Files below folder whose name ends with one of the suffixes, skipping the folders of
// isSkippedFolder.
QStringList filesBelow(const QString& folder, const QStringList& suffixes,
                       const CancelToken& cancel)
{
    return filesBelow(
        folder, &isSkippedFolder,
        [&](const QFileInfo& entry) {
            for (const QString& suffix : suffixes)
                if (entry.fileName().endsWith(suffix, Qt::CaseInsensitive))
                    return true;
            return false;
        },
        cancel);
}

// A deployment folder keeps its CI files in dot-folders (.github, .gitlab, .circleci);
// only version control, editor and tool caches are left out.
bool isSkippedScriptFolder(const QString& name)
{
    static const QStringList skipped{
        QStringLiteral(".git"),          QStringLiteral(".hg"),
        QStringLiteral(".svn"),          QStringLiteral(".idea"),
        QStringLiteral(".vscode"),       QStringLiteral(".tox"),
        QStringLiteral(".venv"),         QStringLiteral("venv"),
        QStringLiteral("node_modules"),  QStringLiteral("site-packages"),
        QStringLiteral("dist-packages"), QStringLiteral("__pycache__"),
        QStringLiteral(".mypy_cache"),   QStringLiteral(".pytest_cache")};
    return skipped.contains(name);
}

// The first line of a file without an extension, to tell a #! script from anything else.
QString firstLineOf(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readLine(256)).trimmed();
}

// Reads the files of a folder on a few threads: they are independent, and on a folder of
// thousands the time goes into opening and parsing them. read(path) must only touch its
// own file; the results come back in the order of paths. Stops early when cancelled.
template <typename T>
std::vector<std::optional<T>> readInParallel(const QStringList& paths,
                                             const std::function<T(const QString&)>& read,
                                             const CancelToken& cancel)
{
    std::vector<std::optional<T>> results(size_t(paths.size()));
    std::atomic<qsizetype> next{0};
    auto work = [&] {
        for (qsizetype index = next++; index < paths.size(); index = next++) {
            if (cancel.isCancelled())
                return;
            results[size_t(index)].emplace(read(paths.at(index)));
        }
    };
    const qsizetype threads =
        std::min<qsizetype>(std::clamp(int(std::thread::hardware_concurrency()), 1, 4),
                            paths.size() / 64 + 1); // small folders are not worth a thread
    std::vector<std::thread> pool;
    for (qsizetype thread = 1; thread < threads; ++thread)
        pool.emplace_back(work);
    work();
    for (std::thread& thread : pool)
        thread.join();
    return results;
}

ReviewProblem problemFromError(const Error& error, const QString& path)
{
    // EnvFile reports "name:line"; keep the line, name the file by its full path.
    static const QRegularExpression lineSuffix(QStringLiteral(":(\\d+)$"));
    const auto match = lineSuffix.match(error.where);
    return ReviewProblem{path, match.hasMatch() ? match.captured(1).toInt() : 0, 0, error.message,
                         error.advice};
}

} // namespace

QString ReviewWorkspace::inputName(InputKind kind)
{
    switch (kind) {
    case InputKind::Config:
        return QStringLiteral("openmetadata.yaml");
    case InputKind::Helm:
        return QStringLiteral("Helm values");
    case InputKind::Workflows:
        return QStringLiteral("ingestion workflow YAMLs");
    case InputKind::Env:
        return QStringLiteral("env files");
    case InputKind::Scripts:
        return QStringLiteral("scripts and deployment files");
    case InputKind::Compose:
        return QStringLiteral("docker compose files");
    case InputKind::Code:
        break;
    }
    return QStringLiteral("custom connector code");
}

ReviewWorkspace ReviewWorkspace::load(const ReviewRequest& request, const CancelToken& cancel)
{
    ReviewWorkspace workspace;

    if (request.configFile.isEmpty()) {
        workspace.m_missing.insert(InputKind::Config,
                                   QStringLiteral("no openmetadata.yaml was given"));
    } else if (auto config = YamlSource::load(request.configFile,
                                              QStringLiteral("OpenMetadata configuration"))) {
        workspace.m_config.emplace(std::move(config).value());
    } else {
        workspace.m_problems << config.error();
        workspace.m_missing.insert(InputKind::Config,
                                   QStringLiteral("%1 could not be read").arg(request.configFile));
    }

    for (const QString& path : request.envFiles) {
        auto bytes = InputFile::read(path, QStringLiteral("env file"));
        if (!bytes) {
            workspace.m_problems << bytes.error();
            continue;
        }
        QByteArray content = bytes.value();
        if (content.startsWith(InputFile::byteOrderMark()))
            content.remove(0, 3);
        auto parsed = EnvFile::parse(QString::fromUtf8(content), QFileInfo(path).fileName());
        if (!parsed) {
            workspace.m_problems << problemFromError(parsed.error(), path);
            continue;
        }
        parsed.value().applyTo(workspace.m_variables);
        workspace.m_envFiles.push_back(EnvSource{path, bytes.value(), parsed.value()});
    }
    if (workspace.m_envFiles.empty())
        workspace.m_missing.insert(InputKind::Env,
                                   request.envFiles.isEmpty()
                                       ? QStringLiteral("no env file was given")
                                       : QStringLiteral("no env file could be read"));

    if (request.helmValuesFile.isEmpty()) {
        workspace.m_missing.insert(InputKind::Helm,
                                   QStringLiteral("no Helm values file was given"));
    } else if (auto helm =
                   YamlSource::load(request.helmValuesFile, QStringLiteral("Helm values file"))) {
        workspace.m_helm.emplace(std::move(helm).value());
    } else {
        workspace.m_problems << helm.error();
        workspace.m_missing.insert(
            InputKind::Helm, QStringLiteral("%1 could not be read").arg(request.helmValuesFile));
    }

    workspace.loadWorkflows(request.workflowsFolder, cancel);
    workspace.loadCode(request.codeFolder, cancel);
    workspace.loadScripts(request.scriptsFolder, cancel);
    return workspace;
}

void ReviewWorkspace::loadWorkflows(const QString& folder, const CancelToken& cancel)
{
    if (folder.isEmpty()) {
        m_missing.insert(InputKind::Workflows, QStringLiteral("no workflows folder was given"));
        return;
    }
    if (!QFileInfo(folder).isDir()) {
        m_problems << ReviewProblem{
            folder, 0, 0, QStringLiteral("the workflows folder does not exist or is not a folder"),
            QStringLiteral("Point at the folder holding the ingestion YAMLs.")};
        m_missing.insert(InputKind::Workflows,
                         QStringLiteral("the workflows folder %1 does not exist").arg(folder));
        return;
    }
    const QStringList files =
        filesBelow(folder, {QStringLiteral(".yaml"), QStringLiteral(".yml")}, cancel);
    const std::function<Result<YamlSource, ReviewProblem>(const QString&)> load =
        [](const QString& path) { return YamlSource::load(path, QStringLiteral("workflow file")); };
    for (auto& source : readInParallel(files, load, cancel)) {
        if (!source)
            return; // cancelled
        if (*source)
            m_workflows.push_back(std::move(*source).value());
        else
            m_problems << source->error();
    }
    if (files.isEmpty())
        m_missing.insert(
            InputKind::Workflows,
            QStringLiteral("the workflows folder %1 holds no .yaml or .yml file").arg(folder));
    else if (m_workflows.empty())
        m_missing.insert(InputKind::Workflows,
                         QStringLiteral("no workflow file in %1 could be read").arg(folder));
}

void ReviewWorkspace::loadCode(const QString& folder, const CancelToken& cancel)
{
    if (folder.isEmpty()) {
        m_missing.insert(InputKind::Code,
                         QStringLiteral("no custom connector code folder was given"));
        return;
    }
    if (!QFileInfo(folder).isDir()) {
        m_problems << ReviewProblem{
            folder, 0, 0, QStringLiteral("the code folder does not exist or is not a folder"),
            QStringLiteral("Point at the folder holding your connectors' Python code.")};
        m_missing.insert(InputKind::Code,
                         QStringLiteral("the code folder %1 does not exist").arg(folder));
        return;
    }
    const QStringList files = filesBelow(folder, {QStringLiteral(".py")}, cancel);
    for (const QString& path : files) {
        if (cancel.isCancelled())
            return;
        auto read = InputFile::readText(path, QStringLiteral("Python file"));
        if (!read) {
            m_problems << read.error();
            continue;
        }
        const QString& text = read.value();
        QStringList lines = text.split(QLatin1Char('\n'));
        for (QString& line : lines)
            if (line.endsWith(QLatin1Char('\r')))
                line.chop(1);
        m_pythonFiles.push_back(PythonSource{path, lines});
    }
    if (files.isEmpty())
        m_missing.insert(InputKind::Code,
                         QStringLiteral("the code folder %1 holds no .py file").arg(folder));
}

void ReviewWorkspace::loadScripts(const QString& folder, const CancelToken& cancel)
{
    if (folder.isEmpty()) {
        const QString reason = QStringLiteral("no scripts and deployment files folder was given");
        m_missing.insert(InputKind::Scripts, reason);
        m_missing.insert(InputKind::Compose, reason);
        return;
    }
    if (!QFileInfo(folder).isDir()) {
        m_problems << ReviewProblem{
            folder, 0, 0, QStringLiteral("the scripts folder does not exist or is not a folder"),
            QStringLiteral("Point at the folder holding your deployment's scripts, crontabs, "
                           "Dockerfiles, compose and CI files.")};
        const QString reason = QStringLiteral("the scripts folder %1 does not exist").arg(folder);
        m_missing.insert(InputKind::Scripts, reason);
        m_missing.insert(InputKind::Compose, reason);
        return;
    }
    const QDir root(folder);
    // The kind is decided while walking, from the name (and the first line when there is
    // no extension), so files of no interest are never read.
    QMap<QString, ScriptSource::Kind> kinds;
    const QStringList files = filesBelow(
        folder, &isSkippedScriptFolder,
        [&](const QFileInfo& entry) {
            const QString relative = root.relativeFilePath(entry.filePath());
            const QString first =
                ScriptSource::needsFirstLine(relative) ? firstLineOf(entry.filePath()) : QString();
            const auto kind = ScriptSource::kindOf(relative, first);
            if (kind)
                kinds.insert(entry.filePath(), *kind);
            return kind.has_value();
        },
        cancel);
    const std::function<Result<QString, ReviewProblem>(const QString&)> read =
        [](const QString& path) {
            return InputFile::readText(path, QStringLiteral("script or deployment file"));
        };
    const auto texts = readInParallel(files, read, cancel);
    for (qsizetype index = 0; index < files.size(); ++index) {
        const QString& path = files.at(index);
        const auto& text = texts[size_t(index)];
        if (!text)
            return; // cancelled
        if (!*text) {
            m_problems << text->error();
            continue;
        }
        const ScriptSource::Kind kind = kinds.value(path);
        if (kind == ScriptSource::Kind::Compose) {
            // Read as bytes too: a fix keeps a byte order mark and every byte around it.
            if (auto compose = YamlSource::load(path, QStringLiteral("docker compose file")))
                m_composeFiles.push_back(std::move(compose).value());
            else
                m_problems << compose.error();
        }
        m_scriptFiles.push_back(ScriptSource{path, kind, text->value()});
    }
    if (files.isEmpty())
        m_missing.insert(InputKind::Scripts,
                         QStringLiteral("the scripts folder %1 holds no script, crontab, unit, "
                                        "Dockerfile, compose, CI or requirements file")
                             .arg(folder));
    if (m_composeFiles.empty())
        m_missing.insert(
            InputKind::Compose,
            QStringLiteral("the scripts folder %1 holds no docker compose file").arg(folder));
}

std::vector<const YamlSource*> ReviewWorkspace::yamlFiles(InputKind kind) const
{
    std::vector<const YamlSource*> files;
    if (kind == InputKind::Config && m_config)
        files.push_back(&*m_config);
    if (kind == InputKind::Helm && m_helm)
        files.push_back(&*m_helm);
    if (kind == InputKind::Workflows)
        for (const auto& source : m_workflows)
            files.push_back(&source);
    if (kind == InputKind::Compose)
        for (const auto& source : m_composeFiles)
            files.push_back(&source);
    return files;
}

QString ReviewWorkspace::missingReason(InputKind kind) const
{
    return m_missing.value(kind);
}

std::optional<ReviewWorkspace::EnvDefinition>
ReviewWorkspace::envDefinition(const QString& name) const
{
    std::optional<EnvDefinition> found;
    for (const auto& file : m_envFiles)
        for (const auto& entry : file.parsed.entries())
            if (entry.key == name)
                found = EnvDefinition{&file, entry.line, entry.value};
    return found;
}

} // namespace omu

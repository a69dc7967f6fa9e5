#pragma once

#include "common/CancelToken.h"
#include "connection/EnvFile.h"
#include "connection/VariableSet.h"
#include "ReviewProblem.h"
#include "ReviewRequest.h"
#include "ScriptSource.h"
#include "YamlSource.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace omu {

// Which of the deployment's files a detector looks at.
enum class InputKind
{
    Config,    // openmetadata.yaml
    Helm,      // Helm values
    Workflows, // ingestion workflow YAMLs
    Env,       // docker env files
    Code,      // Python files of custom connectors
    Scripts,   // the scripts and deployment files folder, as text
    Compose,   // the docker compose files in that folder, as YAML
};

struct EnvSource
{
    QString path;
    QByteArray bytes;
    EnvFile parsed;
};

struct PythonSource
{
    QString path;
    QStringList lines;
};

// Every file of the review, read and parsed once. Files that cannot be read land in
// problems(); inputs that were not given or are empty are described by
// missingReason(), so the detectors that needed them are listed as "not checked".
class ReviewWorkspace
{
public:
    static ReviewWorkspace load(const ReviewRequest& request,
                                const CancelToken& cancel = CancelToken());

    const YamlSource* config() const { return m_config ? &*m_config : nullptr; }
    const YamlSource* helm() const { return m_helm ? &*m_helm : nullptr; }
    const std::vector<YamlSource>& workflows() const { return m_workflows; }
    const std::vector<EnvSource>& envFiles() const { return m_envFiles; }
    const std::vector<PythonSource>& pythonFiles() const { return m_pythonFiles; }
    const std::vector<ScriptSource>& scriptFiles() const { return m_scriptFiles; }
    const std::vector<YamlSource>& composeFiles() const { return m_composeFiles; }

    // The YAML files of one kind (Config, Helm, Workflows or Compose).
    std::vector<const YamlSource*> yamlFiles(InputKind kind) const;
    // Why nothing of this kind can be checked ("no Helm values file was given"), or
    // empty when there is something to check.
    QString missingReason(InputKind kind) const;
    static QString inputName(InputKind kind);

    // The variables the server would see from the env files (not the shell running
    // this tool), for ${VAR:-default} in openmetadata.yaml.
    const VariableSet& variables() const { return m_variables; }
    // The env file line that gives a variable its value (the last one wins).
    struct EnvDefinition
    {
        const EnvSource* file = nullptr;
        int line = 0; // 1-based
        QString value;
    };
    std::optional<EnvDefinition> envDefinition(const QString& name) const;

    const QList<ReviewProblem>& problems() const { return m_problems; }

private:
    void loadWorkflows(const QString& folder, const CancelToken& cancel);
    void loadCode(const QString& folder, const CancelToken& cancel);
    void loadScripts(const QString& folder, const CancelToken& cancel);

    std::optional<YamlSource> m_config;
    std::optional<YamlSource> m_helm;
    std::vector<YamlSource> m_workflows;
    std::vector<EnvSource> m_envFiles;
    std::vector<PythonSource> m_pythonFiles;
    std::vector<ScriptSource> m_scriptFiles;
    std::vector<YamlSource> m_composeFiles;
    VariableSet m_variables;
    QList<ReviewProblem> m_problems;
    QMap<InputKind, QString> m_missing;
};

} // namespace omu

#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace omu {

// One file of the scripts and deployment folder the user names, as text, with what kind
// of file it is (told by its name, or by a #! line for extensionless scripts). Kept as one
// string: detectors search the whole text once and work out the line of a match.
struct ScriptSource
{
    enum class Kind
    {
        Shell,        // *.sh and #! scripts
        Cron,         // crontab, *.cron, files in cron.d-like folders
        Systemd,      // *.service, *.timer, *.socket
        Dockerfile,   // Dockerfile, Dockerfile.*, *.dockerfile, Containerfile
        Compose,      // docker-compose*.yml, compose*.yaml
        Ci,           // .gitlab-ci.yml, .github/workflows/*, Jenkinsfile, ...
        Yaml,         // any other YAML: Kubernetes manifests, Ansible, Helm values
        Requirements, // requirements*.txt, constraints*.txt, pyproject.toml, Pipfile, setup.cfg
        Python,       // *.py (Airflow DAGs, scheduler glue)
        Make,         // Makefile, *.mk
    };

    QString path; // as found below the folder the user gave
    Kind kind = Kind::Shell;
    QString text;

    // The kind of a file from its path relative to the folder and its first line; nothing
    // for files that are none of the kinds above (images, archives, logs...).
    static std::optional<Kind> kindOf(const QString& relativePath, QStringView firstLine);
    // Whether a name may need the first line to be told apart (no extension at all).
    static bool needsFirstLine(const QString& relativePath);
    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString& name);

    // 1-based line and column of a character offset.
    std::pair<int, int> position(qsizetype offset) const;
    // The line holding a character offset, without its line break.
    QStringView lineAt(qsizetype offset) const;
    // Whether the text at offset sits in a comment: after a '#' that starts the line or
    // follows a blank (shell, cron, YAML, Python, Dockerfile, requirements, make), or on a
    // systemd line starting with ';'.
    bool inComment(qsizetype offset) const;
};

} // namespace omu

#include "ScriptSource.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace omu {

namespace {

bool isYaml(const QString& name)
{
    return name.endsWith(QLatin1String(".yml")) || name.endsWith(QLatin1String(".yaml"));
}

} // namespace

bool ScriptSource::needsFirstLine(const QString& relativePath)
{
    return !QFileInfo(relativePath).fileName().contains(QLatin1Char('.'));
}

std::optional<ScriptSource::Kind> ScriptSource::kindOf(const QString& relativePath,
                                                       QStringView firstLine)
{
    const QString path = relativePath.toLower();
    const QString name = QFileInfo(path).fileName();
    const QString folder = QFileInfo(path).path();
    const QString parent = QFileInfo(folder).fileName();

    static const QRegularExpression compose(
        QStringLiteral(R"(^(docker-)?compose([.-][^/]*)?\.ya?ml$)"));
    static const QRegularExpression requirements(
        QStringLiteral(R"(^(requirements|constraints)[^/]*\.(txt|in)$)"));
    if (compose.match(name).hasMatch())
        return Kind::Compose;
    const bool ciFolder = folder.contains(QLatin1String(".github/workflows")) ||
                          folder.contains(QLatin1String(".circleci")) ||
                          folder.contains(QLatin1String(".gitlab"));
    if (name == QLatin1String(".gitlab-ci.yml") || name == QLatin1String("jenkinsfile") ||
        name == QLatin1String("azure-pipelines.yml") ||
        name == QLatin1String("bitbucket-pipelines.yml") || name == QLatin1String(".drone.yml") ||
        name == QLatin1String(".travis.yml") || (ciFolder && isYaml(name)))
        return Kind::Ci;
    if (name == QLatin1String("dockerfile") || name == QLatin1String("containerfile") ||
        name.startsWith(QLatin1String("dockerfile.")) ||
        name.endsWith(QLatin1String(".dockerfile")))
        return Kind::Dockerfile;
    if (name.endsWith(QLatin1String(".service")) || name.endsWith(QLatin1String(".timer")) ||
        name.endsWith(QLatin1String(".socket")))
        return Kind::Systemd;
    if (name == QLatin1String("crontab") || name.endsWith(QLatin1String(".cron")) ||
        name.endsWith(QLatin1String(".crontab")) || parent.startsWith(QLatin1String("cron")))
        return Kind::Cron;
    if (name.endsWith(QLatin1String(".sh")) || name.endsWith(QLatin1String(".bash")) ||
        name.endsWith(QLatin1String(".zsh")) || name.endsWith(QLatin1String(".ksh")))
        return Kind::Shell;
    if (name.endsWith(QLatin1String(".py")))
        return Kind::Python;
    if (requirements.match(name).hasMatch() || name == QLatin1String("pyproject.toml") ||
        name == QLatin1String("pipfile") || name == QLatin1String("setup.cfg"))
        return Kind::Requirements;
    if (name == QLatin1String("makefile") || name == QLatin1String("gnumakefile") ||
        name.endsWith(QLatin1String(".mk")))
        return Kind::Make;
    if (isYaml(name))
        return Kind::Yaml;
    if (!name.contains(QLatin1Char('.')) && firstLine.startsWith(QLatin1String("#!")))
        return Kind::Shell;
    return std::nullopt;
}

QString ScriptSource::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Shell:
        return QStringLiteral("shell");
    case Kind::Cron:
        return QStringLiteral("cron");
    case Kind::Systemd:
        return QStringLiteral("systemd");
    case Kind::Dockerfile:
        return QStringLiteral("dockerfile");
    case Kind::Compose:
        return QStringLiteral("compose");
    case Kind::Ci:
        return QStringLiteral("ci");
    case Kind::Yaml:
        return QStringLiteral("yaml");
    case Kind::Requirements:
        return QStringLiteral("requirements");
    case Kind::Python:
        return QStringLiteral("python");
    case Kind::Make:
        break;
    }
    return QStringLiteral("make");
}

std::optional<ScriptSource::Kind> ScriptSource::kindFromName(const QString& name)
{
    for (Kind kind : {Kind::Shell, Kind::Cron, Kind::Systemd, Kind::Dockerfile, Kind::Compose,
                      Kind::Ci, Kind::Yaml, Kind::Requirements, Kind::Python, Kind::Make})
        if (kindName(kind) == name)
            return kind;
    return std::nullopt;
}

std::pair<int, int> ScriptSource::position(qsizetype offset) const
{
    const QStringView before = QStringView(text).left(offset);
    const int line = int(before.count(QLatin1Char('\n'))) + 1;
    const qsizetype lineStart = before.lastIndexOf(QLatin1Char('\n')) + 1;
    return {line, int(offset - lineStart) + 1};
}

QStringView ScriptSource::lineAt(qsizetype offset) const
{
    const qsizetype start = QStringView(text).left(offset).lastIndexOf(QLatin1Char('\n')) + 1;
    qsizetype end = text.indexOf(QLatin1Char('\n'), offset);
    if (end < 0)
        end = text.size();
    if (end > start && text.at(end - 1) == QLatin1Char('\r'))
        --end;
    return QStringView(text).mid(start, end - start);
}

bool ScriptSource::inComment(qsizetype offset) const
{
    const qsizetype start = QStringView(text).left(offset).lastIndexOf(QLatin1Char('\n')) + 1;
    const QStringView before = QStringView(text).mid(start, offset - start);
    if (kind == Kind::Systemd && before.trimmed().startsWith(QLatin1Char(';')))
        return true;
    for (qsizetype i = 0; i < before.size(); ++i)
        if (before.at(i) == QLatin1Char('#') && (i == 0 || before.at(i - 1).isSpace()))
            return true;
    return false;
}

} // namespace omu

#include "IngestionClientCommands.h"

#include "releases/ReleaseRegistry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

namespace omu {

QJsonObject IngestionCommands::toJson() const
{
    return QJsonObject{{QStringLiteral("plugins"), QJsonArray::fromStringList(plugins)},
                       {QStringLiteral("sources"), QJsonArray::fromStringList(sources)},
                       {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
                       {QStringLiteral("ingestion"), ingestionLine},
                       {QStringLiteral("managedApis"), managedApisLine},
                       {QStringLiteral("python"), python},
                       {QStringLiteral("clientRule"), clientRule}};
}

QString IngestionClientCommands::pluginFor(const QString& sourceType)
{
    QString plugin = sourceType.trimmed().toLower();
    // Usage and lineage workflows ride on their database's plugin.
    static const QRegularExpression suffix(QStringLiteral("[-_](usage|lineage)$"));
    plugin.remove(suffix);
    static const QRegularExpression valid(QStringLiteral("^[a-z0-9][a-z0-9_.-]*$"));
    if (!valid.match(plugin).hasMatch())
        return {};
    // OpenMetadata's own metadata workflows need no extra.
    if (plugin == QLatin1String("metadata") || plugin == QLatin1String("openmetadata"))
        return {};
    return plugin;
}

IngestionCommands IngestionClientCommands::build(const QStringList& paths,
                                                 const QString& targetVersion)
{
    IngestionCommands commands;
    QStringList files;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            const QDir dir(path);
            for (const QString& name : dir.entryList(
                     {QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files, QDir::Name))
                files << dir.filePath(name);
        } else if (info.isFile()) {
            files << info.absoluteFilePath();
        } else if (!path.trimmed().isEmpty()) {
            commands.warnings << QStringLiteral("%1: no such file or folder").arg(path);
        }
    }
    for (const QString& file : files) {
        try {
            const std::vector<YAML::Node> documents = YAML::LoadAllFromFile(file.toStdString());
            bool found = false;
            for (const YAML::Node& document : documents) {
                if (!document.IsMap() || !document["source"] || !document["source"].IsMap())
                    continue;
                const YAML::Node type = document["source"]["type"];
                if (!type || !type.IsScalar())
                    continue;
                found = true;
                const QString text = QString::fromStdString(type.as<std::string>());
                commands.sources << QStringLiteral("%1:%2: source.type = %3")
                                        .arg(QFileInfo(file).fileName())
                                        .arg(type.Mark().line + 1)
                                        .arg(text);
                const QString plugin = pluginFor(text);
                if (!plugin.isEmpty() && !commands.plugins.contains(plugin))
                    commands.plugins << plugin;
            }
            if (!found)
                commands.warnings << QStringLiteral("%1: no source.type (not an ingestion "
                                                    "workflow?)")
                                         .arg(file);
        } catch (const YAML::Exception& error) {
            commands.warnings << QStringLiteral("%1:%2: not valid YAML: %3")
                                     .arg(file)
                                     .arg(error.mark.line + 1)
                                     .arg(QString::fromStdString(error.msg));
        }
    }
    commands.plugins.sort();
    const QString extras =
        commands.plugins.isEmpty()
            ? QString()
            : QLatin1Char('[') + commands.plugins.join(QLatin1Char(',')) + QLatin1Char(']');
    commands.ingestionLine =
        QStringLiteral("pip install \"openmetadata-ingestion%1==%2\"").arg(extras, targetVersion);
    commands.managedApisLine =
        QStringLiteral("pip install \"openmetadata-managed-apis==%1\"").arg(targetVersion);
    const auto target = Version::parse(targetVersion);
    const ReleaseRegistry& registry = ReleaseRegistry::builtIn();
    const ReleaseLine* line = target && registry.find(*target) ? registry.lineOf(*target) : nullptr;
    if (!line) {
        commands.warnings << QStringLiteral("omupgrade does not know release %1: check which "
                                            "Python and client version it wants in its notes")
                                 .arg(targetVersion);
        return commands;
    }
    commands.python = Requirements::pythonText(line->requirements.python);
    commands.clientRule =
        line->requirements.ingestionClient == QLatin1String("minor")
            ? QStringLiteral("a client of the same %1.x line works with the server; the exact "
                             "release is safest")
                  .arg(line->name)
            : QStringLiteral("the client must be exactly %1, or the server refuses it")
                  .arg(targetVersion);
    return commands;
}

} // namespace omu

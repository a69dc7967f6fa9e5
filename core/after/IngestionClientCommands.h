#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace omu {

// The pip lines that bring the ingestion side to the new release: the
// openmetadata-ingestion package with the plugins the user's workflows use (read from
// each workflow YAML's source.type), and openmetadata-managed-apis for users who run
// their own Airflow; with what the release registry says about the target's client: the
// Python it runs on and how closely it must match the server.
struct IngestionCommands
{
    QStringList plugins;     // sorted, unique: "mysql", "snowflake", ...
    QStringList sources;     // "file:line: source.type = bigquery-usage"
    QStringList warnings;    // unreadable files, workflows without a source type
    QString ingestionLine;   // pip install "openmetadata-ingestion[mysql,snowflake]==1.3.0"
    QString managedApisLine; // pip install "openmetadata-managed-apis==1.3.0"
    QString python;          // "3.10-3.12": the Python the target's client supports
    QString clientRule;      // how closely the client must match the server

    QJsonObject toJson() const;
};

class IngestionClientCommands
{
public:
    // `paths`: workflow files, or folders searched (not recursively) for *.yaml / *.yml.
    static IngestionCommands build(const QStringList& paths, const QString& targetVersion);
    // The pip extra for a source type: "bigquery-usage" -> "bigquery", "Mysql" -> "mysql".
    static QString pluginFor(const QString& sourceType);
};

} // namespace omu

#pragma once

#include "review/ReviewRequest.h"

#include <QDir>
#include <QFileInfo>
#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

namespace omu::test {

// One folder of tests/data/review/cases/<entry>/{trigger,clean}: case.yaml says the
// release step (from, to) and, optionally, the fake search engine mode and the database:
// a fixture variant (database: hostile | plain) or the rows of the review's tables
// (database: {rows: {table: [...]}, engines: [mariadb, postgres], airflow: true}). A case
// with a database runs once per engine (both unless `engines` says otherwise). The
// deployment's files sit beside case.yaml by their usual names (openmetadata.yaml, *.env,
// values.yaml, workflows/, code/, scripts/).
struct ReviewCase
{
    QString folder;
    QString from;
    QString to;
    QString search;       // "", es7, es8, opensearch2, opensearch2-tuned, silent
    QString database;     // "", hostile, plain, rows
    YAML::Node rows;      // database: {rows: ...}
    QStringList engines;  // mariadb, postgres: where the database case runs
    bool airflow = false; // an Airflow database next to the metadata one (MariaDB)

    static ReviewCase read(const QString& folder)
    {
        ReviewCase result;
        result.folder = folder;
        const YAML::Node node =
            YAML::LoadFile(QDir(folder).filePath(QStringLiteral("case.yaml")).toStdString());
        auto text = [&](const char* key) {
            return node[key] ? QString::fromStdString(node[key].as<std::string>()) : QString();
        };
        result.from = text("from");
        result.to = text("to");
        result.search = text("search");
        const YAML::Node database = node["database"];
        if (database && database.IsMap()) {
            result.database = QStringLiteral("rows");
            result.rows = database["rows"];
            result.airflow = database["airflow"] && database["airflow"].as<bool>();
            if (database["engines"])
                for (const auto& engine : database["engines"])
                    result.engines << QString::fromStdString(engine.as<std::string>());
        } else {
            result.database = text("database");
        }
        if (!result.database.isEmpty() && result.engines.isEmpty())
            result.engines = {QStringLiteral("mariadb"), QStringLiteral("postgres")};
        return result;
    }

    // The request for this case, without database or search engine.
    ReviewRequest request() const
    {
        const QDir dir(folder);
        ReviewRequest request;
        request.from = from;
        request.to = to;
        if (dir.exists(QStringLiteral("openmetadata.yaml")))
            request.configFile = dir.filePath(QStringLiteral("openmetadata.yaml"));
        for (const QString& env : dir.entryList({QStringLiteral("*.env")}, QDir::Files, QDir::Name))
            request.envFiles << dir.filePath(env);
        if (dir.exists(QStringLiteral("values.yaml")))
            request.helmValuesFile = dir.filePath(QStringLiteral("values.yaml"));
        if (QFileInfo(dir.filePath(QStringLiteral("workflows"))).isDir())
            request.workflowsFolder = dir.filePath(QStringLiteral("workflows"));
        if (QFileInfo(dir.filePath(QStringLiteral("code"))).isDir())
            request.codeFolder = dir.filePath(QStringLiteral("code"));
        if (QFileInfo(dir.filePath(QStringLiteral("scripts"))).isDir())
            request.scriptsFolder = dir.filePath(QStringLiteral("scripts"));
        request.checkSearch = false;
        request.databaseUnavailableReason = QStringLiteral("this case has no database");
        return request;
    }
};

} // namespace omu::test

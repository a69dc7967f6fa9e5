#pragma once

#include "review/ReviewRequest.h"

#include <QDir>
#include <QFileInfo>
#include <QString>

#include <yaml-cpp/yaml.h>

namespace omu::test {

// One folder of tests/data/review/cases/<entry>/{trigger,clean}: case.yaml says the
// release step (from, to) and, optionally, the fake search engine mode and fixture
// database variant; the deployment's files sit beside it by their usual names
// (openmetadata.yaml, *.env, values.yaml, workflows/, code/).
struct ReviewCase
{
    QString folder;
    QString from;
    QString to;
    QString search;   // "", es7, es8, opensearch2, silent
    QString database; // "", hostile, plain

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
        result.database = text("database");
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
        request.checkSearch = false;
        request.databaseUnavailableReason = QStringLiteral("this case has no database");
        return request;
    }
};

} // namespace omu::test

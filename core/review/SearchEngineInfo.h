#pragma once

#include "common/Version.h"

#include <QString>

#include <optional>

namespace omu {

// What an Elasticsearch or OpenSearch server says about itself on GET /.
struct SearchEngineInfo
{
    QString url;     // without credentials
    QString flavour; // "elasticsearch" or "opensearch"
    QString version; // "8.10.2", "2.7.0"
    QString clusterName;

    bool isOpenSearch() const { return flavour == QLatin1String("opensearch"); }
    QString productName() const
    {
        return isOpenSearch() ? QStringLiteral("OpenSearch") : QStringLiteral("Elasticsearch");
    }
    std::optional<Version> parsedVersion() const { return Version::parse(version); }
};

} // namespace omu

#pragma once

#include <QString>

namespace omu {

// What an Elasticsearch or OpenSearch server says about itself on GET /.
struct SearchEngineInfo
{
    QString url;     // without credentials
    QString flavour; // "elasticsearch" or "opensearch"
    QString version; // "8.10.2", "2.7.0"
    QString clusterName;
};

} // namespace omu

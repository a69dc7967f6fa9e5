#pragma once

#include "common/Result.h"
#include "SearchEngineInfo.h"

#include <QString>
#include <QUrl>

namespace omu {

// Asks an Elasticsearch or OpenSearch server what it is: GET / with a time limit, from
// any thread (it runs its own event loop). Credentials in the URL (or given apart) are
// sent as basic auth and never appear in messages.
class SearchEngineProbe
{
public:
    static Result<SearchEngineInfo> probe(const QUrl& url, int timeoutMs, const QString& user = {},
                                          const QString& password = {});
    // GET of a path (with its query) on the same server, e.g. the cluster settings; the
    // body, or why there is none (an HTTP error status is an error).
    static Result<QByteArray> get(const QUrl& url, const QString& path, int timeoutMs,
                                  const QString& user = {}, const QString& password = {});

    // Reads the answer to GET /; exposed for tests.
    static Result<SearchEngineInfo> parse(const QByteArray& body, const QString& url);
};

} // namespace omu

#pragma once

#include "Catalog.h"
#include "common/Result.h"
#include "ReviewReport.h"
#include "ReviewRequest.h"

#include <QString>

#include "common/CancelToken.h"
#include <functional>

namespace omu {

// Runs the catalog's entries that apply to from -> to against the deployment: reads the
// files once, opens the database only when a database check applies, asks the search
// engine only when a search check applies, and turns every hit into a finding (with
// whether its fix can be applied). Runs in the calling thread; call it from a worker.
class ReviewEngine
{
public:
    using Progress = std::function<void(const QString&)>;

    // Fails only on a bad request (versions); everything else is in the report.
    static Result<ReviewReport> run(const Catalog& catalog, const ReviewRequest& request,
                                    const CancelToken& cancel = CancelToken(),
                                    const Progress& progress = {});

    // The search engine URL openmetadata.yaml (or the Helm values) configures, expanded
    // with the env files' variables; empty when neither has an elasticsearch section.
    static QString configuredSearchUrl(const ReviewWorkspace& workspace, QString* user = nullptr,
                                       QString* password = nullptr);
};

} // namespace omu

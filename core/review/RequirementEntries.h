#pragma once

#include "CatalogEntry.h"
#include "releases/ReleaseRegistry.h"

#include <vector>

namespace omu {

// The review's checks that come from the release registry rather than the catalog: what
// the target needs around it (search engine range, database minimum, PostgreSQL
// extensions, Java), as entries the review engine runs like catalog entries, each citing
// the registry file and source it comes from.
class RequirementEntries
{
public:
    static std::vector<CatalogEntry> build(const ReleaseRegistry& registry, const Version& from,
                                           const Version& to);
};

} // namespace omu

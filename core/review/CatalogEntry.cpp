#include "CatalogEntry.h"

namespace omu {

bool CatalogEntry::appliesTo(const Version& from, const Version& to) const
{
    if (before && !(to < *before))
        return false;
    if (everyUpgrade)
        return from < to && since <= to;
    return from < since && since <= to;
}

bool CatalogEntry::isManual() const
{
    for (const auto& detector : detectors)
        if (!detector->isManual())
            return false;
    return !detectors.empty();
}

bool CatalogEntry::hasAutoFix() const
{
    for (const auto& detector : detectors)
        if (detector->autoFix())
            return true;
    return false;
}

} // namespace omu

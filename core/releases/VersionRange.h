#pragma once

#include "common/Version.h"

#include <QString>

namespace omu {

// Versions from `min` (inclusive) up to `below` (exclusive); a null bound is open.
struct VersionRange
{
    Version min;
    Version below;

    bool isNull() const { return min.isNull() && below.isNull(); }
    bool contains(const Version& version) const;
    // "8.10.2 up to 9 (exclusive)", "9.0.0 or later", "any"
    QString describe() const;
    bool operator==(const VersionRange& other) const
    {
        return min == other.min && below == other.below;
    }
};

} // namespace omu

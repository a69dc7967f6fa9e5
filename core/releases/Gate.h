#pragma once

#include "common/Version.h"

#include <QString>

namespace omu {

// A rule a release line enforces on the database it migrates: OpenMetadata 2.1 refuses a
// database older than 2.0.x, even with --force, so 1.13 -> 2.1 must stop at the newest
// 2.0 release first. Written in the line's YAML, so a new gate is data, not code.
struct Gate
{
    QString id;
    QString line;            // the line that enforces it (set by the loader)
    Version databaseAtLeast; // the database must already hold this release or later
    QString via;             // the line whose newest release is the stop to make first
    bool forceBypasses = false;
    QString why;
    QString source;

    // Whether a database at `from` may not migrate straight into the gate's line.
    bool blocks(const Version& from) const { return from < databaseAtLeast; }
};

} // namespace omu

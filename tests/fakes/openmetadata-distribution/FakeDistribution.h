#pragma once

#include <QString>

namespace omu::test {

// The FAKE OpenMetadata distributions of tests/fakes/openmetadata-distribution (see its
// README): assembled into a folder on demand, so each test gets its own copy.
class FakeDistribution
{
public:
    // Lays out fake release `version` (1.0.x to 2.0.x) in `folder`; false and `error`
    // set when assemble.sh fails.
    static bool assemble(const QString& version, const QString& folder, QString* error = nullptr);
    static QString sourceFolder();
    // Stand-in docker and kubectl (tests/fakes/container-tools), for the front of PATH.
    static QString containerToolsFolder();
};

} // namespace omu::test

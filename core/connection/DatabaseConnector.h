#pragma once

#include "common/Result.h"
#include "ConnectionFailure.h"
#include "ConnectionProfile.h"
#include "DatabaseSession.h"

#include <memory>

namespace omu {

// Opens connections the same way everywhere: host looked up first with a time limit,
// connect/read timeouts set, utf8mb4 on MySQL, TLS as the profile asks (and checked
// after connecting, so "require" never silently falls back to plain text).
class DatabaseConnector
{
public:
    struct Options
    {
        int readTimeoutSeconds = 300; // a single statement's read; MySQL only
        QString applicationName = QStringLiteral("omupgrade");
    };

    static Result<std::unique_ptr<DatabaseSession>, ConnectionFailure>
    open(const ConnectionProfile& profile, const Options& options);
    static Result<std::unique_ptr<DatabaseSession>, ConnectionFailure>
    open(const ConnectionProfile& profile)
    {
        return open(profile, Options{});
    }

    // The Qt driver for an engine: QMYSQL or QPSQL.
    static QString driverName(Engine engine);
    // Checks the fields before any network traffic; empty when fine.
    static std::optional<ConnectionFailure> validate(const ConnectionProfile& profile);
};

} // namespace omu

#pragma once

#include "common/Result.h"
#include "ConnectionProfile.h"
#include "PortProbe.h"

#include <QString>

#include <optional>

namespace omu {

// Why a connection could not be used, in the terms a user can act on.
struct ConnectionFailure
{
    enum class Kind
    {
        InvalidProfile,  // a field is missing or out of range
        DriverMissing,   // the Qt SQL plugin for the engine is not installed
        HostNotFound,    // DNS has no such name
        Refused,         // nothing listens on that port
        Timeout,         // no answer within the connect timeout
        Tls,             // TLS required by one side and refused or failed on the other
        Authentication,  // wrong user or password, or the host is not allowed
        DatabaseMissing, // server reached, database does not exist
        NotOpenMetadata, // database reached, but it holds no OpenMetadata tables
        NotDatabase,     // the port answers, but as another service (HTTP, SSH) or engine
        Locked,          // another session's lock kept the inspection from reading a table
        Other,
    };

    Kind kind = Kind::Other;
    QString summary; // one sentence: what happened
    QString advice;  // what to do about it
    QString detail;  // the server's or driver's own words (never holds the password)

    static QString kindName(Kind kind); // stable ids for JSON: "host-not-found", ...
    Error toError() const;
};

// Reads a driver error and says which Kind it is. `driverText` is QSqlError::text(),
// `nativeCode` QSqlError::nativeErrorCode().
ConnectionFailure classifyConnectionError(const ConnectionProfile& profile,
                                          const QString& driverText, const QString& nativeCode);

// When the port answered as something else than the profile's database (a web server such
// as OpenMetadata's own 8585, an SSH daemon, the other engine), the failure that says so;
// nullopt when the probe recognised nothing or the expected engine. `driverDetail` is the
// driver's own message, kept as detail.
std::optional<ConnectionFailure> classifyPortAnswer(const ConnectionProfile& profile,
                                                    const PortProbe& probe,
                                                    const QString& driverDetail);

} // namespace omu

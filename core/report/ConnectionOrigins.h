#pragma once

#include "connection/ConnectionResolver.h"

#include <QList>
#include <QString>

namespace omu {

// The connection as the report shows it: each field, its value (the password never) and
// where the value came from, so support can tell a value from openmetadata.yaml from one
// typed by hand.
struct ConnectionField
{
    QString field; // "Host", "Port", ...
    QString value;
    QString origin; // "openmetadata.yaml:57", "typed in the wizard", ...
};

class ConnectionOrigins
{
public:
    // `profile` as used; `sources` resolved again for the origins. A field whose value
    // differs from what the sources give was changed by hand: `changedOrigin` says so.
    // An explicit source value is `explicitOrigin` ("command-line option").
    static QList<ConnectionField> describe(const ConnectionProfile& profile,
                                           const ConnectionSources& sources,
                                           const QString& changedOrigin,
                                           const QString& explicitOrigin);
    // Without sources: the fields alone.
    static QList<ConnectionField> describe(const ConnectionProfile& profile);
};

} // namespace omu

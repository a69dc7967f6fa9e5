#pragma once

#include "ConnectionProfile.h"
#include "JdbcUrl.h"

#include <QString>
#include <QStringList>

namespace omu {

// The TLS settings a JDBC url asks for, on the one TlsMode scale. Each driver spells
// them its own way and has its own defaults, so the mapping follows the driver the
// server uses:
//   MySQL Connector/J: sslMode (DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY)
//     wins; otherwise the older useSSL / requireSSL / verifyServerCertificate decide
//     (useSSL=false: disable; useSSL=true: prefer, require with requireSSL=true,
//     verify-ca with verifyServerCertificate=true).
//   PostgreSQL pgjdbc: sslmode wins; otherwise ssl=true (or a bare ssl) means
//     verify-full and ssl=false means prefer; NonValidatingFactory drops verification
//     to require; sslrootcert is the CA file.
// No TLS parameter at all gives TlsMode::Default: the driver's default.
class JdbcTls
{
public:
    static JdbcTls fromUrl(Engine engine, const JdbcUrl& url);

    TlsMode mode = TlsMode::Default;
    QString caFile;
    QStringList decidedBy; // the parameter keys that gave mode and caFile, for origins
    QStringList warnings;
};

} // namespace omu

#pragma once

#include <QString>

namespace omu {

// Asks what answers on a port when the database driver could not make sense of it, so that
// OpenMetadata's own 8585 or an SSH daemon is named as such rather than read as a TLS or
// timeout problem. Reads the greeting a server sends first (SSH, MySQL, SMTP ...); when
// there is none, sends one plain HTTP request, then PostgreSQL's SSLRequest (on a second
// connection: PostgreSQL hangs up on HTTP without a word).
struct PortProbe
{
    enum class Speaks
    {
        Unknown,  // nothing recognisable (or nothing at all)
        MySql,    // a MySQL/MariaDB handshake or error packet
        Postgres, // a PostgreSQL error response
        Http,     // "HTTP/1.x ..."
        Ssh,      // "SSH-2.0-..."
        Other,    // some other text greeting ("220 ... ESMTP", "+OK ...")
    };

    Speaks speaks = Speaks::Unknown;
    QString greeting; // the first line it sent, printable, at most 100 characters

    // Blocking, with `timeoutMs` for the TCP connect and again for each answer; safe off
    // the UI thread.
    static PortProbe probe(const QString& host, int port, int timeoutMs);
    // Reads a server's first bytes (exposed for tests).
    static PortProbe fromGreeting(const QByteArray& bytes);
};

} // namespace omu

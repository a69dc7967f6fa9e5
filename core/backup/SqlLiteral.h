#pragma once

#include "connection/ConnectionProfile.h"

#include <QByteArray>
#include <QByteArrayView>

namespace omu {

// Values written the way OpenMetadata's `metadata backup` writes them: NULL as `null`,
// everything else in single quotes with each quote doubled and, on MySQL, each backslash
// doubled too. The file holds one statement per line, so the few bytes that would break
// a line are escaped as well: on MySQL as \n, \r, \0 and \Z (the server reads them back
// as the same bytes), on PostgreSQL by writing such a value as an E'' string. Values
// without those bytes come out exactly as the official tool writes them.
class SqlLiteral
{
public:
    static void appendNull(QByteArray& out) { out.append("null", 4); }
    static void appendText(QByteArray& out, Engine engine, QByteArrayView value);
    // Binary columns (MySQL BLOB/BINARY types), as a hex literal X'0a1b' from HEX() text.
    static void appendHex(QByteArray& out, QByteArrayView hexDigits);
    // A number as the server printed it, unquoted (used for keyset bounds on MySQL, where a
    // quoted number would be compared as a double).
    static void appendNumber(QByteArray& out, QByteArrayView digits) { out.append(digits); }
};

} // namespace omu

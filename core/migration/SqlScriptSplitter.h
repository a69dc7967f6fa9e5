#pragma once

#include "connection/ConnectionProfile.h"

#include <QList>
#include <QString>

namespace omu {

// One statement of a migration script, as the migration tool runs and logs it.
struct SqlStatement
{
    QString text; // without the ending ';' and without the comments before it
    int line = 0; // 1-based line of its first character in the file
};

// Splits a SQL file into statements the way a SQL client does, so that a ';' inside a
// string, a quoted name, a comment or a PostgreSQL dollar-quoted body never ends one.
//
// Both engines: '...' strings ('' inside), "..." (quoted names on PostgreSQL, strings on
// MySQL), -- line comments and /* */ block comments. MySQL also: backslash escapes in
// strings, `names`, and # line comments; "-- " needs a space after it there. PostgreSQL
// also: nested block comments and $tag$ ... $tag$ bodies.
//
// A statement's text runs from its first character that is not a comment or blank to
// the character before its ';', trailing blanks removed; comments inside it are kept.
// OpenMetadata records statements in SERVER_MIGRATION_SQL_LOGS by an MD5 of that text.
class SqlScriptSplitter
{
public:
    static QList<SqlStatement> split(const QString& script, Engine engine);
    // The MD5 (hex) OpenMetadata keys SERVER_MIGRATION_SQL_LOGS with.
    static QString checksum(const QString& statement);
};

} // namespace omu

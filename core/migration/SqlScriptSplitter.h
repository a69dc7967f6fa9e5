#pragma once

#include "common/Result.h"
#include "connection/ConnectionProfile.h"

#include <QList>
#include <QString>

namespace omu {

// One statement of a migration script, byte for byte as OpenMetadata logs it.
struct SqlStatement
{
    QString text;
    int line = 0; // 1-based line of its first token (a comment counts) in the file
};

// Splits a migration file the way OpenMetadata's MigrationFile does: with Flyway's
// parser (flyway-core 9.22.3, the version OpenMetadata's pom pins; MySQLParser for MySQL,
// PostgreSQLParser for PostgreSQL) and its statements' getSql(). OpenMetadata keys
// SERVER_MIGRATION_SQL_LOGS by the MD5 of that text, so it must match to the byte.
//
// Flyway records a statement from its first token to the end of its last token,
// including what lies between:
// - leading whitespace is dropped; comments right before a statement belong to it, unless
//   a blank line (a run of whitespace with two newlines) separates them from it;
// - whitespace and blank lines after the last token, up to the delimiter, are kept;
//   the delimiter is not part of the text; the last statement needs none;
// - a delimiter inside (parentheses), a string, a quoted name or a comment does not end
//   a statement. Strings: '...' with '' inside; E'..', B'..', X'..' also with \ escapes.
//   Block comments do not nest;
// - MySQL: '...' and "..." are strings with \ escapes, `names` quote identifiers; -- and
//   # start line comments (-- needs no space after it); /*!NNNNN ... */ is not a comment;
//   a DELIMITER line changes the delimiter for the rest of the file and is not part of
//   any statement; CASE ... END and, inside CREATE PROCEDURE / FUNCTION / TRIGGER /
//   EVENT, BEGIN ... END blocks hold delimiters;
// - PostgreSQL: $tag$ ... $tag$ bodies (any '$' opens one, its tag running to the next
//   '$'), "names".
class SqlScriptSplitter
{
public:
    static QList<SqlStatement> split(const QString& script, Engine engine);
    // As split(), but reports what Flyway refuses (a delimiter changed inside a
    // statement, a block never closed) instead of guessing.
    static Result<QList<SqlStatement>> parse(const QString& script, Engine engine);
    // The MD5 (hex) of the UTF-8 text: OpenMetadata's key in SERVER_MIGRATION_SQL_LOGS.
    static QString checksum(const QString& statement);
};

} // namespace omu

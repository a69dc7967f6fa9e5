#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace omu {

// The lines a backup file holds, one statement each:
//   TRUNCATE TABLE <table>;
//   DELETE FROM <table>;                  (as older official files emptied a table)
//   INSERT INTO <table> [(<columns>)] VALUES (<values>)[, (<values>)...];
// Table and column names may be quoted with "" (PostgreSQL) or `` (MySQL), never
// qualified with a schema. kind() and tableName() only look at a line's start; parse()
// reads the whole line the way the server will, literal by literal, so a line that holds
// anything else (a second statement after a value, a function call, a comment) is told
// apart from a backup statement before it is run.
class BackupLine
{
public:
    enum class Kind
    {
        Truncate,
        Delete,
        Insert,
        Other
    };

    // How string literals are read: MySQL with backslash escapes (the session restore
    // runs in), PostgreSQL with standard strings and E'' escape strings. Either: valid in
    // one of the two (a file whose engine is not known).
    enum class Dialect
    {
        MySql,
        Postgres,
        Either
    };

    struct Statement
    {
        Kind kind = Kind::Other;
        QByteArrayView table;        // as written, quotes included
        qsizetype valuesOffset = -1; // INSERT: the "(" of the first tuple
        QString problem;             // why it is no backup statement; empty when it is

        bool ok() const { return problem.isEmpty(); }
    };

    static Kind kind(QByteArrayView line);
    // The table as written (quotes included); empty when the line is malformed.
    static QByteArray tableName(QByteArrayView line);
    // The same as a view into `line` (empty when malformed).
    static QByteArrayView tableNameView(QByteArrayView line);
    // Where the "(" of the VALUES tuple starts, or -1 when the line does not have the
    // plain "INSERT INTO t [(cols)] VALUES (...);" shape (restore then runs it unchanged).
    static qsizetype valuesOffset(QByteArrayView line);

    // Reads the whole line (without its line break) as the server would.
    static Statement parse(QByteArrayView line, Dialect dialect);
    // The table name as the server resolves it: quotes removed (doubled quotes undone);
    // an unquoted name lower-cased on PostgreSQL, which folds it.
    static QString resolvedName(QByteArrayView written, Dialect dialect);
    // The start of a line for a message: control characters escaped, cut at `limit`.
    static QString excerpt(QByteArrayView line, qsizetype limit = 120);
};

} // namespace omu

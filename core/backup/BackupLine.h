#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace omu {

// Recognises the two kinds of line a backup file holds, without parsing values:
//   TRUNCATE TABLE <table>;
//   INSERT INTO <table> [(<columns>)] VALUES (<values>);
// Table names may be quoted with "" or ``.
class BackupLine
{
public:
    enum class Kind
    {
        Truncate,
        Insert,
        Other
    };

    static Kind kind(QByteArrayView line);
    // The table as written (quotes included); empty when the line is malformed.
    static QByteArray tableName(QByteArrayView line);
    // The same as a view into `line` (empty when malformed).
    static QByteArrayView tableNameView(QByteArrayView line);
    // Where the "(" of the VALUES tuple starts, or -1 when the line does not have the
    // plain "INSERT INTO t [(cols)] VALUES (...);" shape (restore then runs it unchanged).
    static qsizetype valuesOffset(QByteArrayView line);
};

} // namespace omu

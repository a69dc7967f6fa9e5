#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace omu {

// One column as the catalog describes it.
struct BackupColumn
{
    // How a value is read from the server and written to the file.
    enum class Kind
    {
        Text,     // strings, JSON, enums: quoted
        Number,   // integers and decimals: quoted in the file like the official tool does
        Temporal, // dates and times, read as text so no precision is lost
        Binary    // MySQL BLOB/BINARY types: read as HEX(), written as X'...'
    };

    QString name;    // as the catalog stores it
    QString sqlName; // as written in SQL: quoted only where the name needs it
    bool generated = false;
    bool nullable = true;
    bool invisible = false; // MySQL INVISIBLE: left out of SELECT * and of VALUES without a list
    Kind kind = Kind::Text;
};

// One table and how to dump it, all taken from the catalog.
struct BackupTable
{
    // Lines of the official format:
    //   CopiedWhole  INSERT INTO t VALUES ('a','b',null);          (no generated columns)
    //   Entity       INSERT INTO t (json, fqnHash) VALUES ('{}', 'h');  (json + hash only)
    //   Columns      INSERT INTO t (c1,c2) VALUES ('a','b');        (any other column set)
    enum class Style
    {
        CopiedWhole,
        Entity,
        Columns
    };

    QString name;       // as the catalog stores it
    QString sqlName;    // as written in the file (unqualified, quoted only when needed)
    QString selectName; // schema-qualified and quoted, for the SELECTs
    Style style = Style::CopiedWhole;
    QList<BackupColumn> columns; // every column, in table order
    QList<int> dumpColumns;      // the ones written to the file, in table order

    // Row order: the primary key, else a unique key (its index name for MySQL), else every
    // dumped column. Nullable key columns can repeat (NULLs are never equal), which the
    // MySQL reader handles.
    QList<int> keyColumns;
    QString keyIndex;
    bool keyIsUnique = false;
    bool keyHasNullable = false;

    qint64 estimatedRows = 0; // the catalog's estimate, or an exact count for small tables
    bool rowsExact = false;
    qint64 estimatedBytes = 0; // data size (without indexes)
    qint64 totalBytes = 0;     // data and indexes
    qint64 averageRowBytes = 0;

    QByteArray truncateLine() const;   // "TRUNCATE TABLE t;\n"
    QByteArray insertPrefix() const;   // "INSERT INTO t ... VALUES ("
    QByteArray valueSeparator() const; // "," or ", " as the official tool writes them
    QStringList dumpColumnNames() const;
    static QString styleName(Style style); // "copied-whole", "entity", "columns"
};

} // namespace omu

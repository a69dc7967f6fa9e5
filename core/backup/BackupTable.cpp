#include "BackupTable.h"

namespace omu {

QByteArray BackupTable::truncateLine() const
{
    return "TRUNCATE TABLE " + sqlName.toUtf8() + ";\n";
}

QByteArray BackupTable::insertPrefix() const
{
    QByteArray prefix = "INSERT INTO " + sqlName.toUtf8();
    if (style != Style::CopiedWhole) {
        QStringList names;
        for (int index : dumpColumns)
            names << columns.at(index).sqlName;
        prefix += " (" + names.join(QString::fromUtf8(valueSeparator())).toUtf8() + ")";
    }
    prefix += " VALUES (";
    return prefix;
}

QByteArray BackupTable::valueSeparator() const
{
    return style == Style::Entity ? QByteArray(", ") : QByteArray(",");
}

QStringList BackupTable::dumpColumnNames() const
{
    QStringList names;
    for (int index : dumpColumns)
        names << columns.at(index).name;
    return names;
}

QString BackupTable::styleName(Style style)
{
    switch (style) {
    case Style::CopiedWhole:
        return QStringLiteral("copied-whole");
    case Style::Entity:
        return QStringLiteral("entity");
    case Style::Columns:
        break;
    }
    return QStringLiteral("columns");
}

} // namespace omu

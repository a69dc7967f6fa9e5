#include "TableDumper.h"

#include "SqlLiteral.h"
#include "TableReader.h"

namespace omu {

Result<TableDumper::Outcome> TableDumper::dump(DatabaseSession& session, const BackupTable& table,
                                               DumpSink& sink, const CancelToken& cancel,
                                               const Progress& progress)
{
    const Engine engine = session.engine();
    Outcome outcome;
    const QByteArray truncate = table.truncateLine();
    sink.startTable();
    if (Status status = sink.write(truncate); !status)
        return status.error();
    outcome.bytes += truncate.size();

    const QByteArray prefix = table.insertPrefix();
    const QByteArray separator = table.valueSeparator();
    QList<BackupColumn::Kind> kinds;
    for (int index : table.dumpColumns)
        kinds << table.columns.at(index).kind;
    QByteArray line;
    line.reserve(64 * 1024);

    const Status read = TableReader::read(
        session, table,
        [&](const TableReader::Row& row) -> Status {
            line.resize(0);
            line.append(prefix);
            for (qsizetype i = 0; i < row.values.size(); ++i) {
                if (i > 0)
                    line.append(separator);
                if (row.nulls.at(i))
                    SqlLiteral::appendNull(line);
                else if (kinds.at(i) == BackupColumn::Kind::Binary)
                    SqlLiteral::appendHex(line, row.values.at(i));
                else
                    SqlLiteral::appendText(line, engine, row.values.at(i));
            }
            line.append(");\n", 3);
            if (Status status = sink.write(line); !status)
                return status;
            ++outcome.rows;
            outcome.bytes += line.size();
            if (progress)
                progress(outcome.rows, outcome.bytes);
            return {};
        },
        cancel);
    if (!read)
        return read.error();
    return outcome;
}

} // namespace omu

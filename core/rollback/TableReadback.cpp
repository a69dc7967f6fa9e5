#include "TableReadback.h"

#include "backup/PostgresCopy.h"
#include "backup/TableDumper.h"
#include "backup/TableReader.h"
#include "connection/QueryRows.h"

namespace omu {

Status TableReadback::prepare(DatabaseSession& session)
{
    // As BackupWriter::beginSnapshot sets them for the backup, here for the session.
    const QStringList settings =
        session.engine() == Engine::MySql
            ? QStringList{QStringLiteral("SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, "
                                         "'NO_BACKSLASH_ESCAPES', '')"),
                          QStringLiteral("SET SESSION net_write_timeout = 600")}
            : QStringList{QStringLiteral("SET DateStyle = 'ISO, YMD'"),
                          QStringLiteral("SET IntervalStyle = 'postgres'"),
                          QStringLiteral("SET extra_float_digits = 3"),
                          QStringLiteral("SET TimeZone = 'UTC'"),
                          QStringLiteral("SET bytea_output = 'hex'")};
    return prepareSession(session, settings);
}

Result<TableReadback::Read> TableReadback::read(DatabaseSession& session, const BackupTable& table,
                                                const CancelToken& cancel)
{
    Read read;
    if (session.engine() == Engine::MySql) {
        LineSetSink sink;
        auto dumped = TableDumper::dump(session, table, sink, cancel);
        if (!dumped)
            return dumped.error();
        read.rows = dumped.value().rows;
        read.digest = sink.digest();
        return read;
    }
    QStringList columns;
    for (int index : table.dumpColumns)
        columns << table.columns.at(index).sqlName + QStringLiteral("::text");
    const QByteArray command = QStringLiteral("COPY (SELECT %1 FROM %2) TO STDOUT")
                                   .arg(columns.join(QStringLiteral(", ")), table.selectName)
                                   .toUtf8();
    PostgresCopy copy(session);
    Sha256 hash;
    const Status status = copy.readRows(command, [&](QByteArrayView row) -> Status {
        if ((read.rows & 1023) == 0 && cancel.isCancelled())
            return TableReader::cancelledError();
        read.digest.add(row, hash);
        ++read.rows;
        return {};
    });
    if (!status)
        return makeError(
            QStringLiteral("reading %1 back failed: %2").arg(table.name, status.error().message),
            session.profile().displayName());
    return read;
}

} // namespace omu

#include "TableReader.h"

#include "MySqlStream.h"
#include "SqlLiteral.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace omu {

namespace {

const QString cancelledMarker = QStringLiteral("omupgrade:cancelled");

Error readError(const BackupTable& table, const QSqlQuery& query)
{
    return TableReader::failure(table.name, query.lastError());
}

QByteArray valueBytes(const QVariant& value)
{
    if (value.typeId() == QMetaType::QByteArray)
        return value.toByteArray();
    return value.toString().toUtf8();
}

// ---- PostgreSQL ------------------------------------------------------------------------

Status readPostgres(DatabaseSession& session, const BackupTable& table,
                    const TableReader::RowHandler& handler, const CancelToken& cancel)
{
    QStringList select;
    for (int index : table.dumpColumns)
        select << table.columns.at(index).sqlName + QStringLiteral("::text");
    // In the table's physical order: an ORDER BY costs the server a quarter more (an index
    // scan or a sort) and is not needed for consistency, which the snapshot gives. Deep
    // verify compares tables as multisets of lines, so the order need not be reproducible.
    const QString sql = QStringLiteral("SELECT %1 FROM %2")
                            .arg(select.join(QStringLiteral(", ")), table.selectName);
    QSqlQuery query(session.database());
    query.setForwardOnly(true); // QPSQL then fetches one row at a time
    if (!query.exec(sql))
        return readError(table, query);
    TableReader::Row row;
    const int count = int(table.dumpColumns.size());
    row.values.resize(count);
    row.nulls.resize(count);
    while (query.next()) {
        if (cancel.isCancelled())
            return TableReader::cancelledError();
        row.bytes = 0;
        for (int i = 0; i < count; ++i) {
            const bool null = query.isNull(i);
            row.nulls[i] = null;
            row.values[i] = null ? QByteArray() : query.value(i).toString().toUtf8();
            row.bytes += row.values[i].size();
        }
        if (Status status = handler(row); !status)
            return status;
    }
    if (query.lastError().isValid())
        return readError(table, query);
    return {};
}

// ---- MySQL / MariaDB -------------------------------------------------------------------

QString mySqlValueExpression(const BackupColumn& column, const QString& quoted)
{
    switch (column.kind) {
    case BackupColumn::Kind::Temporal:
        return QStringLiteral("CAST(%1 AS CHAR)").arg(quoted);
    case BackupColumn::Kind::Binary:
        return QStringLiteral("HEX(%1)").arg(quoted);
    case BackupColumn::Kind::Text:
        // As UTF-8 bytes: QMYSQL then hands them over as they are, instead of decoding them
        // to a QString that would only be encoded back.
        return QStringLiteral("CAST(CONVERT(%1 USING utf8mb4) AS BINARY)").arg(quoted);
    case BackupColumn::Kind::Number:
        break;
    }
    return quoted;
}

struct KeyValue
{
    QByteArray value;
    bool null = false;
    bool operator==(const KeyValue& other) const = default;
};

QByteArray keyLiteral(const BackupColumn& column, const KeyValue& key)
{
    QByteArray literal;
    switch (column.kind) {
    case BackupColumn::Kind::Number:
        SqlLiteral::appendNumber(literal, key.value);
        break;
    case BackupColumn::Kind::Binary:
        SqlLiteral::appendHex(literal, key.value);
        break;
    case BackupColumn::Kind::Text:
    case BackupColumn::Kind::Temporal:
        SqlLiteral::appendText(literal, Engine::MySql, key.value);
        break;
    }
    return literal;
}

// Rows after `last` in key order (NULLs first, as InnoDB orders them). `inclusive` also
// takes rows equal to `last`: with a NULL in the key, equal keys can repeat.
QString keysetCondition(const BackupTable& table, const QStringList& keyNames,
                        const QList<KeyValue>& last, bool inclusive)
{
    QStringList alternatives;
    const int count = int(keyNames.size());
    for (int i = 0; i < count; ++i) {
        QStringList terms;
        for (int j = 0; j < i; ++j)
            terms << (last.at(j).null
                          ? QStringLiteral("%1 IS NULL").arg(keyNames.at(j))
                          : QStringLiteral("%1 = %2").arg(
                                keyNames.at(j),
                                QString::fromUtf8(keyLiteral(
                                    table.columns.at(table.keyColumns.at(j)), last.at(j)))));
        const bool lastTerm = i == count - 1;
        const KeyValue& value = last.at(i);
        const QString literal =
            value.null
                ? QString()
                : QString::fromUtf8(keyLiteral(table.columns.at(table.keyColumns.at(i)), value));
        if (lastTerm && inclusive) {
            if (!value.null)
                terms << QStringLiteral("%1 >= %2").arg(keyNames.at(i), literal);
        } else {
            terms << (value.null ? QStringLiteral("%1 IS NOT NULL").arg(keyNames.at(i))
                                 : QStringLiteral("%1 > %2").arg(keyNames.at(i), literal));
        }
        alternatives << (terms.isEmpty()
                             ? QStringLiteral("TRUE")
                             : QStringLiteral("(%1)").arg(terms.join(QStringLiteral(" AND "))));
    }
    return alternatives.join(QStringLiteral(" OR "));
}

// The whole table in one streamed query, in the order InnoDB stores it, as mysqldump reads.
Status streamMySql(DatabaseSession& session, const BackupTable& table,
                   const TableReader::RowHandler& handler, const CancelToken& cancel)
{
    QStringList select;
    QList<bool> binary;
    for (int index : table.dumpColumns) {
        const BackupColumn& column = table.columns.at(index);
        select << session.quoteIdentifier(column.name);
        binary << (column.kind == BackupColumn::Kind::Binary);
    }
    const QByteArray sql = QStringLiteral("SELECT %1 FROM %2")
                               .arg(select.join(QStringLiteral(", ")), table.selectName)
                               .toUtf8();
    const int count = int(select.size());
    TableReader::Row row;
    row.values.resize(count);
    row.nulls.resize(count);
    return MySqlStream::run(
        session, sql, count,
        [&](const char* const* values, const unsigned long* lengths) -> Status {
            row.bytes = 0;
            for (int i = 0; i < count; ++i) {
                row.nulls[i] = values[i] == nullptr;
                if (row.nulls[i]) {
                    row.values[i] = QByteArray();
                    continue;
                }
                // The handler uses the row at once: no copy of the text is needed.
                const QByteArray raw = QByteArray::fromRawData(values[i], qsizetype(lengths[i]));
                row.values[i] = binary.at(i) ? raw.toHex() : raw;
                row.bytes += qint64(lengths[i]);
            }
            return handler(row);
        },
        cancel, table.name);
}

Status readMySql(DatabaseSession& session, const BackupTable& table,
                 const TableReader::RowHandler& handler, const CancelToken& cancel)
{
    if (MySqlStream::available(session))
        return streamMySql(session, table, handler, cancel);

    QStringList select;
    for (int index : table.dumpColumns) {
        const BackupColumn& column = table.columns.at(index);
        select << mySqlValueExpression(column, session.quoteIdentifier(column.name));
    }
    QStringList keyNames;
    for (int index : table.keyColumns)
        keyNames << session.quoteIdentifier(table.columns.at(index).name);
    const bool keyset = table.keyIsUnique;
    if (keyset)
        for (int index : table.keyColumns) {
            const BackupColumn& column = table.columns.at(index);
            select << mySqlValueExpression(column, session.quoteIdentifier(column.name));
        }
    QStringList order;
    if (keyset) {
        order = keyNames;
    } else { // no key at all: byte order of every column, read by offset
        for (int index : table.dumpColumns)
            order << QStringLiteral("CAST(%1 AS BINARY)")
                         .arg(session.quoteIdentifier(table.columns.at(index).name));
    }
    const QString from = keyset
                             ? QStringLiteral("%1 FORCE INDEX (%2)")
                                   .arg(table.selectName, session.quoteIdentifier(table.keyIndex))
                             : table.selectName;
    const QString head =
        QStringLiteral("SELECT %1 FROM %2").arg(select.join(QStringLiteral(", ")), from);
    const QString tail =
        QStringLiteral(" ORDER BY %1 LIMIT ").arg(order.join(QStringLiteral(", ")));

    const int valueCount = int(table.dumpColumns.size());
    const int keyCount = keyset ? int(table.keyColumns.size()) : 0;
    TableReader::Row row;
    row.values.resize(valueCount);
    row.nulls.resize(valueCount);
    QList<KeyValue> key(keyCount);
    QList<KeyValue> last;
    qint64 tiesAtLast = 0; // rows already written whose key equals `last`
    qint64 offset = 0;     // keyless tables only
    // The catalog's average row length can be stale (or 0 right after a load), so the
    // first chunk is small and later ones follow the sizes actually read, growing at most
    // fourfold at a time.
    const qint64 averageRow = std::max<qint64>(1024, table.averageRowBytes);
    qint64 chunkRows = std::clamp<qint64>(TableReader::chunkBytes / averageRow, 1, 100);

    QSqlQuery query(session.database());
    query.setForwardOnly(true);
    query.setNumericalPrecisionPolicy(QSql::HighPrecision); // decimals exactly as the server prints
    for (;;) {
        if (cancel.isCancelled())
            return TableReader::cancelledError();
        bool lastHasNull = false;
        for (const KeyValue& value : last)
            lastHasNull = lastHasNull || value.null;
        const qint64 skip = lastHasNull ? tiesAtLast : 0;
        QString sql = head;
        if (keyset && !last.isEmpty())
            sql += QStringLiteral(" WHERE ") + keysetCondition(table, keyNames, last, lastHasNull);
        sql += tail;
        if (!keyset)
            sql += QStringLiteral("%1, ").arg(offset);
        sql += QString::number(skip + chunkRows);
        if (!query.exec(sql))
            return readError(table, query);

        qint64 fetched = 0;
        qint64 written = 0;
        qint64 chunkBytesSeen = 0;
        while (query.next()) {
            ++fetched;
            if (fetched <= skip)
                continue; // written at the end of the previous chunk
            if (cancel.isCancelled())
                return TableReader::cancelledError();
            row.bytes = 0;
            for (int i = 0; i < valueCount; ++i) {
                const bool null = query.isNull(i);
                row.nulls[i] = null;
                row.values[i] = null ? QByteArray() : valueBytes(query.value(i));
                row.bytes += row.values[i].size();
            }
            for (int k = 0; k < keyCount; ++k) {
                const bool null = query.isNull(valueCount + k);
                key[k].null = null;
                key[k].value = null ? QByteArray() : valueBytes(query.value(valueCount + k));
            }
            if (Status status = handler(row); !status)
                return status;
            chunkBytesSeen += row.bytes;
            ++written;
            if (keyset) {
                if (key == last) {
                    ++tiesAtLast;
                } else {
                    last = key;
                    tiesAtLast = 1;
                }
            }
        }
        if (query.lastError().isValid())
            return readError(table, query);
        query.finish();
        offset += written;
        if (fetched < skip + chunkRows)
            return {};
        if (written > 0) {
            const qint64 fits =
                TableReader::chunkBytes / std::max<qint64>(64, chunkBytesSeen / written);
            chunkRows = std::clamp<qint64>(fits, 1, std::min<qint64>(20000, chunkRows * 4));
        } else {
            chunkRows *= 2; // only ties were fetched: widen the window past them
        }
    }
}

} // namespace

Status TableReader::read(DatabaseSession& session, const BackupTable& table,
                         const RowHandler& handler, const CancelToken& cancel)
{
    return session.engine() == Engine::MySql ? readMySql(session, table, handler, cancel)
                                             : readPostgres(session, table, handler, cancel);
}

Error TableReader::failure(const QString& table, const QSqlError& error)
{
    const QString text = error.text().trimmed();
    const QString code = error.nativeErrorCode();
    // 1146/42P01: no such table; 1412: the table changed after the snapshot began.
    if (code == QLatin1String("1146") || code == QLatin1String("42P01") ||
        code == QLatin1String("1412"))
        return makeError(
            QStringLiteral("the table was dropped or changed while the backup ran (%1)").arg(text),
            table,
            QStringLiteral("Make sure nothing changes the schema (no migration, no "
                           "OpenMetadata upgrade) while backing up, then try again."));
    // 2006/2013: server gone / connection lost; 57P01: terminated by an administrator.
    const bool lost = code == QLatin1String("2006") || code == QLatin1String("2013") ||
                      code == QLatin1String("57P01") || text.isEmpty() ||
                      text.contains(QLatin1String("connection"), Qt::CaseInsensitive);
    return makeError(lost ? QStringLiteral("the connection to the server was lost (%1)")
                                .arg(text.isEmpty() ? QStringLiteral("no answer") : text)
                          : QStringLiteral("reading the table failed: %1").arg(text),
                     table,
                     lost ? QStringLiteral("Check the server and the network, then back up again. "
                                           "Nothing that looks like a finished backup was left.")
                          : QStringLiteral("Check the account's privileges on this table, then "
                                           "back up again."));
}

Error TableReader::cancelledError()
{
    return makeError(QStringLiteral("cancelled"), cancelledMarker);
}

bool TableReader::isCancelled(const Error& error)
{
    return error.where == cancelledMarker;
}

} // namespace omu

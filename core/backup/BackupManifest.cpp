#include "BackupManifest.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace omu {

const BackupManifest::Table* BackupManifest::findTable(const QString& sqlName) const
{
    for (const Table& table : tables)
        if (table.sqlName == sqlName)
            return &table;
    return nullptr;
}

namespace {

QJsonArray tablesToJson(const QList<BackupManifest::Table>& tables)
{
    QJsonArray tableArray;
    for (const BackupManifest::Table& table : tables)
        tableArray.append(
            QJsonObject{{QStringLiteral("name"), table.name},
                        {QStringLiteral("sqlName"), table.sqlName},
                        {QStringLiteral("style"), table.style},
                        {QStringLiteral("columns"), QJsonArray::fromStringList(table.columns)},
                        {QStringLiteral("rows"), table.rows},
                        {QStringLiteral("bytes"), table.bytes},
                        {QStringLiteral("sha256"), table.sha256}});
    return tableArray;
}

QList<BackupManifest::Table> tablesFromJson(const QJsonArray& array)
{
    QList<BackupManifest::Table> tables;
    for (const QJsonValue& value : array) {
        const QJsonObject item = value.toObject();
        BackupManifest::Table table;
        table.name = item.value(QStringLiteral("name")).toString();
        table.sqlName = item.value(QStringLiteral("sqlName")).toString();
        table.style = item.value(QStringLiteral("style")).toString();
        for (const QJsonValue& column : item.value(QStringLiteral("columns")).toArray())
            table.columns << column.toString();
        table.rows = qint64(item.value(QStringLiteral("rows")).toDouble());
        table.bytes = qint64(item.value(QStringLiteral("bytes")).toDouble());
        table.sha256 = item.value(QStringLiteral("sha256")).toString();
        tables << table;
    }
    return tables;
}

QJsonObject sidecarToJson(const BackupManifest::Sidecar& sidecar)
{
    return QJsonObject{{QStringLiteral("file"), sidecar.file},
                       {QStringLiteral("bytes"), sidecar.bytes},
                       {QStringLiteral("sha256"), sidecar.sha256}};
}

BackupManifest::Sidecar sidecarFromJson(const QJsonObject& object)
{
    return BackupManifest::Sidecar{object.value(QStringLiteral("file")).toString(),
                                   qint64(object.value(QStringLiteral("bytes")).toDouble()),
                                   object.value(QStringLiteral("sha256")).toString()};
}

} // namespace

QByteArray BackupManifest::toJson() const
{
    const QJsonArray tableArray = tablesToJson(tables);
    QJsonObject object{
        {QStringLiteral("format"), QLatin1String(formatName)},
        {QStringLiteral("formatVersion"), formatVersion},
        {QStringLiteral("tool"), QJsonObject{{QStringLiteral("name"), QStringLiteral("omupgrade")},
                                             {QStringLiteral("version"), toolVersion}}},
        {QStringLiteral("engine"), engine},
        {QStringLiteral("server"), QJsonObject{{QStringLiteral("flavour"), serverFlavour},
                                               {QStringLiteral("version"), serverVersion}}},
        {QStringLiteral("openMetadataVersion"), openMetadataVersion},
        {QStringLiteral("database"), database},
        {QStringLiteral("schema"), schema},
        {QStringLiteral("source"), source},
        {QStringLiteral("file"), file},
        {QStringLiteral("startedAt"), startedAt},
        {QStringLiteral("finishedAt"), finishedAt},
        {QStringLiteral("seconds"), seconds},
        {QStringLiteral("snapshot"), snapshot},
        {QStringLiteral("hash"),
         QStringLiteral("sha256 of each table's lines (TRUNCATE and "
                        "INSERTs, newlines included) and of the whole file")},
        {QStringLiteral("tables"), tableArray},
        {QStringLiteral("skippedTables"), QJsonArray::fromStringList(skippedTables)},
        {QStringLiteral("tableCount"), tables.size()},
        {QStringLiteral("rows"), rows},
        {QStringLiteral("bytes"), bytes},
        {QStringLiteral("sha256"), sha256},
    };
    if (hasRollbackData())
        object.insert(QStringLiteral("rollback"),
                      QJsonObject{{QStringLiteral("schema"), sidecarToJson(schemaFile)},
                                  {QStringLiteral("history"), sidecarToJson(historyFile)},
                                  {QStringLiteral("historyTables"), tablesToJson(historyTables)}});
    // QJsonObject sorts its keys, so "complete" is appended by hand to come last.
    QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Indented);
    const qsizetype close = json.lastIndexOf('}');
    json.truncate(close);
    while (json.endsWith('\n') || json.endsWith(' '))
        json.chop(1);
    json += ",\n    \"complete\": ";
    json += complete ? "true" : "false";
    json += "\n}\n";
    return json;
}

Result<BackupManifest> BackupManifest::fromJson(const QByteArray& json, const QString& where)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return makeError(QStringLiteral("the manifest is not valid JSON (%1 at byte %2)")
                             .arg(parseError.errorString())
                             .arg(parseError.offset),
                         where,
                         QStringLiteral("It was damaged or cut short; the backup cannot be "
                                        "verified against it."));
    const QJsonObject object = document.object();
    if (object.value(QStringLiteral("format")).toString() != QLatin1String(formatName))
        return makeError(QStringLiteral("this is not an omupgrade backup manifest"), where);
    BackupManifest manifest;
    manifest.formatVersion = object.value(QStringLiteral("formatVersion")).toInt();
    if (manifest.formatVersion > currentFormatVersion)
        return makeError(QStringLiteral("the manifest has format version %1; this omupgrade reads "
                                        "up to %2")
                             .arg(manifest.formatVersion)
                             .arg(currentFormatVersion),
                         where, QStringLiteral("Use a newer omupgrade."));
    manifest.toolVersion =
        object.value(QStringLiteral("tool")).toObject().value(QStringLiteral("version")).toString();
    manifest.engine = object.value(QStringLiteral("engine")).toString();
    const QJsonObject server = object.value(QStringLiteral("server")).toObject();
    manifest.serverFlavour = server.value(QStringLiteral("flavour")).toString();
    manifest.serverVersion = server.value(QStringLiteral("version")).toString();
    manifest.openMetadataVersion = object.value(QStringLiteral("openMetadataVersion")).toString();
    manifest.database = object.value(QStringLiteral("database")).toString();
    manifest.schema = object.value(QStringLiteral("schema")).toString();
    manifest.source = object.value(QStringLiteral("source")).toString();
    manifest.file = object.value(QStringLiteral("file")).toString();
    manifest.startedAt = object.value(QStringLiteral("startedAt")).toString();
    manifest.finishedAt = object.value(QStringLiteral("finishedAt")).toString();
    manifest.seconds = object.value(QStringLiteral("seconds")).toDouble();
    manifest.snapshot = object.value(QStringLiteral("snapshot")).toString();
    manifest.tables = tablesFromJson(object.value(QStringLiteral("tables")).toArray());
    const QJsonObject rollback = object.value(QStringLiteral("rollback")).toObject();
    manifest.schemaFile = sidecarFromJson(rollback.value(QStringLiteral("schema")).toObject());
    manifest.historyFile = sidecarFromJson(rollback.value(QStringLiteral("history")).toObject());
    manifest.historyTables =
        tablesFromJson(rollback.value(QStringLiteral("historyTables")).toArray());
    for (const QJsonValue& value : object.value(QStringLiteral("skippedTables")).toArray())
        manifest.skippedTables << value.toString();
    manifest.rows = qint64(object.value(QStringLiteral("rows")).toDouble());
    manifest.bytes = qint64(object.value(QStringLiteral("bytes")).toDouble());
    manifest.sha256 = object.value(QStringLiteral("sha256")).toString();
    manifest.complete = object.value(QStringLiteral("complete")).toBool(false);
    return manifest;
}

Result<BackupManifest> BackupManifest::load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot read the manifest: %1").arg(file.errorString()),
                         path);
    if (file.size() > 64 * 1024 * 1024)
        return makeError(QStringLiteral("the manifest is implausibly large"), path);
    return fromJson(file.readAll(), path);
}

} // namespace omu

#pragma once

// Databases for the review's database checks, on both test servers: the tables those
// checks read (tests/data/review/database/<engine>.sql) in one scratch database per
// engine, refilled for every case from the rows its case.yaml lists, and, for the Airflow
// check, a scratch Airflow-shaped database next to it. Header-only, for the review tests.
#include "TestData.h"
#include "TestServers.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <yaml-cpp/yaml.h>

namespace omu::test {

// A YAML value as JSON: quoted scalars stay strings, plain ones become numbers, booleans
// or null where they read as such.
inline QJsonValue yamlToJson(const YAML::Node& node)
{
    if (node.IsMap()) {
        QJsonObject object;
        for (auto it = node.begin(); it != node.end(); ++it)
            object.insert(QString::fromStdString(it->first.Scalar()), yamlToJson(it->second));
        return object;
    }
    if (node.IsSequence()) {
        QJsonArray array;
        for (auto it = node.begin(); it != node.end(); ++it)
            array.append(yamlToJson(*it));
        return array;
    }
    if (!node.IsScalar())
        return QJsonValue::Null;
    const QString text = QString::fromStdString(node.Scalar());
    if (node.Tag() == "!")
        return text;
    if (text == QLatin1String("true") || text == QLatin1String("false"))
        return text == QLatin1String("true");
    if (text == QLatin1String("null") || text == QLatin1String("~"))
        return QJsonValue::Null;
    bool isNumber = false;
    const qlonglong whole = text.toLongLong(&isNumber);
    if (isNumber)
        return double(whole);
    const double real = text.toDouble(&isNumber);
    if (isNumber)
        return real;
    return text;
}

class ReviewRows
{
public:
    ReviewRows() = default;
    ReviewRows(const ReviewRows&) = delete;
    ReviewRows& operator=(const ReviewRows&) = delete;
    ~ReviewRows()
    {
        for (auto it = m_databases.cbegin(); it != m_databases.cend(); ++it)
            TestServers::dropDatabase(it.key(), it.value());
    }

    // The scratch database of an engine holding exactly `rows` ({table: [row, ...]}, a row
    // being {json: {...}} for entity tables or {column: value} otherwise); entity rows get
    // an id when they have none. Empty on success, else what went wrong.
    QString fill(Engine engine, const YAML::Node& rows, QString* database)
    {
        if (!m_databases.contains(engine)) {
            if (QString error = create(engine); !error.isEmpty())
                return error;
        }
        *database = m_databases.value(engine);
        QString error;
        QSqlDatabase db = TestServers::open(engine, *database, &error);
        if (!db.isValid())
            return error;
        const QString name = db.connectionName();
        error = insert(engine, db, rows);
        db = {};
        QSqlDatabase::removeDatabase(name);
        return error;
    }

    // A database named like Airflow's (with the tables a check looks for) on the server,
    // until dropAirflow(); MariaDB only.
    QString createAirflow(Engine engine)
    {
        const QString name = TestServers::uniqueName(QStringLiteral("omu_airflow"));
        QString error;
        if (!TestServers::createDatabase(engine, name, &error))
            return error;
        m_airflow = name;
        for (const char* sql : {"CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)",
                                "CREATE TABLE dag (dag_id VARCHAR(250) NOT NULL PRIMARY KEY)",
                                "CREATE TABLE task_instance (task_id VARCHAR(250) NOT NULL, "
                                "dag_id VARCHAR(250) NOT NULL)"})
            if (!TestServers::exec(engine, name, QString::fromLatin1(sql), &error))
                return error;
        return {};
    }
    void dropAirflow(Engine engine)
    {
        if (!m_airflow.isEmpty())
            TestServers::dropDatabase(engine, m_airflow);
        m_airflow.clear();
    }

private:
    QString create(Engine engine)
    {
        const QString name = TestServers::uniqueName(QStringLiteral("omu_review_rows"));
        QString error;
        if (!TestServers::createDatabase(engine, name, &error))
            return error;
        m_databases.insert(engine, name);
        QFile file(dataPath(engine == Engine::MySql
                                ? QStringLiteral("review/database/mysql.sql")
                                : QStringLiteral("review/database/postgres.sql")));
        if (!file.open(QIODevice::ReadOnly))
            return QStringLiteral("cannot read %1").arg(file.fileName());
        QString ddl = QString::fromUtf8(file.readAll());
        ddl.remove(QRegularExpression(QStringLiteral("--[^\n]*")));
        static const QRegularExpression tableName(QStringLiteral("CREATE TABLE (\\w+)"));
        for (const QString& statement : ddl.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            if (statement.trimmed().isEmpty())
                continue;
            if (!TestServers::exec(engine, name, statement, &error))
                return error;
            const auto match = tableName.match(statement);
            if (match.hasMatch())
                m_tables << match.captured(1);
        }
        return {};
    }

    QString insert(Engine engine, QSqlDatabase& db, const YAML::Node& rows)
    {
        QSqlQuery query(db);
        for (const QString& table : std::as_const(m_tables))
            if (!query.exec(QStringLiteral("DELETE FROM %1").arg(table)))
                return query.lastError().text();
        if (!rows || !rows.IsMap())
            return {};
        int counter = 0;
        for (auto it = rows.begin(); it != rows.end(); ++it) {
            const QString table = QString::fromStdString(it->first.Scalar());
            for (auto row = it->second.begin(); row != it->second.end(); ++row) {
                QStringList columns;
                QVariantList values;
                QStringList marks;
                for (auto field = row->begin(); field != row->end(); ++field) {
                    const QString column = QString::fromStdString(field->first.Scalar());
                    columns << column;
                    if (column == QLatin1String("json")) {
                        QJsonObject document = yamlToJson(field->second).toObject();
                        if (!document.contains(QStringLiteral("id")))
                            document.insert(QStringLiteral("id"),
                                            QStringLiteral("%1-%2").arg(table).arg(++counter));
                        values << QString::fromUtf8(
                            QJsonDocument(document).toJson(QJsonDocument::Compact));
                        marks << (engine == Engine::Postgres ? QStringLiteral("CAST(? AS jsonb)")
                                                             : QStringLiteral("?"));
                    } else {
                        values << QString::fromStdString(field->second.Scalar());
                        marks << QStringLiteral("?");
                    }
                }
                query.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                                  .arg(table, columns.join(QStringLiteral(", ")),
                                       marks.join(QStringLiteral(", "))));
                for (const QVariant& value : std::as_const(values))
                    query.addBindValue(value);
                if (!query.exec())
                    return QStringLiteral("%1: %2").arg(table, query.lastError().text());
            }
        }
        return {};
    }

    QMap<Engine, QString> m_databases;
    QStringList m_tables;
    QString m_airflow;
};

} // namespace omu::test

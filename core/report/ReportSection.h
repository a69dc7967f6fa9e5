#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace omu {

// One section of the report as people read it: a title, a state ("done", "attention",
// "failed", "not-run") with its words, a sentence, label/value rows and tables. The HTML
// shows exactly these, and the JSON holds them, so both say the same.
struct ReportSection
{
    QString id; // "backup", "migration", ...
    QString title;
    QString state;
    QString stateText;
    QString text;
    QJsonArray rows;   // [{"label","value"}]
    QJsonArray tables; // [{"caption","columns":[...],"rows":[[...]]}]
    QJsonObject facts; // numbers and lists for programs (bytes, seconds, ...)

    void addRow(const QString& label, const QString& value)
    {
        if (!value.isEmpty())
            rows.append(
                QJsonObject{{QStringLiteral("label"), label}, {QStringLiteral("value"), value}});
    }
    void addTable(const QString& caption, const QStringList& columns, const QJsonArray& tableRows)
    {
        tables.append(QJsonObject{{QStringLiteral("caption"), caption},
                                  {QStringLiteral("columns"), QJsonArray::fromStringList(columns)},
                                  {QStringLiteral("rows"), tableRows}});
    }
    QJsonObject toJson() const
    {
        QJsonObject json = facts;
        json.insert(QStringLiteral("id"), id);
        json.insert(QStringLiteral("title"), title);
        json.insert(QStringLiteral("state"), state);
        json.insert(QStringLiteral("stateText"), stateText);
        json.insert(QStringLiteral("text"), text);
        json.insert(QStringLiteral("rows"), rows);
        json.insert(QStringLiteral("tables"), tables);
        return json;
    }
};

} // namespace omu

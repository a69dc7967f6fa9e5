#include "ReportHtml.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace omu {

namespace {

const char* const style = R"(
:root{--ink:#1d232a;--muted:#56616c;--line:#dde2e7;--done:#17642f;--done-bg:#e2f3e7;
--failed:#a3161a;--failed-bg:#fce4e4;--attention:#7a4d00;--attention-bg:#fff1d1;
--not-run:#4c5661;--not-run-bg:#eceff2}
*{box-sizing:border-box}
body{margin:0;background:#f2f4f6;color:var(--ink);
font:15px/1.45 "DejaVu Sans","Segoe UI",system-ui,sans-serif}
main{max-width:1040px;margin:0 auto;padding:24px 28px 40px}
h1{font-size:24px;margin:0}
.meta{color:var(--muted);font-size:13px;margin:4px 0 16px}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:14px 20px;
margin:0 0 16px}
.summary{border-left:6px solid var(--not-run)}
.summary.done{border-left-color:var(--done)}
.summary.failed{border-left-color:var(--failed)}
.summary.attention{border-left-color:#d08a00}
.verdict{font-size:18px;font-weight:600;margin:2px 0 10px}
h2{font-size:17px;margin:0 0 6px}
h3{font-size:14px;margin:12px 0 4px;color:var(--muted)}
.badge{display:inline-block;font-size:12px;font-weight:600;line-height:1.2;padding:3px 9px;
border-radius:10px;vertical-align:2px;margin-left:8px;white-space:nowrap}
td .badge{margin-left:0}
.badge.done{background:var(--done-bg);color:var(--done)}
.badge.failed{background:var(--failed-bg);color:var(--failed)}
.badge.attention{background:var(--attention-bg);color:var(--attention)}
.badge.not-run{background:var(--not-run-bg);color:var(--not-run)}
p{margin:4px 0 8px}
.not-run-text{color:var(--muted);font-style:italic}
table{border-collapse:collapse;width:100%;margin:4px 0}
th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid var(--line)}
tr:last-child th,tr:last-child td{border-bottom:none}
table.facts th{width:13em;color:var(--muted);font-weight:600}
thead th{background:#f6f8fa;font-size:13px;color:var(--muted);border-bottom:1px solid var(--line)}
code,.code{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:13px;
overflow-wrap:anywhere}
ul.attention{margin:6px 0 0;padding-left:20px;color:var(--attention)}
pre.log{background:#1f252b;color:#e8eaed;padding:12px 14px;border-radius:4px;margin:8px 0 0;
font:12px/1.45 "DejaVu Sans Mono",Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere}
footer{color:var(--muted);font-size:12px;margin-top:20px}
@media print{body{background:#fff}.card{break-inside:avoid;border-color:#bbb}}
)";

QString escaped(const QString& text)
{
    QString html = text.toHtmlEscaped();
    html.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    return html;
}

QString str(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toString();
}

// Values people copy rather than read: paths, hashes, commands.
bool looksLikeCode(const QString& label, const QString& value)
{
    static const QSet<QString> labels{QStringLiteral("File"), QStringLiteral("SHA-256"),
                                      QStringLiteral("Command"), QStringLiteral("Release folder"),
                                      QStringLiteral("Where")};
    return labels.contains(label) || value.startsWith(QLatin1Char('/')) ||
           value.startsWith(QLatin1String("pip "));
}

QString badgeClass(const QString& word)
{
    static const QSet<QString> good{QStringLiteral("fixed"), QStringLiteral("passed")};
    static const QSet<QString> bad{QStringLiteral("open"), QStringLiteral("failed")};
    if (good.contains(word))
        return QStringLiteral("done");
    if (bad.contains(word))
        return QStringLiteral("failed");
    if (word == QLatin1String("acknowledged"))
        return QStringLiteral("attention");
    if (word == QLatin1String("not run"))
        return QStringLiteral("not-run");
    return {};
}

QString cell(const QString& column, const QString& value)
{
    const QString badge = badgeClass(value);
    if (!badge.isEmpty())
        return QStringLiteral("<span class=\"badge %1\">%2</span>").arg(badge, escaped(value));
    if (looksLikeCode(column, value))
        return QStringLiteral("<span class=\"code\">%1</span>").arg(escaped(value));
    return escaped(value);
}

QString factsTable(const QJsonArray& rows)
{
    if (rows.isEmpty())
        return {};
    QString html = QStringLiteral("<table class=\"facts\">");
    for (const QJsonValue& value : rows) {
        const QJsonObject row = value.toObject();
        html += QStringLiteral("<tr><th>%1</th><td>%2</td></tr>")
                    .arg(escaped(str(row, "label")), cell(str(row, "label"), str(row, "value")));
    }
    return html + QStringLiteral("</table>\n");
}

QString table(const QJsonObject& table)
{
    QString html;
    if (!str(table, "caption").isEmpty())
        html += QStringLiteral("<h3>%1</h3>").arg(escaped(str(table, "caption")));
    QStringList columns;
    for (const QJsonValue& column : table.value(QStringLiteral("columns")).toArray())
        columns << column.toString();
    html += QStringLiteral("<table><thead><tr>");
    for (const QString& column : columns)
        html += QStringLiteral("<th>%1</th>").arg(escaped(column));
    html += QStringLiteral("</tr></thead><tbody>");
    for (const QJsonValue& value : table.value(QStringLiteral("rows")).toArray()) {
        html += QStringLiteral("<tr>");
        const QJsonArray cells = value.toArray();
        for (qsizetype i = 0; i < cells.size(); ++i)
            html +=
                QStringLiteral("<td>%1</td>").arg(cell(columns.value(i), cells.at(i).toString()));
        html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</tbody></table>\n");
}

QString section(const QJsonObject& section)
{
    const QString state = str(section, "state");
    QString html = QStringLiteral("<section class=\"card\" id=\"%1\"><h2>%2")
                       .arg(escaped(str(section, "id")), escaped(str(section, "title")));
    if (!str(section, "stateText").isEmpty())
        html += QStringLiteral("<span class=\"badge %1\">%2</span>")
                    .arg(escaped(state), escaped(str(section, "stateText")));
    html += QStringLiteral("</h2>\n");
    if (!str(section, "text").isEmpty())
        html +=
            QStringLiteral("<p%1>%2</p>\n")
                .arg(state == QLatin1String("not-run") ? QStringLiteral(" class=\"not-run-text\"")
                                                       : QString(),
                     escaped(str(section, "text")));
    html += factsTable(section.value(QStringLiteral("rows")).toArray());
    for (const QJsonValue& value : section.value(QStringLiteral("tables")).toArray())
        html += table(value.toObject());
    const QJsonArray lines = section.value(QStringLiteral("lines")).toArray();
    if (!lines.isEmpty()) {
        html += QStringLiteral("<pre class=\"log\">");
        for (const QJsonValue& line : lines)
            html += line.toString().toHtmlEscaped() + QLatin1Char('\n');
        html += QStringLiteral("</pre>\n");
    }
    return html + QStringLiteral("</section>\n");
}

} // namespace

QString ReportHtml::render(const QJsonObject& report)
{
    const QJsonObject summary = report.value(QStringLiteral("summary")).toObject();
    const QJsonObject tool = report.value(QStringLiteral("tool")).toObject();
    QString html =
        QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                       "<meta name=\"viewport\" content=\"width=device-width\">"
                       "<title>%1</title><style>%2</style></head><body><main>\n")
            .arg(escaped(str(report, "title")), QLatin1String(style));
    html += QStringLiteral("<h1>%1</h1>\n<p class=\"meta\">Written %2 by %3 %4</p>\n")
                .arg(escaped(str(report, "title")), escaped(str(report, "generated")),
                     escaped(str(tool, "name")), escaped(str(tool, "version")));

    html += QStringLiteral("<section class=\"card summary %1\" id=\"summary\">"
                           "<p class=\"verdict\">%2</p>\n")
                .arg(escaped(str(summary, "state")), escaped(str(summary, "verdictText")));
    html += factsTable(summary.value(QStringLiteral("rows")).toArray());
    const QJsonArray attention = summary.value(QStringLiteral("attention")).toArray();
    if (!attention.isEmpty()) {
        html += QStringLiteral("<h3>Needs attention</h3><ul class=\"attention\">");
        for (const QJsonValue& item : attention)
            html += QStringLiteral("<li>%1</li>").arg(escaped(item.toString()));
        html += QStringLiteral("</ul>\n");
    }
    html += QStringLiteral("</section>\n");

    for (const QJsonValue& value : report.value(QStringLiteral("sections")).toArray())
        html += section(value.toObject());

    html += QStringLiteral("<footer>%1 %2 &middot; journal <span class=\"code\">%3</span> &middot; "
                           "passwords and tokens are removed from this report</footer>\n")
                .arg(escaped(str(tool, "name")), escaped(str(tool, "version")),
                     escaped(str(report, "journal")));
    return html + QStringLiteral("</main></body></html>\n");
}

} // namespace omu

#include "ReviewText.h"

#include "common/Markup.h"

#include <QFileInfo>
#include <QObject>

namespace omu::ui::reviewtext {

using markup::escaped;

QString plural(qsizetype n, const QString& one, const QString& many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

QString severityTitle(Severity severity)
{
    switch (severity) {
    case Severity::Blocker:
        return QObject::tr("Blockers");
    case Severity::Warning:
        return QObject::tr("Warnings");
    case Severity::Notice:
        break;
    }
    return QObject::tr("Notices");
}

QString severityWord(Severity severity)
{
    switch (severity) {
    case Severity::Blocker:
        return QObject::tr("Blocker");
    case Severity::Warning:
        return QObject::tr("Warning");
    case Severity::Notice:
        break;
    }
    return QObject::tr("Notice");
}

QColor severityColor(Severity severity)
{
    switch (severity) {
    case Severity::Blocker:
        return QColor(0xb7, 0x1c, 0x1c);
    case Severity::Warning:
        return QColor(0x8a, 0x53, 0x00);
    case Severity::Notice:
        break;
    }
    return QColor(0x1a, 0x52, 0x76);
}

QString shortPlace(const Finding& finding)
{
    if (!finding.file.isEmpty())
        return finding.line > 0 ? QStringLiteral("%1:%2")
                                      .arg(QFileInfo(finding.file).fileName())
                                      .arg(finding.line)
                                : QFileInfo(finding.file).fileName();
    if (finding.manual)
        return QObject::tr("check by hand");
    if (finding.detector.startsWith(QLatin1String("db-")) ||
        finding.detector.startsWith(QLatin1String("requirement-database")) ||
        finding.detector.startsWith(QLatin1String("requirement-postgres")))
        return QObject::tr("database");
    if (finding.detector.startsWith(QLatin1String("search")) ||
        finding.detector == QLatin1String("requirement-search"))
        return QObject::tr("search engine");
    if (finding.detector == QLatin1String("requirement-java"))
        return QObject::tr("this machine");
    return QObject::tr("this release step");
}

QString findingHtml(const Finding& finding)
{
    QString html = QStringLiteral("<h3 style='margin:0'>%1</h3>").arg(escaped(finding.title));
    html += QStringLiteral("<p style='color:%1'><b>%2</b> · %3 · <code>%4</code></p>")
                .arg(severityColor(finding.severity).name(),
                     finding.manual ? QObject::tr("Manual check") : severityWord(finding.severity),
                     QObject::tr("since %1").arg(escaped(finding.since)), escaped(finding.id));
    const QString where = finding.location();
    html +=
        QStringLiteral("<p>%1%2</p>")
            .arg(where.isEmpty() ? QString() : QStringLiteral("<b>%1</b><br>").arg(escaped(where)),
                 escaped(finding.message));
    if (!finding.manual)
        html +=
            QStringLiteral("<p><b>%1</b> %2</p>").arg(QObject::tr("Why:"), escaped(finding.why));
    html +=
        QStringLiteral("<p><b>%1</b> %2</p>").arg(QObject::tr("How to fix:"), escaped(finding.fix));
    if (finding.autofix)
        html += QStringLiteral("<p><b>%1</b> %2. %3</p>")
                    .arg(QObject::tr("Automatic fix:"), escaped(finding.autofixDescription),
                         QObject::tr("Tick it in the list to preview it."));
    else if (!finding.autofixUnavailable.isEmpty())
        html +=
            QStringLiteral("<p><b>%1</b> %2</p>")
                .arg(QObject::tr("No automatic fix here:"), escaped(finding.autofixUnavailable));
    return html;
}

QString summaryHtml(const ReviewReport& report, int open)
{
    const int blockers = report.count(Severity::Blocker);
    QStringList parts;
    parts << plural(blockers, QObject::tr("blocker"), QObject::tr("blockers")) +
                 (blockers > 0 && open == 0 ? QObject::tr(" (acknowledged)") : QString())
          << plural(report.count(Severity::Warning), QObject::tr("warning"),
                    QObject::tr("warnings"))
          << plural(report.count(Severity::Notice), QObject::tr("notice"), QObject::tr("notices"))
          << plural(report.manualCount(), QObject::tr("manual check"),
                    QObject::tr("manual checks"));
    QString text =
        QObject::tr("%1 for %2 → %3.")
            .arg(parts.join(QStringLiteral(", ")), escaped(report.from), escaped(report.to));
    if (const int fixes = report.autofixCount(); fixes > 0)
        text += QLatin1Char(' ') + QObject::tr("%1 can be fixed automatically.").arg(fixes);
    if (const qsizetype skipped = report.notChecked.size() + report.problems.size(); skipped > 0)
        text += QLatin1Char(' ') +
                QObject::tr("%1 did not run (see Not checked).")
                    .arg(plural(skipped, QObject::tr("check"), QObject::tr("checks")));
    if (open > 0)
        text =
            markup::inState(
                QStringLiteral("failed"),
                QStringLiteral("<b>%1</b>")
                    .arg(QObject::tr("%1 still open: fix or acknowledge to continue.")
                             .arg(plural(open, QObject::tr("blocker"), QObject::tr("blockers"))))) +
            QLatin1Char(' ') + text;
    else if (blockers == 0 && report.notChecked.size() + report.problems.size() > 0)
        // Not a check mark while checks did not run: that would read as an all-clear.
        text = markup::inState(QStringLiteral("stale"),
                               QStringLiteral("<b>%1</b>")
                                   .arg(QObject::tr("\u26a0 Nothing found blocks the upgrade, "
                                                    "but not everything could be checked."))) +
               QLatin1Char(' ') + text;
    else if (blockers == 0)
        text = QStringLiteral("<b>%1</b> %2")
                   .arg(QObject::tr("\u2713 Nothing blocks the upgrade."), text);
    return text;
}

QString fixedHtml(const QList<FixApplier::Applied>& applied)
{
    QStringList files;
    for (const auto& done : applied)
        files << QStringLiteral("%1 (original kept as %2)")
                     .arg(escaped(done.path), escaped(QFileInfo(done.backupPath).fileName()));
    return QObject::tr(
               "<b>\u2713 Fixed %1.</b> The list below is refreshed from the fixed files.<br>%2")
        .arg(plural(files.size(), QObject::tr("file"), QObject::tr("files")),
             files.join(QStringLiteral("<br>")));
}

} // namespace omu::ui::reviewtext

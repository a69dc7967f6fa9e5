#include "TuningOutcomeText.h"

#include "common/Markup.h"

#include <QObject>

namespace omu::ui::tuningtext {

using markup::escapedLines;

QString outcomeHtml(const Result<TuningOutcome>& outcome, QString* state)
{
    if (!outcome) {
        const Error& error = outcome.error();
        *state = QStringLiteral("failed");
        QString html = QStringLiteral("<b>\u2717 %1</b>").arg(escapedLines(error.message));
        if (!error.advice.isEmpty())
            html +=
                QStringLiteral("<br><br><b>%1</b><br><span style='font-family:monospace'>%2</span>")
                    .arg(QObject::tr("What to do:"), escapedLines(error.advice));
        return html;
    }
    const TuningOutcome& done = outcome.value();
    QString title;
    if (done.status == QLatin1String("applied"))
        title =
            QObject::tr("Applied and verified: a new connection reads %1").arg(done.verifiedValue);
    else if (done.status == QLatin1String("already-in-force"))
        title = QObject::tr("Already in force: a new connection reads %1").arg(done.verifiedValue);
    else if (done.status == QLatin1String("nothing-to-revert"))
        title = QObject::tr("Nothing to revert");
    else
        title =
            QObject::tr("Reverted and verified: a new connection reads %1").arg(done.verifiedValue);
    *state = QStringLiteral("ok");
    QString html = QStringLiteral("<b>\u2713 %1</b><br>%2")
                       .arg(escapedLines(title), escapedLines(done.message));
    for (const QString& warning : done.warnings)
        html += QStringLiteral("<br>") + markup::warning(warning);
    return html;
}

} // namespace omu::ui::tuningtext

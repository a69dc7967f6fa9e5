#include "MigrationPageText.h"

#include "common/Markup.h"

#include <QObject>

namespace omu::ui::migrationtext {

using markup::escaped;

QString resumeNotice(const Result<JournalProgress>& read)
{
    if (!read)
        return QObject::tr("The upgrade journal cannot be read: %1")
            .arg(escaped(read.error().toString()));
    const JournalProgress& progress = read.value();
    using State = JournalProgress::MigrationState;
    const auto started = progress.lastMigrationStart();
    if (!started)
        return {};
    const QString when = escaped(markup::localTime(started->time));
    QString text;
    if (progress.migration == State::Interrupted)
        text = QObject::tr("<b>The migration started on %1 did not finish</b>: the wizard or the "
                           "machine stopped while it ran. Make sure no migration tool from that "
                           "run is still running, then Check: the plan shows what is applied and "
                           "what is left.")
                   .arg(when);
    else if (progress.migration == State::Failed)
        text = QObject::tr("The last migration (%1) failed. Fix its cause and retry; the plan "
                           "shows what is left.")
                   .arg(when);
    else if (progress.migration == State::Cancelled)
        text = QObject::tr("The last migration (%1) was cancelled. The plan shows what is left.")
                   .arg(when);
    if (!text.isEmpty() && progress.tuningToRevert())
        text += QObject::tr(
            " The tuning applied before it is still in place; the After step puts it back.");
    return text;
}

QString whyNotRunnable(bool planned, bool commandBuilt, const GateReport& gate)
{
    if (!planned)
        return QObject::tr("Check the release first.");
    if (!commandBuilt)
        return QObject::tr("The command cannot be built: see above.");
    if (!gate.passed())
        return QObject::tr("Not yet: %1.").arg(gate.unmet().join(QStringLiteral(", ")));
    return QObject::tr("Nothing to migrate.");
}

QString setupSummary(const MigrationPlan& plan, const QString& release,
                     const MigrationSettings& settings)
{
    return QObject::tr("<b>%1 \u2192 %2</b> with the release in <tt>%3</tt>, run as %4. The "
                       "checks passed before it started.")
        .arg(plan.current.isNull() ? QObject::tr("1.0.x or older")
                                   : escaped(plan.current.toString()),
             escaped(plan.target.toString()), escaped(release),
             escaped(migrationModeName(settings.mode)));
}

} // namespace omu::ui::migrationtext

#include "MigrationOutcomeBanner.h"

#include "common/Markup.h"

#include <QLabel>
#include <QPushButton>

namespace omu::ui {

using markup::escaped;

namespace {

QString nextStepLabel(MigrationFailure::NextStep step)
{
    using Step = MigrationFailure::NextStep;
    switch (step) {
    case Step::BackToTuning:
        return QObject::tr("Back to &Tuning");
    case Step::Repair:
        return QObject::tr("Run re&pair");
    case Step::RunMigration:
    case Step::Retry:
        return QObject::tr("Retr&y");
    case Step::RetryWithForce:
        return QObject::tr("Retry with --&force…");
    case Step::None:
        break;
    }
    return {};
}

QString failureHtml(const MigrationOutcome& outcome)
{
    QString html = outcome.ending == Ending::Cancelled
                       ? QObject::tr("<b>Cancelled.</b> ")
                       : QObject::tr("<b>\u2717 The migration failed.</b> ");
    html += escaped(outcome.explanation);
    if (!outcome.startError.isEmpty())
        html += QStringLiteral("<br>") + escaped(outcome.startError);
    for (const auto& failure : outcome.failures) {
        html += QStringLiteral("<br><br><b>%1</b><br>%2")
                    .arg(escaped(failure.title), escaped(failure.advice));
        if (!failure.evidence.isEmpty())
            html += QStringLiteral("<br>") +
                    markup::coloured(markup::noteColour, QObject::tr("Seen:") + QLatin1Char(' ') +
                                                             failure.evidence.left(300));
    }
    return html;
}

} // namespace

MigrationOutcomeBanner::MigrationOutcomeBanner(QWidget* parent)
    : ResultBanner(QStringLiteral("migrationStatusFrame"), QStringLiteral("migrationStatus"),
                   parent),
      m_nextStepButton(new QPushButton(this))
{
    m_nextStepButton->setObjectName(QStringLiteral("nextStepButton"));
    m_nextStepButton->hide();
    addAction(m_nextStepButton);
    // Wrapped text would otherwise be squeezed below its height when the page is full.
    label()->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    connect(m_nextStepButton, &QPushButton::clicked, this, [this] {
        Q_EMIT nextStepChosen(
            MigrationFailure::NextStep(m_nextStepButton->property("nextStep").toInt()));
    });
    showState(QStringLiteral("idle"), tr("Runs once the checks above pass."));
}

void MigrationOutcomeBanner::showStopping()
{
    showState(QStringLiteral("busy"),
              tr("Stopping the tool… the database's state is checked once it has stopped."));
}

void MigrationOutcomeBanner::showForceConfirmation()
{
    showState(QStringLiteral("stale"),
              tr("Tick the --force box to confirm, then Retry: every version runs again and "
                 "failing statements are logged and skipped."));
}

void MigrationOutcomeBanner::showSucceeded(const MigrationOutcome& outcome)
{
    showState(QStringLiteral("ok"), tr("<b>\u2713 Migration succeeded</b> in %1 s. %2<br>Press "
                                       "<b>Continue</b> for the After step.")
                                        .arg(outcome.seconds, 0, 'f', 1)
                                        .arg(escaped(outcome.explanation)));
}

void MigrationOutcomeBanner::showRepaired(const MigrationOutcome& outcome)
{
    const bool succeeded = outcome.ending == Ending::Succeeded;
    showState(succeeded ? QStringLiteral("ok") : QStringLiteral("failed"),
              succeeded ? tr("\u2713 Repair done. Run the migration again.")
                        : tr("\u2717 The repair failed: see the log."));
}

void MigrationOutcomeBanner::showFailure(const MigrationOutcome& outcome)
{
    showState(outcome.ending == Ending::Cancelled ? QStringLiteral("stale")
                                                  : QStringLiteral("failed"),
              failureHtml(outcome));
    using Step = MigrationFailure::NextStep;
    const Step step = outcome.failures.isEmpty() ? Step::None : outcome.failures.first().nextStep;
    m_nextStepButton->setProperty("nextStep", int(step));
    m_nextStepButton->setText(nextStepLabel(step));
    m_nextStepButton->setVisible(step != Step::None && step != Step::Retry &&
                                 step != Step::RunMigration);
    if (m_nextStepButton->isVisible())
        m_nextStepButton->setFocus();
}

void MigrationOutcomeBanner::hideNextStep()
{
    m_nextStepButton->hide();
}

void MigrationOutcomeBanner::setNextStepEnabled(bool enabled)
{
    m_nextStepButton->setEnabled(enabled);
}

void MigrationOutcomeBanner::showNotStarted(const QString& why, bool stale)
{
    showState(stale ? QStringLiteral("stale") : QStringLiteral("failed"),
              tr("Not started: %1").arg(escaped(why)));
}

void MigrationOutcomeBanner::showRolledBack(const QString& version)
{
    hideNextStep();
    showState(QStringLiteral("stale"),
              tr("<b>Rolled back to %1.</b> The failed migration is undone (see Roll back "
                 "below). Fix what the log shows, then run the migration again, or start the "
                 "%1 server again.")
                  .arg(escaped(version)));
}

} // namespace omu::ui

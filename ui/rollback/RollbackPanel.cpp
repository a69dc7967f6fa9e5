#include "RollbackPanel.h"

#include "common/AsyncTask.h"
#include "common/Markup.h"
#include "common/PageLayout.h"
#include "common/ResultBanner.h"
#include "migration/MigrationRunner.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

#include <memory>

namespace omu::ui {

using markup::escaped;
using markup::localTime;
using markup::warning;

RollbackPanel::RollbackPanel(WizardState* state, When when, QWidget* page)
    : QGroupBox(tr("Way back"), page), m_state(state), m_when(when), m_task(new AsyncTask(this))
{
    page->installEventFilter(this);
    setObjectName(QStringLiteral("rollbackPanel"));
    m_banner =
        new ResultBanner(QStringLiteral("rollbackBanner"), QStringLiteral("rollbackText"), this);
    m_rollbackButton = new QPushButton(this);
    m_rollbackButton->setObjectName(QStringLiteral("rollbackButton"));
    m_banner->addAction(m_rollbackButton);

    m_confirmRow = new QWidget(this);
    m_confirmRow->setObjectName(QStringLiteral("rollbackConfirmRow"));
    m_keepFailed = new QCheckBox(tr("&Keep the failed state for support"), m_confirmRow);
    m_keepFailed->setObjectName(QStringLiteral("rollbackKeepFailed"));
    m_keepFailed->setChecked(true);
    m_confirmButton = new QPushButton(tr("Replace the database"), m_confirmRow);
    m_confirmButton->setObjectName(QStringLiteral("rollbackConfirmButton"));
    m_cancelButton = new QPushButton(tr("Not now"), m_confirmRow);
    m_cancelButton->setObjectName(QStringLiteral("rollbackCancelButton"));
    auto* confirmLayout = new QHBoxLayout(m_confirmRow);
    confirmLayout->setContentsMargins(0, 0, 0, 0);
    confirmLayout->addWidget(m_keepFailed, 1);
    confirmLayout->addWidget(m_cancelButton);
    confirmLayout->addWidget(m_confirmButton);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("rollbackProgress"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_stepLabel = new QLabel(this);
    m_stepLabel->setObjectName(QStringLiteral("rollbackStep"));
    m_stepLabel->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_confirmRow);
    layout->addWidget(m_progress);
    layout->addWidget(m_stepLabel);
    m_confirmRow->hide();
    m_progress->hide();
    m_stepLabel->hide();
    hide();

    connect(m_rollbackButton, &QPushButton::clicked, this, &RollbackPanel::askToConfirm);
    connect(m_cancelButton, &QPushButton::clicked, this, &RollbackPanel::offer);
    connect(m_confirmButton, &QPushButton::clicked, this, &RollbackPanel::start);
}

RollbackPanel::RollbackPanel(WizardState* state, const MigrationRunner* runner, QWidget* page)
    : RollbackPanel(state, When::MigrationUnfinished, page)
{
    // Queued: the page records the run in the journal first.
    connect(runner, &MigrationRunner::finished, this, &RollbackPanel::refresh,
            Qt::QueuedConnection);
}

bool RollbackPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == parent() && event->type() == QEvent::Show)
        refresh();
    return QGroupBox::eventFilter(watched, event);
}

void RollbackPanel::refresh()
{
    if (!m_state->testedProfile || isRunning() || m_done)
        return;
    const RollbackOffer found = RollbackOffer::find(*m_state->testedProfile, m_state->dataFolder);
    const bool wanted =
        found.pending ||
        (m_when == When::BackupAvailable ? found.available : found.migrationUnfinished);
    if (wanted)
        offer();
    else
        hide();
}

void RollbackPanel::bringIntoView()
{
    // After the layout took the change: the row that appeared may be below the fold.
    QTimer::singleShot(0, this, [this] { scrollIntoView(this); });
}

bool RollbackPanel::isRunning() const
{
    return m_task->isRunning();
}

void RollbackPanel::offer()
{
    if (!m_state->testedProfile || isRunning())
        return;
    m_offer = RollbackOffer::find(*m_state->testedProfile, m_state->dataFolder);
    m_confirmRow->hide();
    m_progress->hide();
    m_stepLabel->hide();
    const QString version =
        m_offer.version.isEmpty() ? tr("the backup's version") : m_offer.version;
    m_rollbackButton->setText(tr("&Roll back to %1").arg(version));
    m_rollbackButton->setVisible(m_offer.available);
    m_rollbackButton->setEnabled(true);
    if (m_offer.available)
        m_banner->showState(
            m_offer.pending ? QStringLiteral("stale") : QStringLiteral("idle"),
            (m_offer.pending ? tr("<b>A rollback was interrupted.</b> Rolling back again finishes "
                                  "it or cleans up what it left.<br>")
                             : QString()) +
                tr("The backup taken before the upgrade puts the database back exactly as it was "
                   "at OpenMetadata %1: its schema, every table including the migration "
                   "history, sequences and character sets. It is built beside the current "
                   "database, checked, then swapped in at once; the tuning is put back too.")
                    .arg(escaped(version)));
    else
        m_banner->showState(QStringLiteral("stale"), escaped(m_offer.reason));
    show();
}

void RollbackPanel::askToConfirm()
{
    m_rollbackButton->hide();
    m_banner->showState(
        QStringLiteral("stale"),
        tr("<b>Replace %1 with the backup of %2?</b><br>Stop the OpenMetadata server first. "
           "Everything written since the backup is replaced; with the box ticked, the current "
           "(failed) state is kept under its own name for support.")
            .arg(escaped(m_state->testedProfile->displayName()),
                 escaped(localTime(m_offer.backupTime))));
    m_confirmRow->show();
    m_confirmButton->setFocus();
    bringIntoView();
}

void RollbackPanel::start()
{
    m_confirmRow->hide();
    m_progress->setRange(0, 0);
    m_progress->show();
    m_stepLabel->show();
    m_stepLabel->setText(tr("Starting…"));
    bringIntoView();
    m_banner->showState(QStringLiteral("busy"),
                        tr("Rolling back to OpenMetadata %1. The current database stays in place "
                           "until the rebuilt one is verified.")
                            .arg(escaped(m_offer.version)));
    RollbackOptions options;
    options.file = m_offer.file;
    options.keepFailed = m_keepFailed->isChecked();
    options.by = QStringLiteral("wizard");
    options.dataFolder = m_state->dataFolder;
    options.fromCommandLine = false;
    if (!m_offer.serverUrl.isEmpty())
        options.serverUrl = m_offer.serverUrl;
    const ConnectionProfile profile = *m_state->testedProfile;
    auto outcome = std::make_shared<RollbackOutcome>();
    const quint64 generation = m_task->generation() + 1;
    QPointer<RollbackPanel> self(this);
    m_task->start(
        [=, task = m_task](const CancelToken& cancel) {
            *outcome = Rollback::run(
                profile, options,
                [=](const BackupProgress& progress) {
                    if (progress.message.isEmpty())
                        return;
                    const QString line = progress.message;
                    // Loading reports how far it is; the other steps are short.
                    const int percent = progress.phase == BackupProgress::Phase::Restoring
                                            ? int(progress.fraction * 100)
                                            : -1;
                    task->post(generation, [self, line, percent] {
                        if (!self)
                            return;
                        self->m_stepLabel->setText(line);
                        self->m_progress->setRange(0, percent >= 0 ? 100 : 0);
                        self->m_progress->setValue(std::max(percent, 0));
                    });
                },
                cancel);
        },
        [this, outcome] { finished(*outcome); });
}

void RollbackPanel::finished(const RollbackOutcome& outcome)
{
    m_progress->hide();
    m_stepLabel->hide();
    bringIntoView();
    if (outcome.ending == Ending::Succeeded) {
        QString text = tr("<b>Rolled back to OpenMetadata %1 and verified</b>: the schema and "
                          "every table equal the backup.")
                           .arg(escaped(outcome.toVersion));
        if (!outcome.failedKeptAs.isEmpty())
            text += tr("<br>The failed state is kept as <b>%1</b>; drop it once support is done.")
                        .arg(escaped(outcome.failedKeptAs));
        if (!outcome.tuning.isEmpty())
            text += tr("<br>Tuning: %1").arg(escaped(outcome.tuning));
        for (const QString& note : outcome.notes)
            text += QStringLiteral("<br>") + warning(note);
        text += tr("<br>Start the OpenMetadata %1 server again (the release you upgraded from).")
                    .arg(escaped(outcome.toVersion));
        m_banner->showState(QStringLiteral("ok"), text);
        m_rollbackButton->hide();
        m_done = true;
        Q_EMIT rolledBack(outcome.toVersion);
        return;
    }
    m_banner->showState(outcome.ending == Ending::Cancelled ? QStringLiteral("cancelled")
                                                            : QStringLiteral("failed"),
                        tr("<b>%1</b><br>%2")
                            .arg(outcome.changed ? tr("The rollback did not finish cleanly.")
                                                 : tr("Nothing was changed."),
                                 markup::escapedLines(outcome.error.toString())));
    m_rollbackButton->setText(tr("&Try again"));
    m_rollbackButton->show();
}

} // namespace omu::ui

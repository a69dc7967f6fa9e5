#include "MigrationPage.h"

#include "common/PageLayout.h"
#include "MigrationCommandPreparer.h"
#include "MigrationGateBox.h"
#include "MigrationOutcomeBanner.h"
#include "MigrationPageText.h"
#include "MigrationReleaseForm.h"
#include "MigrationRunPanel.h"
#include "MigrationSetupBar.h"
#include "rollback/RollbackPanel.h"
#include "RunConfirmation.h"

namespace omu::ui {

MigrationPage::MigrationPage(WizardState* state, QWidget* parent)
    : QWizardPage(parent), m_state(state), m_preparer(new MigrationCommandPreparer(this))
{
    setObjectName(QStringLiteral("migrationPage"));
    setTitle(tr("Run the migration"));
    setSubTitle(tr("OpenMetadata's own migration tool upgrades the schema and the data. It runs "
                   "only once the backup, tuning, review and a stopped server are in place."));
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Continue"));

    m_resumeBanner = noticeLabel("resumeBanner", this);
    m_release = new MigrationReleaseForm(this);
    m_gate = new MigrationGateBox(this);
    m_status = new MigrationOutcomeBanner(this);
    m_run = new MigrationRunPanel(m_status, this);

    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    m_setup = new MigrationSetupBar({m_release, m_gate}, this);
    layout->addWidget(m_resumeBanner);
    layout->addWidget(m_setup);
    layout->addWidget(m_release);
    layout->addWidget(m_gate);
    layout->addWidget(m_run, 1);
    auto* rollback = new RollbackPanel(m_state, m_run->runner(), this); // after a failed run
    layout->addWidget(rollback);
    setScrollingContent(this, content);

    connect(m_release, &MigrationReleaseForm::checkRequested, this, &MigrationPage::startPlan);
    connect(m_release, &MigrationReleaseForm::planned, this, &MigrationPage::planReady);
    connect(m_release, &MigrationReleaseForm::settingsChanged, this,
            &MigrationPage::rebuildCommand);
    connect(m_release, &MigrationReleaseForm::jobFieldEdited, this, [this] {
        m_preparer->invalidate();
        m_command.reset();
        m_run->showCommand(tr("Press Enter or Check to read the deployment with kubectl."));
        updateButtons();
    });
    connect(m_gate, &MigrationGateBox::changed, this, &MigrationPage::evaluateGate);
    connect(m_run, &MigrationRunPanel::runRequested, this,
            [this] { run(MigrationAction::Migrate); });
    connect(m_run, &MigrationRunPanel::forceToggled, this, &MigrationPage::rebuildCommand);
    connect(m_run, &MigrationRunPanel::cancelRequested, m_status,
            &MigrationOutcomeBanner::showStopping);
    connect(m_run->runner(), &MigrationRunner::finished, this, &MigrationPage::runFinished);
    connect(m_preparer, &MigrationCommandPreparer::readEnded, this, &MigrationPage::updateButtons);
    connect(m_status, &MigrationOutcomeBanner::nextStepChosen, this, &MigrationPage::takeNextStep);
    connect(rollback, &RollbackPanel::rolledBack, this, [this](const QString& version) {
        m_status->showRolledBack(version);
        m_run->startOver();
        readJournal(false);
        startPlan(); // the database is at the old version again
    });

    updateButtons();
}

void MigrationPage::initializePage()
{
    if (!m_run->isRunning() && !m_run->hasLog())
        m_setup->unfold();
    readJournal(true);
    const auto started = m_progressJournal.lastMigrationStart(); // then Welcome's folder
    m_release->prefillFolder(
        {started ? started->distribution : QString(), m_state->distributionRoot});
    if (started && !started->serverUrl.isEmpty())
        m_gate->setServerUrl(started->serverUrl);
    m_gate->checkServer();
    if (!m_release->releaseFolder().isEmpty())
        startPlan();
    else
        evaluateGate();
}

void MigrationPage::readJournal(bool showBanner)
{
    const auto progress = m_state->journalProgress();
    if (progress)
        m_progressJournal = progress.value();
    if (!progress || showBanner) {
        m_resumeBanner->setText(migrationtext::resumeNotice(progress));
        m_resumeBanner->setVisible(!m_resumeBanner->text().isEmpty());
    }
}

void MigrationPage::startPlan()
{
    if (!m_state->testedProfile || m_release->isPlanning() || m_run->isRunning())
        return;
    m_release->plan(*m_state->testedProfile, m_state->targetRelease);
    updateButtons();
}

void MigrationPage::planReady()
{
    if (const auto& plan = m_release->migrationPlan(); plan && !plan->upToDate()) {
        m_run->showPlanned(*plan);
    } else if (plan && !m_run->isRunning()) {
        m_succeeded = m_succeeded || !plan->target.isNull();
        if (!m_run->hasLog())
            m_status->showState(QStringLiteral("ok"),
                                tr("\u2713 Nothing to run: continue to the After step."));
    }
    rebuildCommand();
    evaluateGate();
    if (m_outcomeToShow)
        showOutcome();
    Q_EMIT completeChanged();
}

void MigrationPage::evaluateGate()
{
    const auto& plan = m_release->migrationPlan();
    const auto& release = m_release->distribution();
    m_gateReport = m_gate->evaluate(
        m_progressJournal,
        plan && !plan->current.isNull() ? plan->current.toString()
        : m_state->inspection           ? m_state->inspection->openMetadata.version
                                        : QString(),
        release && !m_run->isRunning() ? release->root() : QString(), // ours would be found
        plan ? plan->unfinishedSteps() : QStringList());
    updateButtons();
}

void MigrationPage::rebuildCommand()
{
    m_command.reset();
    const auto& release = m_release->distribution();
    if (!release || !m_state->testedProfile) {
        m_preparer->invalidate();
        m_run->showCommand(QString());
        updateButtons();
        return;
    }
    if (m_release->isJobMode())
        m_run->showCommand(tr("Reading the deployment with kubectl…"));
    m_preparer->preview(
        {*release, *m_state->testedProfile, m_release->settings(m_run->forceChosen()),
         MigrationAction::Migrate},
        [this](const Result<ToolCommandLine>& command) {
            if (command)
                m_command = command.value();
            m_run->showCommand(command ? command->display() : command.error().toString(), !command);
            updateButtons();
        });
    updateButtons();
}

void MigrationPage::updateButtons()
{
    const bool running = m_run->isRunning();
    const bool reading = m_preparer->isBusy();
    const auto& plan = m_release->migrationPlan();
    const bool ready = plan && !plan->upToDate() && m_command && m_gateReport.passed();
    m_run->setRunnable(!running && !m_release->isPlanning() && !reading && ready && !m_succeeded,
                       ready ? QString()
                             : migrationtext::whyNotRunnable(plan.has_value(),
                                                             m_command.has_value(), m_gateReport));
    m_release->setEditable(!running, !reading);
    m_status->setNextStepEnabled(!running);
}

void MigrationPage::run(MigrationAction action)
{
    const auto& release = m_release->distribution();
    if (!release || !m_release->migrationPlan() || !m_state->testedProfile || m_run->isRunning())
        return;
    evaluateGate(); // anything may have started since the last check
    if (m_gateReport.unmet().contains(QStringLiteral("running")) || m_preparer->isBusy())
        return;
    const MigrationSettings settings = m_release->settings(m_run->forceChosen());
    const auto& plan = m_release->migrationPlan();
    if (action == MigrationAction::Migrate &&
        !confirmRun(this, m_state->testedProfile->displayName(), *plan, settings.force,
                    m_progressJournal))
        return;
    if (settings.mode == MigrationMode::KubernetesJob) // read again: it may have changed
        m_status->showState(QStringLiteral("busy"), tr("Reading the deployment with kubectl…"));
    m_preparer->prepareRun({*release, *m_state->testedProfile, settings, action},
                           [this, action, settings](const Result<ToolCommandLine>& command) {
                               startRun(action, settings, command);
                           });
    updateButtons();
}

void MigrationPage::startRun(MigrationAction action, MigrationSettings settings,
                             const Result<ToolCommandLine>& command)
{
    const auto& plan = m_release->migrationPlan();
    const bool stale = !plan || !m_release->distribution() || m_run->isRunning();
    if (stale || !command) {
        m_status->showNotStarted(stale
                                     ? tr("the release was read again meanwhile. Press Run again.")
                                     : command.error().toString(),
                                 stale);
        updateButtons();
        return;
    }
    const MigrationRecorder recorder(*m_state->testedProfile, m_state->dataFolder);
    const QString logFile = recorder.newLogFile();
    if (action == MigrationAction::Migrate) {
        const Status recorded =
            recorder.started(*plan, command.value(), logFile, m_gate->serverUrl());
        if (!recorded.ok()) {
            m_status->showNotStarted(
                tr("the journal cannot be written (%1).").arg(recorded.error().toString()));
            return;
        }
    }
    m_runningAction = action;
    m_state->distributionRoot = m_release->distribution()->root();
    settings.force = false; // the After step's reindex must not inherit --force
    m_state->migrationSettings = settings;
    m_status->hideNextStep();
    m_setup->fold(migrationtext::setupSummary(*plan, m_state->distributionRoot, settings));
    m_status->showState(QStringLiteral("busy"),
                        action == MigrationAction::Repair
                            ? tr("Running the tool's repair…")
                            : tr("Migrating… the log below follows the tool."));
    const int watchdog = property("watchdogSeconds").toInt(); // tests shorten it
    m_run->start(command.value(), *m_state->testedProfile, *plan, logFile,
                 watchdog > 0 ? watchdog : 300);
    updateButtons();
}

void MigrationPage::runFinished()
{
    const MigrationOutcome& outcome = m_run->runner()->outcome();
    const MigrationRecorder recorder(*m_state->testedProfile, m_state->dataFolder);
    static_cast<void>(m_runningAction == MigrationAction::Migrate ? recorder.ended(outcome)
                                                                  : recorder.repaired(outcome));
    readJournal(false);
    m_resumeBanner->hide(); // the run's own outcome says it now
    m_outcomeToShow = true; // shown with the plan of what the database holds now
    startPlan();
    if (!m_release->isPlanning())
        showOutcome();
}

void MigrationPage::showOutcome()
{
    m_outcomeToShow = false;
    const MigrationOutcome& outcome = m_run->runner()->outcome();
    if (m_runningAction == MigrationAction::Migrate && outcome.ending == Ending::Succeeded) {
        m_succeeded = true;
        m_state->sortMemoryFailure.reset();
        m_run->withdrawForce();
        m_status->showSucceeded(outcome);
    } else if (m_runningAction == MigrationAction::Repair) {
        m_status->showRepaired(outcome);
        m_run->setRunText(tr("&Retry migration"));
    } else {
        if (outcome.hasFailure(MigrationFailure::Kind::SortMemory))
            m_state->sortMemoryFailure = WizardState::SortMemoryFailure{};
        if (outcome.hasFailure(MigrationFailure::Kind::PartialRun))
            m_run->offerForce(false);
        m_run->setRunText(tr("&Retry"));
        m_status->showFailure(outcome); // focuses its next step's button
        scrollIntoView(m_status);
    }
    updateButtons();
    Q_EMIT completeChanged();
}

void MigrationPage::takeNextStep(MigrationFailure::NextStep step)
{
    using Step = MigrationFailure::NextStep;
    if (step == Step::BackToTuning) {
        Q_EMIT tuningRequested(); // the wizard goes back there
    } else if (step == Step::RetryWithForce) {
        m_run->offerForce(true);
        m_status->showForceConfirmation();
    } else {
        run(step == Step::Repair ? MigrationAction::Repair : MigrationAction::Migrate);
    }
}

bool MigrationPage::isComplete() const
{
    return m_succeeded && !m_run->isRunning();
}

} // namespace omu::ui

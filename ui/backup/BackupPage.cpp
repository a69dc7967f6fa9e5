#include "BackupPage.h"

#include "backup/BackupRecorder.h"
#include "backup/BackupRestorer.h"
#include "backup/BackupTask.h"
#include "backup/BackupVerifier.h"
#include "backup/BackupWriter.h"
#include "BackupProgressPanel.h"
#include "BackupResultText.h"
#include "BackupTargetForm.h"
#include "common/Markup.h"
#include "common/PageLayout.h"
#include "common/ResultBanner.h"
#include "OwnBackupField.h"
#include "RestoreBox.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace omu::ui {

using markup::escaped;

BackupPage::BackupPage(WizardState* state, QWidget* parent)
    : QWizardPage(parent), m_state(state), m_job(new BackupTask(this))
{
    setObjectName(QStringLiteral("backupPage"));
    setTitle(tr("Back up the metadata database"));
    setSubTitle(tr("A backup you can restore comes first. The file also works with OpenMetadata's "
                   "own <tt>metadata restore</tt>."));

    m_sourceLabel = new QLabel(this);
    m_sourceLabel->setObjectName(QStringLiteral("sourceLabel"));
    m_sourceLabel->setWordWrap(true);
    m_target = new BackupTargetForm(this);

    m_backupButton = new QPushButton(tr("Back &up"), this);
    m_backupButton->setObjectName(QStringLiteral("backupButton"));
    m_backupButton->setDefault(true);
    m_cancelButton = new QPushButton(tr("&Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->hide();
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_backupButton);
    buttons->addWidget(m_cancelButton);
    buttons->addStretch(1);
    m_progressBox = new BackupProgressPanel(this);
    m_result =
        new ResultBanner(QStringLiteral("resultFrame"), QStringLiteral("backupResult"), this);
    m_ownBackup = new OwnBackupField(this);
    m_restoreToggle = new QCheckBox(tr("Restore a backup into this database instead\u2026"), this);
    m_restoreToggle->setObjectName(QStringLiteral("restoreToggle"));
    m_restoreBox = new RestoreBox(this);
    m_restoreBox->hide();

    // Scrolls rather than squeeze the restore sentence when the result and restore are open.
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->addWidget(m_sourceLabel);
    layout->addWidget(m_target);
    layout->addLayout(buttons);
    for (QWidget* widget : std::initializer_list<QWidget*>{m_progressBox, m_result, m_ownBackup,
                                                           m_restoreToggle, m_restoreBox})
        layout->addWidget(widget);
    layout->addStretch(1);
    setScrollingContent(this, content);

    connect(m_target, &BackupTargetForm::usableChanged, this, &BackupPage::folderChanged);
    connect(m_backupButton, &QPushButton::clicked, this, &BackupPage::startBackup);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        m_job->cancel();
        m_cancelButton->setEnabled(false);
        m_cancelButton->setText(tr("Cancelling\u2026"));
    });
    connect(m_job, &BackupTask::started, m_progressBox, &QWidget::show);
    connect(m_job, &BackupTask::progressed, this,
            [this] { m_progressBox->showProgress(m_job->progress(), m_restoring); });
    connect(m_job, &BackupTask::finished, this, &BackupPage::jobFinished);
    connect(m_ownBackup, &OwnBackupField::changed, this, &BackupPage::completeChanged);
    connect(m_restoreToggle, &QCheckBox::toggled, m_restoreBox, &QWidget::setVisible);
    connect(m_restoreBox, &RestoreBox::inputChanged, this, &BackupPage::updateRestoreButton);
    connect(m_restoreBox, &RestoreBox::restoreRequested, this, &BackupPage::startRestore);

    m_result->showState(QStringLiteral("idle"),
                        tr("No backup taken yet. Choose a folder and press <b>Back up</b>."));
}

BackupPage::~BackupPage() = default;

void BackupPage::initializePage()
{
    if (!m_state->testedProfile) {
        m_sourceLabel->setText(tr("<b>Test the connection first</b> (go back one step): the "
                                  "backup uses it."));
        m_backupButton->setEnabled(false);
        return;
    }
    const ConnectionProfile source = profile();
    m_sourceLabel->setText(backuptext::sourceHtml(
        source.displayName(), backuptext::versionText(m_state->inspection), databaseBytes()));
    m_restoreBox->setTargetDatabase(source.database);
    m_target->prepare(databaseBytes());
    updateRestoreButton();
    m_backupButton->setFocus();
    reuseRecordedBackup();
}

void BackupPage::reuseRecordedBackup()
{
    if (hasVerifiedBackup() || !m_state->inspection || m_job->isRunning())
        return;
    const auto progress = JournalProgress::forDeployment(profile(), m_state->dataFolder);
    const auto kept = progress ? progress->reusableBackup(m_state->inspection->openMetadata.version)
                               : std::nullopt;
    if (!kept)
        return;
    m_verifiedFor = profile();
    m_result->showState(QStringLiteral("ok"), backuptext::reusedHtml(*kept));
    Q_EMIT completeChanged();
}

void BackupPage::folderChanged()
{
    m_backupButton->setEnabled(m_target->usable() && m_state->testedProfile && !m_job->isRunning());
}

void BackupPage::updateRestoreButton()
{
    m_restoreBox->updateButton(!m_job->isRunning());
}

void BackupPage::startBackup()
{
    if (!m_state->testedProfile || m_job->isRunning())
        return;
    const BackupOptions options = m_target->options();
    const bool deep = m_target->deep();
    const ConnectionProfile source = profile();
    auto outcome = std::make_shared<backuptext::BackupRun>();
    m_outcome = outcome;
    m_restoring = false;
    m_verifiedFor.reset();
    setBusy(true);
    m_result->showState(QStringLiteral("busy"),
                        tr("Backing up %1 \u2026").arg(escaped(source.displayName())));
    m_job->start([outcome, source, options, deep](const ProgressCallback& progress,
                                                  const CancelToken& cancel) {
        outcome->backup = BackupWriter::run(source, options, progress, cancel);
        if (outcome->backup.ending != Ending::Succeeded)
            return;
        outcome->verify =
            deep ? BackupVerifier::deep(source, outcome->backup.file, {}, progress, cancel)
                 : BackupVerifier::quick(outcome->backup.file, outcome->backup.manifestFile,
                                         progress, cancel);
    });
    Q_EMIT completeChanged();
}

void BackupPage::startRestore()
{
    if (!m_state->testedProfile || m_job->isRunning() || !m_restoreBox->confirmed())
        return;
    const QString file = m_restoreBox->file();
    const ConnectionProfile target = profile();
    auto outcome = std::make_shared<backuptext::BackupRun>();
    m_outcome = outcome;
    m_restoring = true;
    setBusy(true);
    m_result->showState(QStringLiteral("busy"), tr("Restoring %1 into %2 \u2026")
                                                    .arg(escaped(QFileInfo(file).fileName()),
                                                         escaped(target.displayName())));
    m_job->start(
        [outcome, target, file](const ProgressCallback& progress, const CancelToken& cancel) {
            outcome->restored =
                BackupRestorer::restore(target, file, RestoreOptions{}, progress, cancel);
        });
    m_restoreBox->clearConfirmation();
    Q_EMIT completeChanged();
}

void BackupPage::jobFinished()
{
    setBusy(false);
    if (m_outcome) {
        Ending ending = Ending::Failed;
        QString summary;
        if (m_restoring) {
            ending = m_outcome->restored.ending;
            summary = backuptext::restoreEndingSummary(m_outcome->restored);
            showRestoreOutcome(*m_outcome);
        } else {
            summary =
                backuptext::backupEndingSummary(m_outcome->backup, m_outcome->verify, &ending);
            showBackupOutcome(*m_outcome);
        }
        m_progressBox->showEnding(ending, summary, m_job->progress());
    }
    m_target->prepare(databaseBytes()); // the free space changed
    updateRestoreButton();
    Q_EMIT completeChanged();
}

void BackupPage::showBackupOutcome(const backuptext::BackupRun& outcome)
{
    const BackupOutcome& backup = outcome.backup;
    if (backup.ending != Ending::Succeeded) {
        QString state;
        const QString html = backuptext::backupProblemHtml(backup, &state);
        m_result->showState(state, html);
        return;
    }
    // The name is taken now; offer a fresh one for the next backup.
    m_target->renewFileName();
    const VerifyReport verify = outcome.verify.value_or(VerifyReport{});
    const QString summary = backuptext::backupSummary(backup);
    if (!verify.verified) {
        QString state;
        const QString html = backuptext::unverifiedHtml(summary, verify, &state);
        m_result->showState(state, html);
        return;
    }
    m_verifiedFor = profile();
    const Status journaled =
        BackupRecorder(profile(), m_state->dataFolder)
            .verified(backup.file, backup.manifest, verify.deep, QStringLiteral("wizard"));
    m_result->showState(QStringLiteral("ok"),
                        backuptext::verifiedHtml(summary, verify, backup, journaled));
}

void BackupPage::showRestoreOutcome(const backuptext::BackupRun& outcome)
{
    const RestoreOutcome& restored = outcome.restored;
    if (restored.ending != Ending::Succeeded) {
        QString state;
        const QString html = backuptext::restoreProblemHtml(restored, &state);
        m_result->showState(state, html);
        return;
    }
    const Status journaled = BackupRecorder(profile(), m_state->dataFolder)
                                 .restored(m_restoreBox->file(), restored.rows,
                                           restored.fileVerified, restored.backupVersion);
    m_result->showState(
        QStringLiteral("ok"),
        backuptext::restoredHtml(restored, profile().displayName(), journaled.ok()));
}

bool BackupPage::isComplete() const
{
    return !m_job->isRunning() && (hasVerifiedBackup() || !m_ownBackup->description().isEmpty());
}

bool BackupPage::validatePage()
{
    if (hasVerifiedBackup())
        return true; // recorded when it was verified
    const Status journaled = m_ownBackup->record(
        profile(), m_state->dataFolder,
        m_state->inspection ? m_state->inspection->openMetadata.version : QString());
    if (!journaled) {
        m_result->showState(
            QStringLiteral("failed"),
            backuptext::errorHtml(tr("Your backup could not be recorded in the upgrade journal"),
                                  journaled.error()));
        return false;
    }
    return true;
}

void BackupPage::setBusy(bool busy)
{
    m_target->setEditable(!busy);
    m_ownBackup->setEditable(!busy);
    m_restoreToggle->setEnabled(!busy);
    m_restoreBox->setEnabled(!busy);
    m_backupButton->setEnabled(!busy);
    m_backupButton->setVisible(!busy);
    m_cancelButton->setVisible(busy);
    m_cancelButton->setEnabled(busy);
    m_cancelButton->setText(tr("&Cancel"));
    if (busy) {
        m_progressBox->reset();
        m_cancelButton->setFocus();
    } else {
        m_backupButton->setFocus();
    }
}

bool BackupPage::hasVerifiedBackup() const
{
    // A later test of other fields makes it stale.
    return m_verifiedFor && m_state->testedProfile && *m_verifiedFor == *m_state->testedProfile;
}

} // namespace omu::ui

#include "AfterPage.h"

#include "after/AfterUpgrade.h"
#include "AfterServerBox.h"
#include "common/AsyncTask.h"
#include "common/Markup.h"
#include "common/PageLayout.h"
#include "IngestionLinesBox.h"
#include "ReportBox.h"
#include "rollback/RollbackPanel.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <memory>

namespace omu::ui {

using markup::escaped;

AfterPage::AfterPage(WizardState* state, QWidget* parent)
    : QWizardPage(parent), m_state(state), m_worker(new AsyncTask(this)),
      m_reverter(defaultTuningReverter())
{
    setObjectName(QStringLiteral("afterPage"));
    setTitle(tr("Finish the upgrade"));
    setSubTitle(tr("Check the result, put the tuning back, bring search and the ingestion clients "
                   "up to date, and keep a report."));
    setFinalPage(true);

    auto* databaseBox = new QGroupBox(tr("1. The database"), this);
    m_verifyLabel = resultLine("verifyLabel", databaseBox);
    auto* databaseLayout = new QVBoxLayout(databaseBox);
    databaseLayout->addWidget(m_verifyLabel);
    auto* tuningBox = new QGroupBox(tr("2. Put the tuning back"), this);
    m_tuningLabel = resultLine("tuningRevertLabel", tuningBox);
    m_revertButton = new QPushButton(tr("Revert t&uning"), tuningBox);
    m_revertButton->setObjectName(QStringLiteral("revertTuningButton"));
    auto* tuningLayout = new QHBoxLayout(tuningBox);
    tuningLayout->addWidget(m_tuningLabel, 1);
    tuningLayout->addWidget(m_revertButton, 0, Qt::AlignTop);
    m_serverBox = new AfterServerBox(m_state, this);
    m_ingestionBox = new IngestionLinesBox(m_state, this);
    m_reportBox = new ReportBox(
        m_state, [this] { return QStringList{m_serverBox->botToken()}; }, this);

    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    for (QWidget* box : {static_cast<QWidget*>(databaseBox), static_cast<QWidget*>(tuningBox),
                         static_cast<QWidget*>(m_serverBox), static_cast<QWidget*>(m_ingestionBox),
                         static_cast<QWidget*>(m_reportBox)})
        layout->addWidget(box);
    auto* rollback = new RollbackPanel(m_state, RollbackPanel::When::BackupAvailable, this);
    layout->addWidget(rollback);
    layout->addStretch(1);
    setScrollingContent(this, content);
    connect(m_revertButton, &QPushButton::clicked, this, &AfterPage::revertTuning);
    // Rolled back: the database, the tuning and the report are read again.
    connect(rollback, &RollbackPanel::rolledBack, this, &AfterPage::initializePage);
}

AfterRecorder AfterPage::recorder() const
{
    return AfterRecorder(*m_state->testedProfile, m_state->dataFolder);
}

void AfterPage::initializePage()
{
    if (!m_state->testedProfile) {
        showOnLine(m_verifyLabel, QStringLiteral("failed"), tr("Test the connection first."));
        return;
    }
    const auto progress = m_state->journalProgress();
    const auto started = progress ? progress->lastMigrationStart() : std::nullopt;
    m_target = started ? started->target : QString();
    m_targetSchema = started ? started->targetSchema : QString();
    m_distributionRoot = started && !started->distribution.isEmpty() ? started->distribution
                                                                     : m_state->distributionRoot;
    if (m_target.isEmpty())
        m_target = m_state->targetRelease;
    m_serverBox->prepare(m_target, started ? started->serverUrl : QString());
    m_reportBox->prepare();
    verifyDatabase();
    showTuning();
    m_ingestionBox->showLines(m_target);
}

void AfterPage::verifyDatabase()
{
    showOnLine(m_verifyLabel, QString(), tr("Reading SERVER_CHANGE_LOG…"));
    auto result = std::make_shared<std::optional<Result<AfterUpgrade::Verification>>>();
    const ConnectionProfile profile = *m_state->testedProfile;
    const QString target = m_target;
    const QString schema = m_targetSchema;
    const QString release = m_distributionRoot;
    m_worker->start(
        [result, profile, target, schema, release](const CancelToken&) {
            // Without the journal's word, the release folder says what the target ships.
            *result = AfterUpgrade::verify(
                profile, target,
                schema.isEmpty() ? AfterUpgrade::shippedMigration(release, profile.engine, target)
                                 : schema);
        },
        [this, result, target] {
            const auto& outcome = **result;
            if (!outcome) {
                showOnLine(m_verifyLabel, QStringLiteral("failed"),
                           tr("\u2717 Cannot read the database: %1")
                               .arg(escaped(outcome.error().toString())));
                return;
            }
            static_cast<void>(recorder().verified(target, outcome.value()));
            if (outcome->undetermined) // neither a check mark nor a failure: say what is missing
                showOnLine(m_verifyLabel, QStringLiteral("stale"),
                           QStringLiteral("\u26a0 ") + escaped(outcome->message) +
                               tr(" Choose the release folder on Start, then come back to check."));
            else
                showOnLine(
                    m_verifyLabel,
                    outcome->holdsTarget ? QStringLiteral("ok") : QStringLiteral("failed"),
                    (outcome->holdsTarget ? QStringLiteral("\u2713 ") : QStringLiteral("\u2717 ")) +
                        escaped(outcome->message) +
                        (outcome->holdsTarget ? QString() : tr(" Go back to Migration.")));
            revertTuningIfMigrated(outcome->holdsTarget);
        });
}

void AfterPage::showTuning()
{
    const auto progress = m_state->journalProgress();
    if (!progress) {
        showOnLine(m_tuningLabel, QStringLiteral("failed"), escaped(progress.error().toString()));
        m_revertButton->setEnabled(false);
        return;
    }
    const JournalProgress::TuningSummary tuning = progress->tuningSummary();
    const QString& parameter = tuning.parameter;
    if (progress->tuningToRevert()) {
        showOnLine(
            m_tuningLabel, QStringLiteral("stale"),
            tr("%1 is still raised to %2 for the migration; it was %3. It is put back by itself "
               "once the database is verified to hold %4.")
                .arg(escaped(parameter), escaped(tuning.applied), escaped(tuning.original),
                     escaped(m_target)));
        m_revertButton->setEnabled(true);
        m_revertButton->setFocus(); // the first thing still to do
    } else {
        showOnLine(m_tuningLabel, QStringLiteral("ok"),
                   tuning.reverted
                       ? tr("\u2713 %1 is back to its original value.").arg(escaped(parameter))
                       : tr("\u2713 Nothing to put back: omupgrade changed no setting."));
        m_revertButton->setEnabled(false);
    }
}

void AfterPage::revertTuningIfMigrated(bool databaseHoldsTarget)
{
    if (m_reverting)
        return; // the user pressed Revert while the database was being read
    const auto progress = m_state->journalProgress();
    if (!progress || !progress->tuningToRevert())
        return;
    if (!databaseHoldsTarget) {
        // A failed or partial migration may be retried, and the retry needs the raised value.
        showOnLine(m_tuningLabel, QStringLiteral("stale"),
                   m_tuningLabel->text() + QStringLiteral("<br>") +
                       tr("Kept for now: the database does not hold %1 yet, and a retry of the "
                          "migration needs the raised value. Revert it yourself if you give up.")
                           .arg(escaped(m_target)));
        return;
    }
    m_automaticRevert = true;
    revertTuning();
}

void AfterPage::revertTuning()
{
    if (m_reverting)
        return;
    m_reverting = true;
    m_revertButton->setEnabled(false);
    showOnLine(m_tuningLabel, QString(), tr("Putting the original value back…"));
    auto result = std::make_shared<std::optional<Result<TuningRevertOutcome>>>();
    const ConnectionProfile profile = *m_state->testedProfile;
    const QString dataFolder = m_state->dataFolder;
    const TuningReverter reverter = m_reverter;
    m_worker->start([result, profile, dataFolder,
                     reverter](const CancelToken&) { *result = reverter(profile, dataFolder); },
                    [this, result] {
                        m_reverting = false;
                        static_cast<void>(recorder().tuningReverted(**result));
                        if (!**result) {
                            showOnLine(m_tuningLabel, QStringLiteral("failed"),
                                       tr("\u2717 Could not put it back: %1")
                                           .arg(escaped((*result)->error().toString())));
                            m_revertButton->setEnabled(true);
                            m_automaticRevert = false;
                            return;
                        }
                        showTuning();
                        QString note = escaped((*result)->value().message);
                        if (m_automaticRevert)
                            note = tr("Put back automatically, since the database now holds %1.")
                                       .arg(escaped(m_target)) +
                                   QStringLiteral(" ") + note;
                        m_tuningLabel->setText(m_tuningLabel->text() + QStringLiteral("<br>") +
                                               note);
                        m_automaticRevert = false;
                    });
}

} // namespace omu::ui

#include "AfterServerBox.h"

#include "after/AfterRecorder.h"
#include "common/GridRows.h"
#include "common/Markup.h"
#include "common/PageLayout.h"
#include "journal/JournalProgress.h"
#include "migration/MigrationCommandPreparer.h"
#include "migration/MigrationRecorder.h"
#include "migration/MigrationRunner.h"
#include "migration/OpenMetadataServerClient.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace omu::ui {

using markup::escaped;

AfterServerBox::AfterServerBox(const WizardState* state, QWidget* parent)
    : QGroupBox(tr("3. Start the new server, then check it"), parent), m_state(state),
      m_server(new OpenMetadataServerClient(this)), m_opsRunner(new MigrationRunner(this)),
      m_preparer(new MigrationCommandPreparer(this))
{
    m_urlEdit = new QLineEdit(QStringLiteral("http://localhost:8585"), this);
    m_urlEdit->setObjectName(QStringLiteral("afterServerUrlEdit"));
    m_checkVersionButton = new QPushButton(tr("Check &version"), this);
    m_checkVersionButton->setObjectName(QStringLiteral("checkVersionButton"));
    m_versionLabel = resultLine("serverVersionLabel", this);
    m_botTokenEdit = new QLineEdit(this);
    m_botTokenEdit->setObjectName(QStringLiteral("botTokenEdit"));
    m_botTokenEdit->setEchoMode(QLineEdit::Password);
    m_botTokenEdit->setPlaceholderText(tr("the ingestion bot's JWT (Settings > Bots)"));
    m_reindexButton = new QPushButton(tr("Trigger &reindex"), this);
    m_reindexButton->setObjectName(QStringLiteral("reindexButton"));
    m_opsReindexButton = new QPushButton(tr("Reindex with the &ops script"), this);
    m_opsReindexButton->setObjectName(QStringLiteral("opsReindexButton"));
    m_opsReindexButton->setToolTip(
        tr("Runs openmetadata-ops.sh reindex (1.3 and later) where the migration ran; no token "
           "needed."));
    m_reindexLabel = resultLine("reindexLabel", this);
    // A grid, not a form: a form leaves gaps under wrapped labels.
    auto* grid = new QGridLayout(this);
    grid->setColumnStretch(1, 1);
    addLabelledRow(grid, 0, tr("S&erver:"), m_urlEdit);
    grid->addWidget(m_checkVersionButton, 0, 2);
    grid->addWidget(m_versionLabel, 1, 1, 1, 2);
    addLabelledRow(grid, 2, tr("Bot &token:"), m_botTokenEdit);
    grid->addWidget(m_reindexButton, 2, 2);
    grid->addWidget(new QLabel(tr("or, without a token, from the release itself:"), this), 3, 1,
                    Qt::AlignRight);
    grid->addWidget(m_opsReindexButton, 3, 2);
    grid->addWidget(m_reindexLabel, 4, 1, 1, 2);

    connect(m_checkVersionButton, &QPushButton::clicked, this, &AfterServerBox::checkVersion);
    connect(m_reindexButton, &QPushButton::clicked, this, &AfterServerBox::triggerReindex);
    connect(m_opsReindexButton, &QPushButton::clicked, this, &AfterServerBox::reindexWithOpsScript);
    connect(m_opsRunner, &MigrationRunner::finished, this, &AfterServerBox::opsReindexFinished);
    connect(m_server, &OpenMetadataServerClient::versionChecked, this,
            [this](const OpenMetadataServerClient::VersionAnswer& answer) {
                m_checkVersionButton->setEnabled(true);
                static_cast<void>(AfterRecorder(*m_state->testedProfile, m_state->dataFolder)
                                      .serverVersion(m_urlEdit->text(), m_target, answer));
                const auto wanted = Version::parse(m_target);
                const auto seen = Version::parse(answer.version);
                if (wanted && seen && *wanted == *seen)
                    showOnLine(
                        m_versionLabel, QStringLiteral("ok"),
                        tr("\u2713 The server runs OpenMetadata %1.").arg(escaped(answer.version)));
                else if (!answer.version.isEmpty())
                    showOnLine(m_versionLabel, QStringLiteral("failed"),
                               tr("\u2717 The server reports %1, not %2: it still runs the old "
                                  "release. Start the new one.")
                                   .arg(escaped(answer.version), escaped(m_target)));
                else
                    showOnLine(m_versionLabel, QStringLiteral("stale"),
                               tr("No answer yet (%1). Start the new server, wait until it is up, "
                                  "and check again.")
                                   .arg(escaped(answer.error)));
            });
    connect(m_server, &OpenMetadataServerClient::reindexTriggered, this,
            [this](const OpenMetadataServerClient::ReindexAnswer& answer) {
                m_reindexButton->setEnabled(true);
                static_cast<void>(AfterRecorder(*m_state->testedProfile, m_state->dataFolder)
                                      .reindexed(QStringLiteral("api"), answer));
                showOnLine(
                    m_reindexLabel,
                    answer.triggered ? QStringLiteral("ok") : QStringLiteral("failed"),
                    (answer.triggered ? QStringLiteral("\u2713 ") : QStringLiteral("\u2717 ")) +
                        escaped(answer.message));
            });
}

void AfterServerBox::prepare(const QString& target, const QString& serverUrl)
{
    m_target = target;
    if (!serverUrl.isEmpty())
        m_urlEdit->setText(serverUrl);
    showOnLine(
        m_versionLabel, QString(),
        tr("Start the new release's server (it must run %1), then check.").arg(escaped(target)));
    showOnLine(m_reindexLabel, QString(),
               tr("The search indexes are rebuilt from the database; from 1.2 on this is a must."));
}

QString AfterServerBox::botToken() const
{
    return m_botTokenEdit->text();
}

void AfterServerBox::checkVersion()
{
    const QUrl url = OpenMetadataServerClient::normalise(m_urlEdit->text());
    if (!url.isValid()) {
        showOnLine(m_versionLabel, QStringLiteral("failed"), tr("Type the server's URL."));
        return;
    }
    m_checkVersionButton->setEnabled(false);
    showOnLine(m_versionLabel, QString(), tr("Asking %1…").arg(escaped(url.toString())));
    m_server->checkVersion(url, 10000);
}

void AfterServerBox::triggerReindex()
{
    const QUrl url = OpenMetadataServerClient::normalise(m_urlEdit->text());
    if (!url.isValid() || m_botTokenEdit->text().trimmed().isEmpty()) {
        showOnLine(m_reindexLabel, QStringLiteral("failed"),
                   tr("The server's URL and the ingestion bot's token are both needed."));
        return;
    }
    m_reindexButton->setEnabled(false);
    showOnLine(m_reindexLabel, QString(), tr("Triggering the Search Indexing application…"));
    m_server->triggerReindex(url, m_botTokenEdit->text(), 15000);
}

void AfterServerBox::reindexWithOpsScript()
{
    if (m_opsRunner->isRunning())
        return;
    // Where and how the migration ran: this session's choices, or the journal's record.
    QString root = m_state->distributionRoot;
    const MigrationSettings settings = m_state->migrationSettings.value_or(MigrationSettings{});
    if (root.isEmpty() || !m_state->migrationSettings) {
        const auto progress = m_state->journalProgress();
        if (const auto started = progress ? progress->lastMigrationStart() : std::nullopt) {
            root = started->distribution;
            const auto mode = migrationModeFromName(started->mode);
            if (mode && *mode != MigrationMode::Bare) {
                showOnLine(m_reindexLabel, QStringLiteral("failed"),
                           tr("The migration ran in %1 mode in an earlier session; run the "
                              "reindex the same way from a terminal: <code>omupgrade migrate "
                              "--reindex --distribution %2 --mode %1 …</code>")
                               .arg(escaped(started->mode), escaped(root)));
                return;
            }
        }
    }
    if (root.isEmpty()) {
        showOnLine(m_reindexLabel, QStringLiteral("failed"),
                   tr("No release folder is known: the migration did not run from this wizard. "
                      "Use the Search Indexing application instead (bot token above)."));
        return;
    }
    const auto distribution = OpenMetadataDistribution::read(root);
    if (!distribution) {
        showOnLine(m_reindexLabel, QStringLiteral("failed"),
                   tr("\u2717 %1").arg(escaped(distribution.error().toString())));
        return;
    }
    m_opsReindexButton->setEnabled(false);
    m_reindexButton->setEnabled(false);
    showOnLine(m_reindexLabel, QString(), tr("Preparing openmetadata-ops.sh reindex…"));
    m_preparer->prepareRun(
        {distribution.value(), *m_state->testedProfile, settings, MigrationAction::Reindex},
        [this](const Result<ToolCommandLine>& command) {
            if (!command) {
                m_opsReindexButton->setEnabled(true);
                m_reindexButton->setEnabled(true);
                showOnLine(m_reindexLabel, QStringLiteral("failed"),
                           tr("\u2717 %1").arg(escaped(command.error().toString())));
                return;
            }
            MigrationRunner::Options options; // no SERVER_CHANGE_LOG to follow
            options.logFile =
                MigrationRecorder(*m_state->testedProfile, m_state->dataFolder).newLogFile();
            showOnLine(m_reindexLabel, QString(),
                       tr("Running openmetadata-ops.sh reindex… (log: %1)")
                           .arg(escaped(QFileInfo(options.logFile).fileName())));
            m_opsRunner->start(command.value(), options);
        });
}

void AfterServerBox::opsReindexFinished()
{
    const MigrationOutcome& outcome = m_opsRunner->outcome();
    m_opsReindexButton->setEnabled(true);
    m_reindexButton->setEnabled(true);
    OpenMetadataServerClient::ReindexAnswer answer;
    answer.triggered = outcome.ending == Ending::Succeeded;
    const QString lastLine = outcome.logTail.isEmpty() ? QString() : outcome.logTail.last();
    answer.message =
        answer.triggered
            ? tr("openmetadata-ops.sh reindex finished: the search indexes are rebuilt.")
        : !outcome.startError.isEmpty()
            ? tr("openmetadata-ops.sh reindex could not start: %1").arg(outcome.startError)
            : tr("openmetadata-ops.sh reindex failed (exit code %1). Last line: %2")
                  .arg(outcome.exitCode)
                  .arg(lastLine);
    static_cast<void>(AfterRecorder(*m_state->testedProfile, m_state->dataFolder)
                          .reindexed(QStringLiteral("ops"), answer));
    showOnLine(m_reindexLabel, answer.triggered ? QStringLiteral("ok") : QStringLiteral("failed"),
               (answer.triggered ? QStringLiteral("\u2713 ") : QStringLiteral("\u2717 ")) +
                   escaped(answer.message) +
                   tr(" (log: %1)").arg(escaped(QFileInfo(outcome.logFile).fileName())));
    m_reindexLabel->setToolTip(outcome.logFile);
}

} // namespace omu::ui

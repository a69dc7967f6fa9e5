#include "AfterPage.h"

#include "journal/JournalProgress.h"
#include "journal/UpgradeReport.h"
#include "migration/AfterUpgrade.h"
#include "migration/MigrationCommand.h"
#include "migration/MigrationJournal.h"
#include "migration/MigrationRunner.h"
#include "migration/OpenMetadataDistribution.h"
#include "migration/OpenMetadataServerClient.h"
#include "migration/WorkerCall.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <memory>

namespace omu::ui {

namespace {

QString escaped(const QString& text)
{
    return text.toHtmlEscaped();
}

QLabel* resultLabel(QWidget* parent, const char* name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QLatin1String(name));
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Never squeezed below its text (the page scrolls instead).
    label->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    return label;
}

QString describeSetting(const QJsonValue& value)
{
    const QJsonObject object = value.toObject();
    if (object.contains(QStringLiteral("set")) && !object.value(QStringLiteral("set")).toBool())
        return QObject::tr("not set (the server's default)");
    const QString text = object.value(QStringLiteral("value")).toString();
    return text.isEmpty() ? QObject::tr("unknown") : text;
}

} // namespace

AfterPage::AfterPage(WizardState* state, QWidget* parent)
    : QWizardPage(parent), m_state(state), m_worker(new WorkerCall(this)),
      m_server(new OpenMetadataServerClient(this)), m_reverter(defaultTuningReverter()),
      m_opsRunner(new MigrationRunner(this))
{
    setObjectName(QStringLiteral("afterPage"));
    setTitle(tr("Finish the upgrade"));
    setSubTitle(tr("Check the result, put the tuning back, bring search and the ingestion clients "
                   "up to date, and keep a report."));
    setFinalPage(true);

    // 1. The database.
    auto* databaseBox = new QGroupBox(tr("1. The database"), this);
    m_verifyLabel = resultLabel(databaseBox, "verifyLabel");
    auto* databaseLayout = new QVBoxLayout(databaseBox);
    databaseLayout->addWidget(m_verifyLabel);

    // 2. Tuning.
    auto* tuningBox = new QGroupBox(tr("2. Put the tuning back"), this);
    m_tuningLabel = resultLabel(tuningBox, "tuningRevertLabel");
    m_revertButton = new QPushButton(tr("Re&vert tuning"), tuningBox);
    m_revertButton->setObjectName(QStringLiteral("revertTuningButton"));
    auto* tuningLayout = new QHBoxLayout(tuningBox);
    tuningLayout->addWidget(m_tuningLabel, 1);
    tuningLayout->addWidget(m_revertButton, 0, Qt::AlignTop);

    // 3. The new server.
    auto* serverBox = new QGroupBox(tr("3. Start the new server, then check it"), this);
    m_serverUrlEdit = new QLineEdit(QStringLiteral("http://localhost:8585"), serverBox);
    m_serverUrlEdit->setObjectName(QStringLiteral("afterServerUrlEdit"));
    m_checkVersionButton = new QPushButton(tr("Check &version"), serverBox);
    m_checkVersionButton->setObjectName(QStringLiteral("checkVersionButton"));
    m_serverVersionLabel = resultLabel(serverBox, "serverVersionLabel");
    m_botTokenEdit = new QLineEdit(serverBox);
    m_botTokenEdit->setObjectName(QStringLiteral("botTokenEdit"));
    m_botTokenEdit->setEchoMode(QLineEdit::Password);
    m_botTokenEdit->setPlaceholderText(tr("the ingestion bot's JWT (Settings > Bots)"));
    m_reindexButton = new QPushButton(tr("Trigger &reindex"), serverBox);
    m_reindexButton->setObjectName(QStringLiteral("reindexButton"));
    m_opsReindexButton = new QPushButton(tr("Reindex with the &ops script"), serverBox);
    m_opsReindexButton->setObjectName(QStringLiteral("opsReindexButton"));
    m_opsReindexButton->setToolTip(
        tr("Runs openmetadata-ops.sh reindex (1.3 and later) where the migration ran; no token "
           "needed."));
    m_reindexLabel = resultLabel(serverBox, "reindexLabel");
    // A grid, not a form: a form leaves gaps under wrapped labels.
    auto* serverForm = new QGridLayout(serverBox);
    serverForm->setColumnStretch(1, 1);
    auto* urlLabel = new QLabel(tr("Ser&ver:"), serverBox);
    urlLabel->setBuddy(m_serverUrlEdit);
    serverForm->addWidget(urlLabel, 0, 0);
    serverForm->addWidget(m_serverUrlEdit, 0, 1);
    serverForm->addWidget(m_checkVersionButton, 0, 2);
    serverForm->addWidget(m_serverVersionLabel, 1, 1, 1, 2);
    auto* tokenLabel = new QLabel(tr("Bot &token:"), serverBox);
    tokenLabel->setBuddy(m_botTokenEdit);
    serverForm->addWidget(tokenLabel, 2, 0);
    serverForm->addWidget(m_botTokenEdit, 2, 1);
    serverForm->addWidget(m_reindexButton, 2, 2);
    auto* orLabel = new QLabel(tr("or, without a token, from the release itself:"), serverBox);
    serverForm->addWidget(orLabel, 3, 1, Qt::AlignRight);
    serverForm->addWidget(m_opsReindexButton, 3, 2);
    serverForm->addWidget(m_reindexLabel, 4, 1, 1, 2);

    // 4. Ingestion clients.
    auto* ingestionBox = new QGroupBox(tr("4. Upgrade the ingestion clients"), this);
    m_workflowsEdit = new QLineEdit(ingestionBox);
    m_workflowsEdit->setObjectName(QStringLiteral("afterWorkflowsEdit"));
    m_workflowsEdit->setPlaceholderText(tr("folder of your ingestion workflow YAMLs (optional)"));
    auto* browseWorkflows = new QPushButton(tr("Browse…"), ingestionBox);
    m_ingestionButton = new QPushButton(tr("&Show commands"), ingestionBox);
    m_ingestionButton->setObjectName(QStringLiteral("ingestionButton"));
    m_pipLines = new QPlainTextEdit(ingestionBox);
    m_pipLines->setObjectName(QStringLiteral("pipLines"));
    m_pipLines->setReadOnly(true);
    m_pipLines->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pipLines->setMaximumHeight(110);
    m_copyPipButton = new QPushButton(tr("&Copy"), ingestionBox);
    m_copyPipButton->setObjectName(QStringLiteral("copyPipButton"));
    auto* workflowsRow = new QHBoxLayout;
    workflowsRow->addWidget(m_workflowsEdit, 1);
    workflowsRow->addWidget(browseWorkflows);
    workflowsRow->addWidget(m_ingestionButton);
    auto* pipRow = new QHBoxLayout;
    pipRow->addWidget(m_pipLines, 1);
    pipRow->addWidget(m_copyPipButton, 0, Qt::AlignTop);
    auto* ingestionLayout = new QVBoxLayout(ingestionBox);
    ingestionLayout->addLayout(workflowsRow);
    ingestionLayout->addLayout(pipRow);

    // 5. Report.
    auto* reportBox = new QGroupBox(tr("5. Keep a report"), this);
    m_reportFolderEdit = new QLineEdit(reportBox);
    m_reportFolderEdit->setObjectName(QStringLiteral("reportFolderEdit"));
    m_writeReportButton = new QPushButton(tr("&Write report"), reportBox);
    m_writeReportButton->setObjectName(QStringLiteral("writeReportButton"));
    m_reportLabel = resultLabel(reportBox, "reportLabel");
    auto* reportRow = new QHBoxLayout;
    reportRow->addWidget(m_reportFolderEdit, 1);
    reportRow->addWidget(m_writeReportButton);
    auto* reportLayout = new QVBoxLayout(reportBox);
    reportLayout->addLayout(reportRow);
    reportLayout->addWidget(m_reportLabel);

    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    for (QWidget* box : {static_cast<QWidget*>(databaseBox), static_cast<QWidget*>(tuningBox),
                         static_cast<QWidget*>(serverBox), static_cast<QWidget*>(ingestionBox),
                         static_cast<QWidget*>(reportBox)})
        layout->addWidget(box);
    layout->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    connect(m_revertButton, &QPushButton::clicked, this, &AfterPage::revertTuning);
    connect(m_checkVersionButton, &QPushButton::clicked, this, &AfterPage::checkServerVersion);
    connect(m_reindexButton, &QPushButton::clicked, this, &AfterPage::triggerReindex);
    connect(m_opsReindexButton, &QPushButton::clicked, this, &AfterPage::reindexWithOpsScript);
    connect(m_opsRunner, &MigrationRunner::finished, this, &AfterPage::opsReindexFinished);
    connect(m_ingestionButton, &QPushButton::clicked, this, &AfterPage::showIngestionCommands);
    connect(browseWorkflows, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Ingestion workflows"),
                                                                 m_workflowsEdit->text());
        if (!folder.isEmpty()) {
            m_workflowsEdit->setText(folder);
            showIngestionCommands();
        }
    });
    connect(m_copyPipButton, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_pipLines->toPlainText());
        m_copyPipButton->setText(tr("Copied"));
    });
    connect(m_writeReportButton, &QPushButton::clicked, this, &AfterPage::writeReport);
    connect(
        m_server, &OpenMetadataServerClient::versionChecked, this,
        [this](const OpenMetadataServerClient::VersionAnswer& answer) {
            m_checkVersionButton->setEnabled(true);
            UpgradeJournal journal = this->journal();
            static_cast<void>(AfterUpgrade::recordServerVersion(journal, m_serverUrlEdit->text(),
                                                                m_target, answer));
            const auto wanted = Version::parse(m_target);
            const auto seen = Version::parse(answer.version);
            if (wanted && seen && *wanted == *seen)
                setLine(m_serverVersionLabel, QStringLiteral("ok"),
                        tr("\u2713 The server runs OpenMetadata %1.").arg(escaped(answer.version)));
            else if (!answer.version.isEmpty())
                setLine(m_serverVersionLabel, QStringLiteral("failed"),
                        tr("\u2717 The server reports %1, not %2: it still runs the old "
                           "release. Start the new one.")
                            .arg(escaped(answer.version), escaped(m_target)));
            else
                setLine(m_serverVersionLabel, QStringLiteral("stale"),
                        tr("No answer yet (%1). Start the new server, wait until it is up, and "
                           "check again.")
                            .arg(escaped(answer.error)));
        });
    connect(m_server, &OpenMetadataServerClient::reindexTriggered, this,
            [this](const OpenMetadataServerClient::ReindexAnswer& answer) {
                m_reindexButton->setEnabled(true);
                UpgradeJournal journal = this->journal();
                static_cast<void>(
                    AfterUpgrade::recordReindex(journal, QStringLiteral("api"), answer));
                setLine(m_reindexLabel,
                        answer.triggered ? QStringLiteral("ok") : QStringLiteral("failed"),
                        (answer.triggered ? QStringLiteral("\u2713 ") : QStringLiteral("\u2717 ")) +
                            escaped(answer.message));
            });
}

UpgradeJournal AfterPage::journal() const
{
    return UpgradeJournal::forDeployment(*m_state->testedProfile, m_state->dataFolder);
}

void AfterPage::setLine(QLabel* label, const QString& state, const QString& html)
{
    static const QMap<QString, QString> colours{
        {QStringLiteral("ok"), QStringLiteral("#1b5e20")},
        {QStringLiteral("failed"), QStringLiteral("#b00020")},
        {QStringLiteral("stale"), QStringLiteral("#8a5300")}};
    label->setProperty("state", state);
    label->setText(
        colours.contains(state)
            ? QStringLiteral("<span style='color:%1'>%2</span>").arg(colours.value(state), html)
            : html);
}

void AfterPage::initializePage()
{
    if (!m_state->testedProfile) {
        setLine(m_verifyLabel, QStringLiteral("failed"), tr("Test the connection first."));
        return;
    }
    const UpgradeJournal journal = this->journal();
    m_target = AfterUpgrade::targetFromJournal(journal);
    if (m_target.isEmpty())
        m_target = m_state->targetRelease;
    if (const auto progress = JournalProgress::read(journal);
        progress && progress->migrationStarted) {
        const QString url =
            progress->migrationStarted->data.value(QStringLiteral("serverUrl")).toString();
        if (!url.isEmpty())
            m_serverUrlEdit->setText(url);
    }
    if (m_reportFolderEdit->text().isEmpty())
        m_reportFolderEdit->setText(UpgradeReport::defaultFolder(journal));
    verifyDatabase();
    showTuning();
    showIngestionCommands();
    setLine(
        m_serverVersionLabel, QString(),
        tr("Start the new release's server (it must run %1), then check.").arg(escaped(m_target)));
    setLine(m_reindexLabel, QString(),
            tr("The search indexes are rebuilt from the database; from 1.2 on this is a must."));
}

void AfterPage::verifyDatabase()
{
    setLine(m_verifyLabel, QString(), tr("Reading SERVER_CHANGE_LOG…"));
    auto result = std::make_shared<std::optional<Result<AfterUpgrade::Verification>>>();
    const ConnectionProfile profile = *m_state->testedProfile;
    const QString target = m_target;
    const QString schema = AfterUpgrade::targetSchemaFromJournal(journal());
    m_worker->start(
        [result, profile, target, schema] {
            *result = AfterUpgrade::verify(profile, target, schema);
        },
        [this, result, target] {
            const auto& outcome = **result;
            if (!outcome) {
                setLine(m_verifyLabel, QStringLiteral("failed"),
                        tr("\u2717 Cannot read the database: %1")
                            .arg(escaped(outcome.error().toString())));
                return;
            }
            UpgradeJournal journal = this->journal();
            static_cast<void>(AfterUpgrade::recordVerified(journal, target, outcome.value()));
            setLine(m_verifyLabel,
                    outcome->holdsTarget ? QStringLiteral("ok") : QStringLiteral("failed"),
                    (outcome->holdsTarget ? QStringLiteral("\u2713 ") : QStringLiteral("\u2717 ")) +
                        escaped(outcome->message));
            revertTuningIfMigrated(outcome->holdsTarget);
        });
}

void AfterPage::showTuning()
{
    const auto progress = JournalProgress::read(journal());
    if (!progress) {
        setLine(m_tuningLabel, QStringLiteral("failed"), escaped(progress.error().toString()));
        m_revertButton->setEnabled(false);
        return;
    }
    const QJsonObject change = progress->tuningChange();
    const QString parameter = change.value(QStringLiteral("parameter")).toString();
    if (progress->tuningToRevert()) {
        setLine(
            m_tuningLabel, QStringLiteral("stale"),
            tr("%1 is still raised to %2 for the migration; it was %3. It is put back by itself "
               "once the database is verified to hold %4.")
                .arg(escaped(parameter),
                     escaped(describeSetting(change.value(QStringLiteral("applied")))),
                     escaped(describeSetting(change.value(QStringLiteral("original")))),
                     escaped(m_target)));
        m_revertButton->setEnabled(true);
        m_revertButton->setFocus(); // the first thing still to do
    } else {
        setLine(m_tuningLabel, QStringLiteral("ok"),
                progress->tuning && progress->tuning->event == QLatin1String("reverted")
                    ? tr("\u2713 %1 is back to its original value.").arg(escaped(parameter))
                    : tr("\u2713 Nothing to put back: omupgrade changed no setting."));
        m_revertButton->setEnabled(false);
    }
}

void AfterPage::revertTuningIfMigrated(bool databaseHoldsTarget)
{
    if (m_reverting)
        return; // the user pressed Revert while the database was being read
    const auto progress = JournalProgress::read(journal());
    if (!progress || !progress->tuningToRevert())
        return;
    if (!databaseHoldsTarget) {
        // A failed or partial migration may be retried, and the retry needs the raised value.
        setLine(m_tuningLabel, QStringLiteral("stale"),
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
    setLine(m_tuningLabel, QString(), tr("Putting the original value back…"));
    auto result = std::make_shared<std::optional<Result<TuningRevertResult>>>();
    const ConnectionProfile profile = *m_state->testedProfile;
    const QString dataFolder = m_state->dataFolder;
    const TuningReverter reverter = m_reverter;
    m_worker->start(
        [result, profile, dataFolder, reverter] { *result = reverter(profile, dataFolder); },
        [this, result] {
            m_reverting = false;
            UpgradeJournal journal = this->journal();
            static_cast<void>(AfterUpgrade::recordTuningRevert(journal, **result));
            if (!**result) {
                setLine(m_tuningLabel, QStringLiteral("failed"),
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
            m_tuningLabel->setText(m_tuningLabel->text() + QStringLiteral("<br>") + note);
            m_automaticRevert = false;
        });
}

void AfterPage::checkServerVersion()
{
    const QUrl url = OpenMetadataServerClient::normalise(m_serverUrlEdit->text());
    if (!url.isValid()) {
        setLine(m_serverVersionLabel, QStringLiteral("failed"), tr("Type the server's URL."));
        return;
    }
    m_checkVersionButton->setEnabled(false);
    setLine(m_serverVersionLabel, QString(), tr("Asking %1…").arg(escaped(url.toString())));
    m_server->checkVersion(url, 10000);
}

void AfterPage::triggerReindex()
{
    const QUrl url = OpenMetadataServerClient::normalise(m_serverUrlEdit->text());
    if (!url.isValid() || m_botTokenEdit->text().trimmed().isEmpty()) {
        setLine(m_reindexLabel, QStringLiteral("failed"),
                tr("The server's URL and the ingestion bot's token are both needed."));
        return;
    }
    m_reindexButton->setEnabled(false);
    setLine(m_reindexLabel, QString(), tr("Triggering the Search Indexing application…"));
    m_server->triggerReindex(url, m_botTokenEdit->text(), 15000);
}

void AfterPage::reindexWithOpsScript()
{
    if (m_opsRunner->isRunning())
        return;
    // Where and how the migration ran: this session's choices, or the journal's record.
    QString root = m_state->distributionRoot;
    MigrationSettings settings = m_state->migrationSettings.value_or(MigrationSettings{});
    if (root.isEmpty() || !m_state->migrationSettings) {
        const auto progress = JournalProgress::read(journal());
        if (progress && progress->migrationStarted) {
            const QJsonObject started = progress->migrationStarted->data;
            root = started.value(QStringLiteral("distribution")).toString();
            const auto mode =
                migrationModeFromName(started.value(QStringLiteral("mode")).toString());
            if (mode && *mode != MigrationMode::Bare) {
                setLine(m_reindexLabel, QStringLiteral("failed"),
                        tr("The migration ran in %1 mode in an earlier session; run the reindex "
                           "the same way from a terminal: <code>omupgrade migrate --reindex "
                           "--distribution %2 --mode %1 …</code>")
                            .arg(escaped(started.value(QStringLiteral("mode")).toString()),
                                 escaped(root)));
                return;
            }
        }
    }
    if (root.isEmpty()) {
        setLine(m_reindexLabel, QStringLiteral("failed"),
                tr("No release folder is known: the migration did not run from this wizard. "
                   "Use the Search Indexing application instead (bot token above)."));
        return;
    }
    const auto distribution = OpenMetadataDistribution::read(root);
    if (!distribution) {
        setLine(m_reindexLabel, QStringLiteral("failed"),
                tr("\u2717 %1").arg(escaped(distribution.error().toString())));
        return;
    }
    // The job mode reads the deployment with kubectl (up to 30 s): off the UI thread.
    m_opsReindexButton->setEnabled(false);
    m_reindexButton->setEnabled(false);
    setLine(m_reindexLabel, QString(), tr("Preparing openmetadata-ops.sh reindex…"));
    auto command = std::make_shared<std::optional<Result<MigrationCommand>>>();
    const OpenMetadataDistribution release = distribution.value();
    const ConnectionProfile profile = *m_state->testedProfile;
    m_worker->start(
        [command, release, profile, settings] {
            *command = MigrationCommandBuilder::build(release, profile, settings,
                                                      MigrationAction::Reindex);
        },
        [this, command] {
            if (!**command) {
                m_opsReindexButton->setEnabled(true);
                m_reindexButton->setEnabled(true);
                setLine(m_reindexLabel, QStringLiteral("failed"),
                        tr("\u2717 %1").arg(escaped((*command)->error().toString())));
                return;
            }
            MigrationRunner::Options options; // no SERVER_CHANGE_LOG to follow
            options.logFile = MigrationJournal::newLogFile(journal());
            setLine(m_reindexLabel, QString(),
                    tr("Running openmetadata-ops.sh reindex… (log: %1)")
                        .arg(escaped(QFileInfo(options.logFile).fileName())));
            m_opsRunner->start((*command)->value(), options);
        });
}

void AfterPage::opsReindexFinished()
{
    const MigrationOutcome& outcome = m_opsRunner->outcome();
    m_opsReindexButton->setEnabled(true);
    m_reindexButton->setEnabled(true);
    OpenMetadataServerClient::ReindexAnswer answer;
    answer.triggered = outcome.ending == MigrationEnding::Succeeded;
    const QString lastLine = outcome.logTail.isEmpty() ? QString() : outcome.logTail.last();
    answer.message =
        answer.triggered
            ? tr("openmetadata-ops.sh reindex finished: the search indexes are rebuilt.")
        : !outcome.startError.isEmpty()
            ? tr("openmetadata-ops.sh reindex could not start: %1").arg(outcome.startError)
            : tr("openmetadata-ops.sh reindex failed (exit code %1). Last line: %2")
                  .arg(outcome.exitCode)
                  .arg(lastLine);
    UpgradeJournal journal = this->journal();
    static_cast<void>(AfterUpgrade::recordReindex(journal, QStringLiteral("ops"), answer));
    setLine(m_reindexLabel, answer.triggered ? QStringLiteral("ok") : QStringLiteral("failed"),
            (answer.triggered ? QStringLiteral("\u2713 ") : QStringLiteral("\u2717 ")) +
                escaped(answer.message) +
                tr(" (log: %1)").arg(escaped(QFileInfo(outcome.logFile).fileName())));
    m_reindexLabel->setToolTip(outcome.logFile);
}

void AfterPage::showIngestionCommands()
{
    const QString folder = m_workflowsEdit->text().trimmed();
    const IngestionCommands commands = IngestionClientCommands::build(
        folder.isEmpty() ? QStringList() : QStringList{folder}, m_target);
    QString text = commands.ingestionLine + QStringLiteral("\n") + commands.managedApisLine +
                   QStringLiteral("   # only if you run your own Airflow");
    if (!commands.python.isEmpty())
        text += QStringLiteral("\n# Python %1; %2").arg(commands.python, commands.clientRule);
    for (const QString& warning : commands.warnings)
        text += QStringLiteral("\n# ") + warning;
    m_pipLines->setPlainText(text);
    m_copyPipButton->setText(tr("&Copy"));
    if (!folder.isEmpty()) {
        UpgradeJournal journal = this->journal();
        static_cast<void>(AfterUpgrade::recordIngestionCommands(journal, commands));
    }
}

void AfterPage::writeReport()
{
    UpgradeJournal journal = this->journal();
    UpgradeReport::Options options;
    options.secrets << m_state->testedProfile->password << m_botTokenEdit->text();
    options.connection = m_state->testedProfile->toJson();
    const auto report = UpgradeReport::build(journal, options);
    if (!report) {
        setLine(m_reportLabel, QStringLiteral("failed"), escaped(report.error().toString()));
        return;
    }
    const auto written = UpgradeReport::write(report.value(), m_reportFolderEdit->text().trimmed());
    if (!written) {
        setLine(m_reportLabel, QStringLiteral("failed"), escaped(written.error().toString()));
        return;
    }
    static_cast<void>(journal.append(QStringLiteral("after"), QStringLiteral("report"),
                                     {{QStringLiteral("json"), written->jsonFile},
                                      {QStringLiteral("html"), written->htmlFile}}));
    // File names only: the folder is in the field above, and long paths do not wrap.
    setLine(m_reportLabel, QStringLiteral("ok"),
            tr("\u2713 Written, secrets removed: %1 and %2 in that folder. Send them with any "
               "support request.")
                .arg(escaped(QFileInfo(written->htmlFile).fileName()),
                     escaped(QFileInfo(written->jsonFile).fileName())));
    m_reportLabel->setToolTip(written->htmlFile + QLatin1Char('\n') + written->jsonFile);
}

} // namespace omu::ui

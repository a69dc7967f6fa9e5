#include "MigrationPage.h"

#include "migration/MigrationJournal.h"
#include "migration/MigrationRunner.h"
#include "migration/OpenMetadataServerClient.h"
#include "migration/RunningToolFinder.h"
#include "migration/WorkerCall.h"
#include "WizardPageId.h"

#include <QCheckBox>
#include <QColor>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

namespace omu::ui {

namespace {

QString escaped(const QString& text)
{
    return text.toHtmlEscaped();
}

// "2026-11-24T14:39:39.963Z" -> "2026-11-24 15:39" in the user's time zone.
QString when(const QString& iso)
{
    const QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : iso;
}

QLineEdit* lineEdit(QWidget* parent, const char* name, const QString& placeholder = {})
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(name));
    edit->setPlaceholderText(placeholder);
    return edit;
}

QString stateText(const VersionProgress& version)
{
    using State = VersionProgress::State;
    switch (version.state) {
    case State::Pending:
        return QObject::tr("waiting");
    case State::Running:
        return QObject::tr("running…");
    case State::Finished:
        return QObject::tr("steps done, confirming…");
    case State::Succeeded:
        return QObject::tr("\u2713 done");
    case State::Failed:
        return QObject::tr("\u2717 failed");
    }
    return {};
}

QString nextStepLabel(MigrationFailure::NextStep step)
{
    using Step = MigrationFailure::NextStep;
    switch (step) {
    case Step::BackToTuning:
        return QObject::tr("Back to &Tuning");
    case Step::Repair:
        return QObject::tr("Run &repair");
    case Step::RunMigration:
    case Step::Retry:
        return QObject::tr("&Retry");
    case Step::RetryWithForce:
        return QObject::tr("Retry with --&force…");
    case Step::None:
        break;
    }
    return {};
}

} // namespace

MigrationPage::MigrationPage(WizardState* state, QWidget* parent)
    : QWizardPage(parent), m_state(state), m_worker(new WorkerCall(this)),
      m_runner(new MigrationRunner(this)), m_server(new OpenMetadataServerClient(this))
{
    setObjectName(QStringLiteral("migrationPage"));
    setTitle(tr("Run the migration"));
    setSubTitle(tr("OpenMetadata's own migration tool upgrades the schema and the data. It runs "
                   "only once the backup, tuning, review and a stopped server are in place."));
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Continue"));

    m_resumeBanner = new QLabel(this);
    m_resumeBanner->setObjectName(QStringLiteral("resumeBanner"));
    m_resumeBanner->setWordWrap(true);
    m_resumeBanner->setStyleSheet(
        QStringLiteral("background:#fff4e5; color:#663c00; padding:8px;"));
    m_resumeBanner->hide();

    // The release and how to run it.
    m_distributionEdit =
        lineEdit(this, "distributionEdit", tr("the unpacked openmetadata-X.Y.Z folder"));
    auto* browse = new QPushButton(tr("Bro&wse…"), this);
    browse->setObjectName(QStringLiteral("browseDistributionButton"));
    m_planButton = new QPushButton(tr("C&heck"), this);
    m_planButton->setObjectName(QStringLiteral("planMigrationButton"));
    auto* distributionRow = new QHBoxLayout;
    distributionRow->addWidget(m_distributionEdit, 1);
    distributionRow->addWidget(browse);
    distributionRow->addWidget(m_planButton);
    m_planLabel = new QLabel(tr("Choose the new release's folder, then Check."), this);
    m_planLabel->setObjectName(QStringLiteral("migrationPlanLabel"));
    m_planLabel->setWordWrap(true);
    m_planLabel->setTextFormat(Qt::RichText);
    m_planLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_planLabel->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    m_modeCombo = new QComboBox(this);
    m_modeCombo->setObjectName(QStringLiteral("modeCombo"));
    m_modeCombo->addItem(tr("On this machine (bare metal)"), int(MigrationMode::Bare));
    m_modeCombo->addItem(tr("Docker"), int(MigrationMode::Docker));
    m_modeCombo->addItem(tr("Kubernetes (kubectl exec)"), int(MigrationMode::Kubernetes));
    m_modeCombo->addItem(tr("Kubernetes (the chart's migration job)"),
                         int(MigrationMode::KubernetesJob));
    m_modeStack = new QStackedWidget(this);
    m_configEdit =
        lineEdit(this, "migrationConfigEdit", tr("default: the release's conf/openmetadata.yaml"));
    auto* bare = new QWidget(m_modeStack);
    auto* bareForm = new QFormLayout(bare);
    bareForm->setContentsMargins(0, 0, 0, 0);
    bareForm->addRow(tr("Confi&guration:"), m_configEdit);
    m_composeEdit = lineEdit(this, "composeFileEdit", tr("docker-compose.yml of the new release"));
    m_serviceEdit = lineEdit(this, "composeServiceEdit");
    m_serviceEdit->setText(QStringLiteral("execute-migrate-all"));
    m_containerEdit = lineEdit(this, "containerEdit", tr("or: a container for docker exec"));
    auto* docker = new QWidget(m_modeStack);
    auto* dockerForm = new QFormLayout(docker);
    dockerForm->setContentsMargins(0, 0, 0, 0);
    dockerForm->addRow(tr("Compose file:"), m_composeEdit);
    dockerForm->addRow(tr("Service:"), m_serviceEdit);
    dockerForm->addRow(tr("Container:"), m_containerEdit);
    m_namespaceEdit = lineEdit(this, "namespaceEdit", tr("kubectl's current namespace"));
    m_podEdit = lineEdit(this, "podEdit");
    m_podEdit->setText(QStringLiteral("deploy/openmetadata"));
    auto* k8s = new QWidget(m_modeStack);
    auto* k8sForm = new QFormLayout(k8s);
    k8sForm->setContentsMargins(0, 0, 0, 0);
    k8sForm->addRow(tr("Namespace:"), m_namespaceEdit);
    k8sForm->addRow(tr("Pod:"), m_podEdit);
    m_jobNamespaceEdit = lineEdit(this, "jobNamespaceEdit", tr("kubectl's current namespace"));
    m_deploymentEdit = lineEdit(this, "deploymentEdit");
    m_deploymentEdit->setText(QStringLiteral("openmetadata"));
    m_imageEdit = lineEdit(this, "jobImageEdit",
                           tr("default: the deployment's image, tagged with the release"));
    auto* job = new QWidget(m_modeStack);
    auto* jobForm = new QFormLayout(job);
    jobForm->setContentsMargins(0, 0, 0, 0);
    jobForm->addRow(tr("Namespace:"), m_jobNamespaceEdit);
    jobForm->addRow(tr("Deployment:"), m_deploymentEdit);
    jobForm->addRow(tr("Image:"), m_imageEdit);
    m_modeStack->addWidget(bare);
    m_modeStack->addWidget(docker);
    m_modeStack->addWidget(k8s);
    m_modeStack->addWidget(job);
    docker->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    k8s->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    job->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);

    // A grid rather than a form: a form reserves the wrapped plan text's height for a
    // narrower column than it gets, leaving a gap under it.
    auto* releaseForm = new QGridLayout;
    releaseForm->setColumnStretch(1, 1);
    auto* distributionLabel = new QLabel(tr("&Release folder:"), this);
    distributionLabel->setBuddy(m_distributionEdit);
    releaseForm->addWidget(distributionLabel, 0, 0);
    releaseForm->addLayout(distributionRow, 0, 1);
    releaseForm->addWidget(m_planLabel, 1, 1);
    auto* modeLabel = new QLabel(tr("Run &where:"), this);
    modeLabel->setBuddy(m_modeCombo);
    releaseForm->addWidget(modeLabel, 2, 0);
    releaseForm->addWidget(m_modeCombo, 2, 1);
    releaseForm->addWidget(m_modeStack, 3, 1);

    // The gate.
    auto* gateBox = new QGroupBox(tr("Before it may run"), this);
    m_gateLabel = new QLabel(gateBox);
    m_gateLabel->setObjectName(QStringLiteral("gateLabel"));
    m_gateLabel->setWordWrap(true);
    m_gateLabel->setTextFormat(Qt::RichText);
    m_serverUrlEdit = lineEdit(gateBox, "serverUrlEdit");
    m_serverUrlEdit->setText(QStringLiteral("http://localhost:8585"));
    m_checkServerButton = new QPushButton(tr("Check &server"), gateBox);
    m_checkServerButton->setObjectName(QStringLiteral("checkServerButton"));
    m_serverStoppedCheck = new QCheckBox(tr("I have stopped the OpenMetadata server (it cannot be "
                                            "reached from here)"),
                                         gateBox);
    m_serverStoppedCheck->setObjectName(QStringLiteral("serverStoppedCheck"));
    auto* serverRow = new QHBoxLayout;
    serverRow->addWidget(new QLabel(tr("Server:"), gateBox));
    serverRow->addWidget(m_serverUrlEdit, 1);
    serverRow->addWidget(m_checkServerButton);
    auto* gateLayout = new QVBoxLayout(gateBox);
    gateLayout->addWidget(m_gateLabel);
    gateLayout->addLayout(serverRow);
    gateLayout->addWidget(m_serverStoppedCheck);

    // The command and the run.
    m_commandEdit = new QPlainTextEdit(this);
    m_commandEdit->setObjectName(QStringLiteral("migrationCommandView"));
    m_commandEdit->setReadOnly(true);
    m_commandEdit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_commandEdit->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_commandEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_commandEdit->setFixedHeight(QFontMetrics(m_commandEdit->font()).lineSpacing() * 5 + 12);
    m_forceCheck = new QCheckBox(tr("Re-run every version with --force (only after a plain retry "
                                    "failed; keep the backup at hand)"),
                                 this);
    m_forceCheck->setObjectName(QStringLiteral("forceCheck"));
    m_forceCheck->hide();
    m_runButton = new QPushButton(tr("&Run migration"), this);
    m_runButton->setObjectName(QStringLiteral("runMigrationButton"));
    m_cancelButton = new QPushButton(tr("Ca&ncel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelMigrationButton"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("migrationProgress"));
    m_progress->setFormat(tr("%v of %m versions"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_runButton);
    runRow->addWidget(m_cancelButton);
    runRow->addWidget(m_progress, 1);
    auto* commandRow = new QHBoxLayout;
    auto* commandLabel = new QLabel(tr("Will run:"), this);
    commandRow->addWidget(commandLabel, 0, Qt::AlignTop);
    commandRow->addWidget(m_commandEdit, 1);

    m_watchdogLabel = new QLabel(this);
    m_watchdogLabel->setObjectName(QStringLiteral("watchdogLabel"));
    m_watchdogLabel->setWordWrap(true);
    m_watchdogLabel->setStyleSheet(
        QStringLiteral("background:#fff4e5; color:#663c00; padding:6px;"));
    m_watchdogLabel->hide();

    m_versionsTree = new QTreeWidget(this);
    m_versionsTree->setObjectName(QStringLiteral("versionsTree"));
    m_versionsTree->setHeaderLabels({tr("Version"), tr("State"), tr("In DB"), tr("Detail")});
    m_versionsTree->setRootIsDecorated(false);
    m_versionsTree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_versionsTree->header()->setStretchLastSection(true);

    m_logSearchEdit =
        lineEdit(this, "migrationLogSearchEdit", tr("Search the log (Enter: next match)"));
    m_logView = new QPlainTextEdit(this);
    m_logView->setObjectName(QStringLiteral("migrationLogView"));
    m_logView->setReadOnly(true);
    m_logView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_logView->setMaximumBlockCount(50000);
    m_logView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* logBox = new QWidget(this);
    auto* logLayout = new QVBoxLayout(logBox);
    logLayout->setContentsMargins(0, 0, 0, 0);
    logLayout->addWidget(m_logSearchEdit);
    logLayout->addWidget(m_logView);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_versionsTree);
    splitter->addWidget(logBox);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 5);
    splitter->setSizes({320, 800});
    splitter->setMinimumHeight(180);

    m_statusFrame = new QFrame(this);
    m_statusFrame->setObjectName(QStringLiteral("migrationStatusFrame"));
    m_statusFrame->setFrameShape(QFrame::StyledPanel);
    m_statusLabel = new QLabel(m_statusFrame);
    m_statusLabel->setObjectName(QStringLiteral("migrationStatus"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextFormat(Qt::RichText);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_nextStepButton = new QPushButton(m_statusFrame);
    m_nextStepButton->setObjectName(QStringLiteral("nextStepButton"));
    m_nextStepButton->hide();
    auto* statusLayout = new QHBoxLayout(m_statusFrame);
    statusLayout->addWidget(m_statusLabel, 1);
    statusLayout->addWidget(m_nextStepButton, 0, Qt::AlignTop);

    // Wrapped labels would otherwise be squeezed below their text when the page is full.
    for (QWidget* label :
         {static_cast<QWidget*>(m_resumeBanner), static_cast<QWidget*>(m_planLabel),
          static_cast<QWidget*>(m_gateLabel), static_cast<QWidget*>(m_watchdogLabel),
          static_cast<QWidget*>(m_statusLabel), static_cast<QWidget*>(gateBox),
          static_cast<QWidget*>(m_statusFrame)})
        label->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);

    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->addWidget(m_resumeBanner);
    layout->addLayout(releaseForm);
    layout->addWidget(gateBox);
    layout->addLayout(commandRow);
    layout->addWidget(m_forceCheck);
    layout->addLayout(runRow);
    layout->addWidget(m_watchdogLabel);
    layout->addWidget(m_statusFrame); // the outcome and its advice, where the eye already is
    layout->addWidget(splitter, 1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(
            this, tr("The unpacked OpenMetadata release"), m_distributionEdit->text());
        if (!folder.isEmpty()) {
            m_distributionEdit->setText(folder);
            startPlan();
        }
    });
    connect(m_planButton, &QPushButton::clicked, this, &MigrationPage::startPlan);
    connect(m_distributionEdit, &QLineEdit::returnPressed, this, &MigrationPage::startPlan);
    connect(m_modeCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_modeStack->setCurrentIndex(index);
        for (int i = 0; i < m_modeStack->count(); ++i) // only the shown page takes room
            m_modeStack->widget(i)->setSizePolicy(
                QSizePolicy::Preferred, i == index ? QSizePolicy::Preferred : QSizePolicy::Ignored);
        m_modeStack->adjustSize();
        rebuildCommand();
    });
    for (QLineEdit* edit :
         {m_configEdit, m_composeEdit, m_serviceEdit, m_containerEdit, m_namespaceEdit, m_podEdit})
        connect(edit, &QLineEdit::textChanged, this, &MigrationPage::rebuildCommand);
    // The job mode asks the cluster (up to 30 s): not on every keystroke, on Enter or Check.
    for (QLineEdit* edit : {m_jobNamespaceEdit, m_deploymentEdit, m_imageEdit}) {
        connect(edit, &QLineEdit::textEdited, this, [this] {
            ++m_commandGeneration;
            m_command.reset();
            m_commandEdit->setPlainText(
                tr("Press Enter or Check to read the deployment with kubectl."));
            updateButtons();
        });
        connect(edit, &QLineEdit::returnPressed, this, &MigrationPage::rebuildCommand);
    }
    connect(m_checkServerButton, &QPushButton::clicked, this, &MigrationPage::checkServer);
    connect(m_serverUrlEdit, &QLineEdit::returnPressed, this, &MigrationPage::checkServer);
    connect(m_serverStoppedCheck, &QCheckBox::toggled, this, &MigrationPage::evaluateGate);
    connect(m_forceCheck, &QCheckBox::toggled, this, &MigrationPage::rebuildCommand);
    connect(m_server, &OpenMetadataServerClient::versionChecked, this,
            [this](const OpenMetadataServerClient::VersionAnswer& answer) {
                m_checkServerButton->setEnabled(true);
                m_serverState = answer.answered ? MigrationGate::ServerState::Answering
                                                : MigrationGate::ServerState::NotAnswering;
                m_serverVersion = answer.version;
                m_serverDetail = answer.error;
                evaluateGate();
            });
    connect(m_runButton, &QPushButton::clicked, this, [this] { run(MigrationAction::Migrate); });
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        m_cancelButton->setEnabled(false);
        setStatus(QStringLiteral("busy"), tr("Stopping the tool… the database's state is checked "
                                             "once it has stopped."));
        m_runner->cancel();
    });
    connect(m_runner, &MigrationRunner::lineReceived, this, &MigrationPage::appendLog);
    connect(m_runner, &MigrationRunner::versionsChanged, this, &MigrationPage::showVersions);
    connect(m_runner, &MigrationRunner::silent, this, [this](int seconds) {
        const QString version = m_runner->currentVersion();
        m_watchdogLabel->setText(
            tr("\u26a0 The tool has printed nothing for %1 s%2. Large tables (query_entity, "
               "entity_relationship) can keep it busy for a long time; the versions on the left "
               "are confirmed from the database every few seconds. Cancel stops it and tells you "
               "the database's state.")
                .arg(seconds)
                .arg(version.isEmpty() ? QString() : tr(" while migrating %1").arg(version)));
        m_watchdogLabel->show();
    });
    connect(m_runner, &MigrationRunner::finished, this, &MigrationPage::runFinished);
    connect(m_logSearchEdit, &QLineEdit::returnPressed, this, &MigrationPage::findInLog);
    connect(m_logSearchEdit, &QLineEdit::textChanged, this, [this] {
        m_logView->moveCursor(QTextCursor::Start);
        findInLog();
    });
    connect(m_nextStepButton, &QPushButton::clicked, this, &MigrationPage::takeNextStep);

    setStatus(QStringLiteral("idle"), tr("Runs once the checks above pass."));
    updateButtons();
}

UpgradeJournal MigrationPage::journal() const
{
    return UpgradeJournal::forDeployment(*m_state->testedProfile, m_state->dataFolder);
}

void MigrationPage::initializePage()
{
    readJournal(true);
    if (m_distributionEdit->text().isEmpty() && m_progressJournal.migrationStarted)
        m_distributionEdit->setText(
            m_progressJournal.migrationStarted->data.value(QStringLiteral("distribution"))
                .toString());
    if (m_distributionEdit->text().isEmpty()) // the release folder chosen on Welcome
        m_distributionEdit->setText(m_state->distributionRoot);
    if (m_progressJournal.migrationStarted) {
        const QString url =
            m_progressJournal.migrationStarted->data.value(QStringLiteral("serverUrl")).toString();
        if (!url.isEmpty())
            m_serverUrlEdit->setText(url);
    }
    checkServer();
    if (!m_distributionEdit->text().isEmpty())
        startPlan();
    else
        evaluateGate();
}

void MigrationPage::readJournal(bool showBanner)
{
    if (!m_state->testedProfile) {
        m_resumeBanner->setText(tr("Test the connection first: the migration needs it."));
        m_resumeBanner->show();
        return;
    }
    const auto progress = JournalProgress::read(journal());
    if (!progress) {
        m_resumeBanner->setText(
            tr("The upgrade journal cannot be read: %1").arg(escaped(progress.error().toString())));
        m_resumeBanner->show();
        return;
    }
    m_progressJournal = progress.value();
    if (!showBanner)
        return;
    using State = JournalProgress::MigrationState;
    const auto& started = m_progressJournal.migrationStarted;
    QString text;
    if (m_progressJournal.migration == State::Interrupted && started)
        text = tr("<b>The migration started on %1 did not finish</b>: the wizard or the machine "
                  "stopped while it ran. Make sure no migration tool from that run is still "
                  "running, then Check: the plan shows what is applied and what is left.")
                   .arg(escaped(when(started->time)));
    else if (m_progressJournal.migration == State::Failed && started)
        text = tr("The last migration (%1) failed. Fix its cause and retry; the plan shows what "
                  "is left.")
                   .arg(escaped(when(started->time)));
    else if (m_progressJournal.migration == State::Cancelled && started)
        text = tr("The last migration (%1) was cancelled. The plan shows what is left.")
                   .arg(escaped(when(started->time)));
    if (!text.isEmpty() && m_progressJournal.tuningToRevert())
        text += tr(" The tuning applied before it is still in place; the After step puts it back.");
    m_resumeBanner->setText(text);
    m_resumeBanner->setVisible(!text.isEmpty());
}

void MigrationPage::startPlan()
{
    if (!m_state->testedProfile || m_planning || m_runner->isRunning())
        return;
    m_planning = true;
    m_plan.reset();
    m_distribution.reset();
    m_planError.clear();
    m_planLabel->setText(tr("Reading the release and the database…"));
    updateButtons();
    struct Outcome
    {
        std::optional<OpenMetadataDistribution> distribution;
        std::optional<MigrationPlan> plan;
        QString error;
    };
    auto outcome = std::make_shared<Outcome>();
    const QString folder = m_distributionEdit->text().trimmed();
    const ConnectionProfile profile = *m_state->testedProfile;
    m_worker->start(
        [outcome, folder, profile] {
            const auto distribution = OpenMetadataDistribution::read(folder);
            if (!distribution) {
                outcome->error = distribution.error().toString();
                return;
            }
            outcome->distribution = distribution.value();
            const auto plan = MigrationPlanner::plan(profile, distribution.value());
            if (plan)
                outcome->plan = plan.value();
            else
                outcome->error = plan.error().toString();
        },
        [this, outcome] {
            m_planning = false;
            m_distribution = outcome->distribution;
            m_plan = outcome->plan;
            m_planError = outcome->error;
            showPlan();
        });
}

void MigrationPage::showPlan()
{
    if (!m_plan) {
        m_planLabel->setText(
            QStringLiteral("<span style='color:#b00020'>\u2717 %1</span>")
                .arg(escaped(m_planError).replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
    } else {
        const MigrationPlan& plan = *m_plan;
        const QString from = plan.current.isNull() ? tr("1.0.x or older") : plan.current.toString();
        if (plan.upToDate()) {
            m_planLabel->setText(tr("\u2713 The database is at OpenMetadata %1, the release's "
                                    "version: nothing to migrate.")
                                     .arg(escaped(plan.target.toString())));
        } else {
            QStringList versions;
            for (const auto& pending : plan.pending)
                versions << tr("%1 (%2%3)")
                                .arg(pending.version.toString(),
                                     pending.pendingStatements() == 1
                                         ? tr("1 statement")
                                         : tr("%1 statements").arg(pending.pendingStatements()),
                                     pending.partiallyApplied ? tr(", partly applied") : QString());
            m_planLabel->setText(
                tr("Database %1 \u2192 release %2 (%3). To run: %4%5.")
                    .arg(escaped(from), escaped(plan.target.toString()),
                         escaped(m_distribution->toolScript()),
                         escaped(versions.join(QStringLiteral(", "))),
                         plan.pendingFlyway.isEmpty()
                             ? QString()
                             : tr(", after %1 Flyway script(s)").arg(plan.pendingFlyway.size())));
            m_planLabel->setToolTip(plan.toSqlText().left(20000));
            if (m_state->targetRelease.isEmpty() == false &&
                Version::parse(m_state->targetRelease) != plan.target)
                m_planLabel->setText(
                    m_planLabel->text() +
                    tr("<br><span style='color:#8a5300'>\u26a0 You chose %1 as the "
                       "target; this release is %2.</span>")
                        .arg(escaped(m_state->targetRelease), escaped(plan.target.toString())));
            if (!m_runner->isRunning() && m_runner->log().isEmpty()) {
                m_versionsTree->clear();
                for (const auto& pending : plan.pending)
                    new QTreeWidgetItem(m_versionsTree, {pending.version.toString(), tr("waiting"),
                                                         QString(), QString()});
                m_progress->setRange(0, int(plan.pending.size()));
                m_progress->setValue(0);
            }
        }
        if (plan.upToDate() && !m_runner->isRunning()) {
            m_succeeded = m_succeeded || !plan.target.isNull();
            if (m_runner->log().isEmpty())
                setStatus(QStringLiteral("ok"),
                          tr("\u2713 Nothing to run: continue to the After step."));
        }
    }
    rebuildCommand();
    evaluateGate();
    Q_EMIT completeChanged();
}

void MigrationPage::checkServer()
{
    const QUrl url = OpenMetadataServerClient::normalise(m_serverUrlEdit->text());
    if (!url.isValid()) {
        m_serverState = MigrationGate::ServerState::NotChecked;
        m_serverDetail = tr("no usable URL");
        evaluateGate();
        return;
    }
    m_checkServerButton->setEnabled(false);
    m_server->checkVersion(url, 5000);
}

void MigrationPage::evaluateGate()
{
    MigrationGate::Inputs inputs;
    inputs.progress = m_progressJournal;
    inputs.databaseVersion = m_plan && !m_plan->current.isNull() ? m_plan->current.toString()
                             : m_state->inspection ? m_state->inspection->openMetadata.version
                                                   : QString();
    inputs.server = m_serverState;
    inputs.serverUrl = OpenMetadataServerClient::normalise(m_serverUrlEdit->text()).toString();
    inputs.serverVersion = m_serverVersion;
    inputs.serverDetail = m_serverDetail;
    inputs.userConfirmedServerStopped = m_serverStoppedCheck->isChecked();
    if (m_plan)
        inputs.unfinishedSteps = m_plan->unfinishedSteps();
    if (m_distribution && !m_runner->isRunning()) // while ours runs, it is the one found
        inputs.runningTools = RunningToolFinder::find(m_distribution->root());
    m_gate = MigrationGate::evaluate(inputs);
    QString html;
    for (const auto& condition : m_gate.conditions) {
        html +=
            QStringLiteral("%1 <b>%2</b> — %3")
                .arg(condition.passed ? QStringLiteral("<span style='color:#1b5e20'>\u2713</span>")
                                      : QStringLiteral("<span style='color:#b00020'>\u2717</span>"),
                     escaped(condition.title), escaped(condition.detail));
        if (!condition.passed)
            html +=
                QStringLiteral("<br>&nbsp;&nbsp;&nbsp;<i>%1</i>").arg(escaped(condition.advice));
        html += QStringLiteral("<br>");
    }
    m_gateLabel->setText(html);
    updateButtons();
}

MigrationSettings MigrationPage::currentSettings() const
{
    MigrationSettings settings;
    settings.mode = MigrationMode(m_modeCombo->currentData().toInt());
    settings.force = m_forceCheck->isVisible() && m_forceCheck->isChecked();
    settings.configFile = m_configEdit->text().trimmed();
    settings.docker.composeFile = m_composeEdit->text().trimmed();
    settings.docker.service = m_serviceEdit->text().trimmed();
    settings.docker.container = m_containerEdit->text().trimmed();
    settings.kubernetes.nameSpace = m_namespaceEdit->text().trimmed();
    settings.kubernetes.target = m_podEdit->text().trimmed();
    if (settings.mode == MigrationMode::KubernetesJob) {
        settings.kubernetes.nameSpace = m_jobNamespaceEdit->text().trimmed();
        settings.kubernetes.deployment = m_deploymentEdit->text().trimmed();
        settings.kubernetes.image = m_imageEdit->text().trimmed();
    }
    return settings;
}

void MigrationPage::rebuildCommand()
{
    ++m_commandGeneration; // whatever a kubectl read still in flight answers is stale now
    const MigrationSettings settings = currentSettings();
    if (settings.mode == MigrationMode::KubernetesJob && m_distribution && m_state->testedProfile) {
        // Building it reads the deployment with kubectl: off the UI thread.
        if (m_commandBuilding) {
            m_rebuildAgain = true;
            return;
        }
        m_command.reset();
        m_commandError.clear();
        m_commandBuilding = true;
        m_commandEdit->setPlainText(tr("Reading the deployment with kubectl…"));
        updateButtons();
        auto result = std::make_shared<std::optional<Result<MigrationCommand>>>();
        const OpenMetadataDistribution distribution = *m_distribution;
        const ConnectionProfile profile = *m_state->testedProfile;
        const int generation = m_commandGeneration;
        m_worker->start(
            [result, distribution, profile, settings] {
                *result = MigrationCommandBuilder::build(distribution, profile, settings);
            },
            [this, result, generation] {
                m_commandBuilding = false;
                if (m_rebuildAgain) {
                    m_rebuildAgain = false;
                    rebuildCommand();
                    return;
                }
                if (generation != m_commandGeneration) { // the mode or a field changed since
                    updateButtons();
                    return;
                }
                const auto& command = **result;
                if (command)
                    m_command = command.value();
                else
                    m_commandError = command.error().toString();
                m_commandEdit->setPlainText(m_command ? m_command->display() : m_commandError);
                m_commandEdit->setStyleSheet(
                    m_commandError.isEmpty() ? QString() : QStringLiteral("color:#b00020;"));
                updateButtons();
            });
        return;
    }
    m_command.reset();
    m_commandError.clear();
    if (m_distribution && m_state->testedProfile) {
        const auto command = MigrationCommandBuilder::build(
            *m_distribution, *m_state->testedProfile, currentSettings());
        if (command)
            m_command = command.value();
        else
            m_commandError = command.error().toString();
    }
    m_commandEdit->setPlainText(m_command ? m_command->display() : m_commandError);
    m_commandEdit->setStyleSheet(m_commandError.isEmpty() ? QString()
                                                          : QStringLiteral("color:#b00020;"));
    updateButtons();
}

void MigrationPage::updateButtons()
{
    const bool running = m_runner->isRunning();
    const bool ready = m_plan && !m_plan->upToDate() && m_command && m_gate.passed();
    m_runButton->setEnabled(!running && !m_planning && !m_commandBuilding && ready && !m_succeeded);
    m_cancelButton->setEnabled(running);
    m_planButton->setEnabled(!running && !m_planning && !m_commandBuilding);
    m_distributionEdit->setEnabled(!running);
    m_modeCombo->setEnabled(!running);
    m_modeStack->setEnabled(!running);
    m_nextStepButton->setEnabled(!running);
    m_runButton->setToolTip(ready        ? QString()
                            : !m_plan    ? tr("Check the release first.")
                            : !m_command ? tr("The command cannot be built: see above.")
                            : !m_gate.passed()
                                ? tr("Not yet: %1.").arg(m_gate.unmet().join(QStringLiteral(", ")))
                                : tr("Nothing to migrate."));
}

void MigrationPage::run(MigrationAction action)
{
    if (!m_distribution || !m_plan || !m_state->testedProfile || m_runner->isRunning())
        return;
    evaluateGate(); // anything may have started since the last check
    if (m_gate.unmet().contains(QStringLiteral("running")) || m_commandBuilding)
        return;
    const MigrationSettings settings = currentSettings();
    if (settings.mode != MigrationMode::KubernetesJob) {
        startRun(action, settings,
                 MigrationCommandBuilder::build(*m_distribution, *m_state->testedProfile, settings,
                                                action));
        return;
    }
    // The job mode reads the deployment again (it may have changed): off the UI thread.
    m_commandBuilding = true;
    setStatus(QStringLiteral("busy"), tr("Reading the deployment with kubectl…"));
    updateButtons();
    auto result = std::make_shared<std::optional<Result<MigrationCommand>>>();
    const OpenMetadataDistribution distribution = *m_distribution;
    const ConnectionProfile profile = *m_state->testedProfile;
    m_worker->start(
        [result, distribution, profile, settings, action] {
            *result = MigrationCommandBuilder::build(distribution, profile, settings, action);
        },
        [this, result, settings, action] {
            m_commandBuilding = false;
            startRun(action, settings, **result);
        });
}

void MigrationPage::startRun(MigrationAction action, const MigrationSettings& runSettings,
                             const Result<MigrationCommand>& command)
{
    MigrationSettings settings = runSettings;
    if (!m_plan || !m_distribution || m_runner->isRunning()) {
        setStatus(QStringLiteral("stale"), tr("Not started: the release was read again meanwhile. "
                                              "Press Run again."));
        updateButtons();
        return;
    }
    if (!command) {
        setStatus(QStringLiteral("failed"), escaped(command.error().toString()));
        updateButtons();
        return;
    }
    UpgradeJournal journal = this->journal();
    const QString logFile = MigrationJournal::newLogFile(journal);
    if (action == MigrationAction::Migrate) {
        const Status recorded = MigrationJournal::recordStarted(
            journal, *m_plan, command.value(), logFile,
            OpenMetadataServerClient::normalise(m_serverUrlEdit->text()).toString());
        if (!recorded.ok()) {
            setStatus(QStringLiteral("failed"),
                      tr("Not started: the journal cannot be written (%1).")
                          .arg(escaped(recorded.error().toString())));
            return;
        }
    }
    m_runningAction = action;
    m_state->distributionRoot = m_distribution->root();
    settings.force = false; // the After step's reindex must not inherit --force
    m_state->migrationSettings = settings;
    m_logView->clear();
    m_watchdogLabel->hide();
    m_nextStepButton->hide();
    MigrationRunner::Options options;
    options.profile = *m_state->testedProfile;
    options.logFile = logFile;
    const int watchdog = property("watchdogSeconds").toInt(); // tests shorten it
    options.silenceSeconds = watchdog > 0 ? watchdog : 300;
    for (const auto& pending : m_plan->pending)
        options.expectedVersions << pending.version.toString();
    m_progress->setRange(0, std::max(1, int(options.expectedVersions.size())));
    m_progress->setValue(0);
    setStatus(QStringLiteral("busy"), action == MigrationAction::Repair
                                          ? tr("Running the tool's repair…")
                                          : tr("Migrating… the log below follows the tool."));
    m_runner->start(command.value(), options);
    showVersions();
    updateButtons();
}

void MigrationPage::appendLog(const QString& line)
{
    m_logView->appendPlainText(line);
    if (!m_watchdogLabel->isHidden() && !line.startsWith(QLatin1String("[omupgrade]")))
        m_watchdogLabel->hide(); // it spoke again
}

void MigrationPage::findInLog()
{
    const QString text = m_logSearchEdit->text();
    if (text.isEmpty())
        return;
    if (!m_logView->find(text)) {
        m_logView->moveCursor(QTextCursor::Start); // wrap around
        m_logView->find(text);
    }
    const int count = int(m_logView->toPlainText().count(text, Qt::CaseInsensitive));
    m_logSearchEdit->setToolTip(tr("%n match(es)", nullptr, count));
}

void MigrationPage::showVersions()
{
    const auto& versions = m_runner->versions();
    if (versions.isEmpty())
        return;
    m_versionsTree->clear();
    int done = 0;
    for (const auto& version : versions) {
        auto* item = new QTreeWidgetItem(
            m_versionsTree, {version.version, stateText(version),
                             version.confirmed ? tr("\u2713") : QString(), version.detail});
        item->setToolTip(3, version.detail);
        item->setToolTip(2, version.confirmed ? tr("SERVER_CHANGE_LOG records it")
                                              : tr("not in SERVER_CHANGE_LOG yet"));
        if (version.state == VersionProgress::State::Failed)
            item->setForeground(1, QColor(0xb0, 0x00, 0x20));
        if (version.state == VersionProgress::State::Succeeded)
            ++done;
    }
    m_progress->setRange(0, int(versions.size()));
    m_progress->setValue(done);
}

void MigrationPage::runFinished()
{
    const MigrationOutcome& outcome = m_runner->outcome();
    UpgradeJournal journal = this->journal();
    if (m_runningAction == MigrationAction::Migrate)
        static_cast<void>(MigrationJournal::recordFinished(journal, outcome));
    else
        static_cast<void>(
            journal.append(QLatin1String(MigrationJournal::step), QStringLiteral("repair"),
                           {{QStringLiteral("ending"), migrationEndingName(outcome.ending)},
                            {QStringLiteral("exitCode"), outcome.exitCode}}));
    readJournal(false);
    m_resumeBanner->hide(); // the run's own outcome says it now
    m_watchdogLabel->hide();
    showVersions();
    if (m_runningAction == MigrationAction::Migrate &&
        outcome.ending == MigrationEnding::Succeeded) {
        m_succeeded = true;
        m_state->sortMemoryFailure.reset();
        m_forceCheck->setChecked(false);
        m_forceCheck->hide();
        setStatus(QStringLiteral("ok"), tr("<b>\u2713 Migration succeeded</b> in %1 s. %2<br>Press "
                                           "<b>Continue</b> for the After step.")
                                            .arg(outcome.seconds, 0, 'f', 1)
                                            .arg(escaped(outcome.explanation)));
    } else if (m_runningAction == MigrationAction::Repair) {
        setStatus(outcome.ending == MigrationEnding::Succeeded ? QStringLiteral("ok")
                                                               : QStringLiteral("failed"),
                  outcome.ending == MigrationEnding::Succeeded
                      ? tr("\u2713 Repair done. Run the migration again.")
                      : tr("\u2717 The repair failed: see the log."));
        m_runButton->setText(tr("&Retry migration"));
    } else {
        for (const MigrationFailure& failure : outcome.failures)
            if (failure.kind == MigrationFailure::Kind::SortMemory)
                m_state->sortMemoryFailure = WizardState::SortMemoryFailure{};
        showAdvice();
    }
    startPlan(); // what the database holds now
    updateButtons();
    Q_EMIT completeChanged();
}

void MigrationPage::showAdvice()
{
    const MigrationOutcome& outcome = m_runner->outcome();
    const bool cancelled = outcome.ending == MigrationEnding::Cancelled;
    QString html =
        cancelled ? tr("<b>Cancelled.</b> ") : tr("<b>\u2717 The migration failed.</b> ");
    html += escaped(outcome.explanation);
    if (!outcome.startError.isEmpty())
        html += QStringLiteral("<br>") + escaped(outcome.startError);
    for (const auto& failure : outcome.failures) {
        html += QStringLiteral("<br><br><b>%1</b><br>%2")
                    .arg(escaped(failure.title), escaped(failure.advice));
        if (!failure.evidence.isEmpty())
            html += QStringLiteral("<br><span style='color:#555'>%1 %2</span>")
                        .arg(tr("Seen:"), escaped(failure.evidence.left(300)));
    }
    setStatus(cancelled ? QStringLiteral("stale") : QStringLiteral("failed"), html);
    m_runButton->setText(tr("&Retry"));
    const auto step = outcome.failures.isEmpty() ? MigrationFailure::NextStep::None
                                                 : outcome.failures.first().nextStep;
    m_nextStepButton->setProperty("nextStep", int(step));
    m_nextStepButton->setText(nextStepLabel(step));
    m_nextStepButton->setVisible(step != MigrationFailure::NextStep::None &&
                                 step != MigrationFailure::NextStep::Retry &&
                                 step != MigrationFailure::NextStep::RunMigration);
    for (const auto& failure : outcome.failures)
        if (failure.kind == MigrationFailure::Kind::PartialRun)
            m_forceCheck->show();
    if (m_nextStepButton->isVisible())
        m_nextStepButton->setFocus();
    if (auto* scroll = findChild<QScrollArea*>())
        scroll->ensureWidgetVisible(m_statusFrame);
}

void MigrationPage::takeNextStep()
{
    using Step = MigrationFailure::NextStep;
    switch (Step(m_nextStepButton->property("nextStep").toInt())) {
    case Step::BackToTuning:
        goBackToTuning();
        break;
    case Step::Repair:
        run(MigrationAction::Repair);
        break;
    case Step::RetryWithForce:
        m_forceCheck->show();
        m_forceCheck->setFocus();
        setStatus(QStringLiteral("stale"),
                  tr("Tick the --force box to confirm, then Retry: every version runs again and "
                     "failing statements are logged and skipped."));
        break;
    default:
        run(MigrationAction::Migrate);
        break;
    }
}

void MigrationPage::goBackToTuning()
{
    Q_EMIT tuningRequested();
    QWizard* wizard = this->wizard();
    if (!wizard)
        return;
    if (wizard->visitedIds().contains(TuningPageId)) {
        while (wizard->currentId() != TuningPageId) {
            const int before = wizard->currentId();
            wizard->back();
            if (wizard->currentId() == before)
                break;
        }
    } else {
        // Opened straight on this page (a resumed upgrade): Tuning was never visited.
        wizard->setStartId(TuningPageId);
        wizard->restart();
    }
}

bool MigrationPage::isComplete() const
{
    return m_succeeded && !m_runner->isRunning();
}

bool MigrationPage::validatePage()
{
    return isComplete();
}

void MigrationPage::setStatus(const QString& state, const QString& html)
{
    m_statusFrame->setProperty("state", state);
    static const QMap<QString, QString> styles{
        {QStringLiteral("ok"),
         QStringLiteral("#migrationStatusFrame { background:#e8f5e9; border:1px solid #66bb6a; }")},
        {QStringLiteral("failed"),
         QStringLiteral("#migrationStatusFrame { background:#fdecea; border:1px solid #e57373; }")},
        {QStringLiteral("stale"),
         QStringLiteral("#migrationStatusFrame { background:#fff4e5; border:1px solid #ffb74d; }")},
    };
    m_statusFrame->setStyleSheet(styles.value(state));
    m_statusLabel->setText(html);
}

} // namespace omu::ui

#include "MigrationRunPanel.h"

#include "common/Markup.h"
#include "common/PageLayout.h"

#include <QCheckBox>
#include <QColor>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace omu::ui {

namespace {

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

QPlainTextEdit* fixedFontView(QWidget* parent, const char* name)
{
    auto* view = new QPlainTextEdit(parent);
    view->setObjectName(QLatin1String(name));
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return view;
}

} // namespace

MigrationRunPanel::MigrationRunPanel(QWidget* outcome, QWidget* parent)
    : QWidget(parent), m_runner(new MigrationRunner(this))
{
    m_commandView = fixedFontView(this, "migrationCommandView");
    m_commandView->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_commandView->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_commandView->setFixedHeight(QFontMetrics(m_commandView->font()).lineSpacing() * 5 + 12);
    m_forceCheck = new QCheckBox(tr("Re-run every version with --force (only after a plain retry "
                                    "failed; keep the backup at hand)"),
                                 this);
    m_forceCheck->setObjectName(QStringLiteral("forceCheck"));
    m_forceCheck->hide();
    m_runButton = new QPushButton(tr("&Run migration"), this);
    m_runButton->setObjectName(QStringLiteral("runMigrationButton"));
    m_cancelButton = new QPushButton(tr("Ca&ncel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelMigrationButton"));
    m_cancelButton->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("migrationProgress"));
    m_progress->setFormat(tr("Versions: known once the release is read"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_watchdogLabel = noticeLabel("watchdogLabel", this);

    m_versionsTree = new QTreeWidget(this);
    m_versionsTree->setObjectName(QStringLiteral("versionsTree"));
    m_versionsTree->setHeaderLabels({tr("Version"), tr("State"), tr("In DB"), tr("Detail")});
    m_versionsTree->setRootIsDecorated(false);
    m_versionsTree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_versionsTree->header()->setStretchLastSection(true);
    m_logSearchEdit = new QLineEdit(this);
    m_logSearchEdit->setObjectName(QStringLiteral("migrationLogSearchEdit"));
    m_logSearchEdit->setPlaceholderText(tr("Search the log (Enter: next match)"));
    m_logView = fixedFontView(this, "migrationLogView");
    m_logView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_logView->setMaximumBlockCount(50000);
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

    auto* commandRow = new QHBoxLayout;
    commandRow->addWidget(new QLabel(tr("Will run:"), this), 0, Qt::AlignTop);
    commandRow->addWidget(m_commandView, 1);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_runButton);
    runRow->addWidget(m_cancelButton);
    runRow->addWidget(m_progress, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(commandRow);
    layout->addWidget(m_forceCheck);
    layout->addLayout(runRow);
    layout->addWidget(m_watchdogLabel);
    layout->addWidget(outcome);
    layout->addWidget(splitter, 1);

    connect(m_runButton, &QPushButton::clicked, this, &MigrationRunPanel::runRequested);
    connect(m_forceCheck, &QCheckBox::toggled, this, &MigrationRunPanel::forceToggled);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        m_cancelButton->setEnabled(false);
        Q_EMIT cancelRequested();
        m_runner->cancel();
    });
    connect(m_runner, &MigrationRunner::lineReceived, this, &MigrationRunPanel::appendLog);
    connect(m_runner, &MigrationRunner::versionsChanged, this, &MigrationRunPanel::showVersions);
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
    connect(m_runner, &MigrationRunner::finished, this, [this] {
        m_watchdogLabel->hide();
        showVersions();
    });
    connect(m_logSearchEdit, &QLineEdit::returnPressed, this, &MigrationRunPanel::findInLog);
    connect(m_logSearchEdit, &QLineEdit::textChanged, this, [this] {
        m_logView->moveCursor(QTextCursor::Start);
        findInLog();
    });
}

bool MigrationRunPanel::isRunning() const
{
    return m_runner->isRunning();
}

bool MigrationRunPanel::hasLog() const
{
    return !m_runner->log().isEmpty();
}

QString MigrationRunPanel::runningWorkText() const
{
    const auto& versions = m_runner->versions();
    const auto done = std::count_if(versions.cbegin(), versions.cend(), [](const auto& version) {
        return version.state == VersionProgress::State::Succeeded;
    });
    const QString current = m_runner->currentVersion();
    return tr("OpenMetadata's migration tool has applied %1 of %2 versions%3. Stopping it is the "
              "page's Cancel: the tool is ended, a version under way may be left half applied, "
              "and the journal records where it stopped.")
        .arg(done)
        .arg(versions.size())
        .arg(current.isEmpty() ? QString() : tr(" and is migrating %1").arg(current));
}

void MigrationRunPanel::stopWork()
{
    if (m_cancelButton->isEnabled())
        m_cancelButton->click();
}

void MigrationRunPanel::showCommand(const QString& text, bool isError)
{
    m_commandView->setPlainText(text);
    m_commandView->setStyleSheet(
        isError ? QStringLiteral("color:%1;").arg(QLatin1String(markup::failedColour)) : QString());
}

void MigrationRunPanel::showPlanned(const MigrationPlan& plan)
{
    if (isRunning() || hasLog())
        return;
    m_versionsTree->clear();
    for (const auto& pending : plan.pending)
        new QTreeWidgetItem(m_versionsTree,
                            {pending.version.toString(), tr("waiting"), QString(), QString()});
    m_progress->setFormat(tr("%v of %m versions"));
    m_progress->setRange(0, int(plan.pending.size()));
    m_progress->setValue(0);
}

void MigrationRunPanel::showVersions()
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
            item->setForeground(1, QColor(QLatin1String(markup::failedColour)));
        if (version.state == VersionProgress::State::Succeeded)
            ++done;
    }
    m_progress->setFormat(tr("%v of %m versions"));
    m_progress->setRange(0, int(versions.size()));
    m_progress->setValue(done);
}

void MigrationRunPanel::start(const ToolCommandLine& command, const ConnectionProfile& profile,
                              const MigrationPlan& plan, const QString& logFile, int silenceSeconds)
{
    MigrationRunner::Options options;
    options.profile = profile;
    options.logFile = logFile;
    options.silenceSeconds = silenceSeconds;
    for (const auto& pending : plan.pending)
        options.expectedVersions << pending.version.toString();
    m_logView->clear();
    m_watchdogLabel->hide();
    m_progress->setRange(0, std::max(1, int(options.expectedVersions.size())));
    m_progress->setValue(0);
    m_runner->start(command, options);
    showVersions();
}

void MigrationRunPanel::setRunnable(bool enabled, const QString& whyNot)
{
    m_runButton->setEnabled(enabled);
    m_runButton->setToolTip(whyNot);
    m_cancelButton->setEnabled(isRunning());
}

void MigrationRunPanel::setRunText(const QString& text)
{
    m_runButton->setText(text);
}

bool MigrationRunPanel::forceChosen() const
{
    return m_forceCheck->isVisible() && m_forceCheck->isChecked();
}

void MigrationRunPanel::offerForce(bool focus)
{
    m_forceCheck->show();
    if (focus)
        m_forceCheck->setFocus();
}

void MigrationRunPanel::withdrawForce()
{
    m_forceCheck->setChecked(false);
    m_forceCheck->hide();
}

void MigrationRunPanel::startOver()
{
    withdrawForce();
    m_runButton->setText(tr("&Run migration"));
    // The log stays (it says what failed); the versions are all to run again.
    for (int i = 0; i < m_versionsTree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_versionsTree->topLevelItem(i);
        item->setText(1, tr("waiting"));
        item->setForeground(1, m_versionsTree->palette().text());
        item->setText(2, QString());
        item->setText(3, tr("rolled back"));
        item->setToolTip(3, QString());
    }
    m_progress->setValue(0);
}

void MigrationRunPanel::appendLog(const QString& line)
{
    m_logView->appendPlainText(line);
    if (!m_watchdogLabel->isHidden() && !line.startsWith(QLatin1String("[omupgrade]")))
        m_watchdogLabel->hide(); // it spoke again
}

void MigrationRunPanel::findInLog()
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

} // namespace omu::ui

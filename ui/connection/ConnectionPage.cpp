#include "ConnectionPage.h"

#include "common/Markup.h"
#include "common/ResultBanner.h"
#include "connection/InspectionTask.h"
#include "ConnectionFields.h"
#include "ConnectionResultText.h"
#include "journal/LeftToDo.h"
#include "UpgradeWizard.h"
#include "WizardPageId.h"

#include <QComboBox>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProcessEnvironment>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace omu::ui {

using markup::escaped;

namespace {

QMap<QString, QString> processEnvironment()
{
    QMap<QString, QString> environment;
    const auto system = QProcessEnvironment::systemEnvironment();
    for (const QString& key : system.keys())
        environment.insert(key, system.value(key));
    return environment;
}

} // namespace

ConnectionPage::ConnectionPage(WizardState* state, QWidget* parent)
    : QWizardPage(parent), m_state(state), m_task(new InspectionTask(this))
{
    setObjectName(QStringLiteral("connectionPage"));
    setTitle(tr("Connect to the metadata database"));

    m_resolveBanner =
        new ResultBanner(QStringLiteral("resolveFrame"), QStringLiteral("resolveBanner"), this);
    m_resolveBanner->hide();

    m_fields = new ConnectionFields(this);

    m_testButton = new QPushButton(tr("Test c&onnection"), this);
    m_testButton->setObjectName(QStringLiteral("testConnectionButton"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("testProgress"));
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progress->hide();
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_progress);
    testRow->addStretch(1);

    m_result =
        new ResultBanner(QStringLiteral("resultFrame"), QStringLiteral("connectionResult"), this);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_resolveBanner);
    layout->addWidget(m_fields);
    layout->addLayout(testRow);
    layout->addWidget(m_result);
    layout->addStretch(1);

    connect(m_testButton, &QPushButton::clicked, this, &ConnectionPage::startTest);
    connect(m_task, &InspectionTask::finished, this, &ConnectionPage::showOutcome);
    connect(m_fields, &ConnectionFields::edited, this, &ConnectionPage::fieldsEdited);
    setResult(QStringLiteral("idle"), tr("Not tested yet. Press <b>Test connection</b>."));
}

void ConnectionPage::initializePage()
{
    const auto& sources = m_state->sources;
    const QStringList files =
        QStringList{sources.configFile, sources.helmValuesFile} + sources.envFiles;
    if (m_resolvedFiles != files) { // first visit, or other files chosen on Welcome
        m_resolvedFiles = files;
        resolveFromSources();
    }
    describeSources();
    // An answer from an earlier visit is no answer for now, unless it passed with exactly
    // these fields.
    if (!isComplete() && !m_task->isRunning())
        setResult(QStringLiteral("idle"), tr("Not tested yet. Press <b>Test connection</b>."));
    // After QWizard has given focus to the first field: the password when it is missing,
    // else the test button, so Space tests straight away.
    QTimer::singleShot(0, this, [this] {
        if (m_fields->passwordMissing())
            m_fields->focusPassword();
        else
            m_testButton->setFocus();
    });
}

void ConnectionPage::describeSources()
{
    const auto& sources = m_state->sources;
    const bool files = !sources.configFile.isEmpty() || !sources.envFiles.isEmpty() ||
                       !sources.helmValuesFile.isEmpty();
    const bool options =
        sources.engine || sources.host || sources.port || sources.database || sources.user;
    setSubTitle(files     ? tr("These values were read from your files. Check them, then test "
                                   "the connection: every later step uses it.")
                : options ? tr("These values come from the command line and OpenMetadata's "
                               "defaults. Check them, then test the connection.")
                          : tr("No files were given: these are OpenMetadata's defaults. Type "
                               "your database's values, then test the connection."));
}

void ConnectionPage::resolveFromSources()
{
    ConnectionSources sources = m_state->sources;
    if (sources.environment.isEmpty())
        sources.environment = processEnvironment();
    const auto resolved = ConnectionResolver::resolve(sources);
    if (!resolved) {
        m_resolveBanner->showState(
            QStringLiteral("failed"),
            tr("<b>Could not read the connection from your files.</b><br>%1<br>"
               "Fix the file and go back, or type the values below.")
                .arg(markup::escapedLines(resolved.error().toString())));
        m_resolveBanner->show();
        ConnectionProfile fallback;
        fallback.engine = Engine::MySql;
        fallback.port = defaultPort(Engine::MySql);
        m_fields->showResolved(ResolvedConnection{fallback, {}, {}});
        return;
    }
    if (!resolved.value().warnings.isEmpty()) {
        m_resolveBanner->showState(
            QStringLiteral("stale"),
            QStringLiteral("\u26a0 ") +
                markup::escapedLines(resolved.value().warnings.join(QStringLiteral("\n")))
                    .replace(QStringLiteral("<br>"), QStringLiteral("<br>\u26a0 ")));
        m_resolveBanner->show();
    } else {
        m_resolveBanner->hide();
    }
    m_fields->showResolved(resolved.value());
}

ConnectionProfile ConnectionPage::currentProfile() const
{
    return m_fields->profile();
}

bool ConnectionPage::isComplete() const
{
    return m_state->testedProfile && *m_state->testedProfile == currentProfile() &&
           m_state->inspection && !m_state->inspection->problem && !m_task->isRunning();
}

int ConnectionPage::resumePage() const
{
    const auto left = m_state->testedProfile
                          ? LeftToDo::forDeployment(*m_state->testedProfile, m_state->dataFolder)
                          : Result<LeftToDo>(LeftToDo{});
    // Only what must not be left half done: a migration that did not finish, the After
    // step after it, or tuning still to put back. A finished upgrade starts afresh.
    switch (left ? left->resumeAt : JournalProgress::Step::Done) {
    case JournalProgress::Step::Migration:
        return MigrationPageId;
    case JournalProgress::Step::After:
        return AfterPageId;
    case JournalProgress::Step::Tuning:
        return TuningPageId;
    default:
        return -1;
    }
}

int ConnectionPage::nextId() const
{
    const int resume = resumePage();
    return resume >= 0 ? resume : QWizardPage::nextId();
}

void ConnectionPage::fieldsEdited()
{
    // A test result, passed or failed, only counts for the exact values it was run with.
    if (m_lastTried && !(*m_lastTried == currentProfile()) && !m_task->isRunning()) {
        m_lastTried.reset();
        m_state->testedProfile.reset();
        m_state->inspection.reset();
        setResult(
            QStringLiteral("stale"),
            tr("The fields changed since the last test. Press <b>Test connection</b> again."));
    }
    Q_EMIT completeChanged();
}

void ConnectionPage::startTest()
{
    m_state->testedProfile.reset();
    m_state->inspection.reset();
    m_lastTried = currentProfile();
    setBusy(true);
    setResult(QStringLiteral("busy"),
              tr("Connecting to %1 \u2026").arg(escaped(m_fields->hostAndPort())));
    m_task->start(currentProfile());
    Q_EMIT completeChanged();
}

void ConnectionPage::showOutcome()
{
    setBusy(false);
    const auto& outcome = *m_task->outcome();
    if (!outcome.ok()) {
        setResult(QStringLiteral("failed"), connectiontext::failureHtml(outcome.error()));
    } else if (outcome.value().problem) {
        setResult(QStringLiteral("failed"), connectiontext::failureHtml(*outcome.value().problem));
    } else {
        m_state->testedProfile = currentProfile();
        m_state->inspection = outcome.value();
        QString html = connectiontext::successHtml(outcome.value());
        if (const int resume = resumePage(); resume >= 0)
            html += tr("<br><br><b>An earlier upgrade of this deployment is not finished.</b> "
                       "%1<br>Next continues at the %2 step; Back from there reaches the others.")
                        .arg(escaped(LeftToDo::forDeployment(*m_state->testedProfile,
                                                             m_state->dataFolder)
                                         ->stateText()),
                             UpgradeWizard::stepTitles().value(resume));
        setResult(QStringLiteral("ok"), html);
    }
    Q_EMIT completeChanged();
}

void ConnectionPage::setBusy(bool busy)
{
    m_testButton->setEnabled(!busy);
    m_testButton->setText(busy ? tr("Testing\u2026") : tr("Test c&onnection"));
    m_progress->setVisible(busy);
    m_fields->setEditable(!busy);
    if (!busy)
        m_testButton->setFocus();
}

void ConnectionPage::setResult(const QString& state, const QString& html)
{
    m_result->showState(state, html);
}

} // namespace omu::ui

#include "TuningPage.h"

#include "common/ByteSize.h"
#include "common/Markup.h"
#include "common/PageLayout.h"
#include "common/ResultBanner.h"
#include "tuning/TuningAdvisor.h"
#include "tuning/TuningTask.h"
#include "TuningInstructionsBox.h"
#include "TuningOutcomeText.h"
#include "TuningSkipRow.h"
#include "TuningStateBox.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace omu::ui {

using markup::escapedLines;

TuningPage::TuningPage(WizardState* state, QWidget* parent)
    : QWizardPage(parent), m_state(state), m_task(new TuningTask(this))
{
    setObjectName(QStringLiteral("tuningPage"));
    setTitle(tr("Tune the database for the migration"));
    // Two lines at most: QWizard's header does not grow for a third.
    setSubTitle(tr("With too little sort memory the migration fails on MySQL (\u201cOut of sort "
                   "memory\u201d) and crawls on PostgreSQL. The original value is kept and put "
                   "back afterwards."));

    m_banner = noticeLabel("tuningBanner", this);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_stateBox = new TuningStateBox(this);

    // The recommendation, the value to apply, and the actions.
    auto* recommendBox = new QGroupBox(tr("Recommended"), this);
    recommendBox->setObjectName(QStringLiteral("recommendationBox"));
    m_recommendationLabel = tuningLabel("recommendationLabel", recommendBox);
    m_recommendationLabel->setTextFormat(Qt::RichText);
    m_recommendationReasonLabel = tuningLabel("recommendationReasonLabel", recommendBox);
    m_recommendationReasonLabel->setForegroundRole(QPalette::PlaceholderText);
    m_valueEdit = new QLineEdit(recommendBox);
    m_valueEdit->setObjectName(QStringLiteral("valueEdit"));
    m_valueEdit->setPlaceholderText(tr("e.g. 20MB"));
    m_valueEdit->setMaximumWidth(160);
    auto* valueLabel = new QLabel(tr("&Value to apply:"), recommendBox);
    valueLabel->setBuddy(m_valueEdit);
    m_applyButton = new QPushButton(tr("&Apply"), recommendBox);
    m_applyButton->setObjectName(QStringLiteral("applyButton"));
    m_revertButton = new QPushButton(tr("&Revert to the original"), recommendBox);
    m_revertButton->setObjectName(QStringLiteral("revertButton"));
    m_refreshButton = new QPushButton(tr("Read a&gain"), recommendBox);
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_progress = new QProgressBar(recommendBox);
    m_progress->setObjectName(QStringLiteral("tuningProgress"));
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(120);
    m_progress->setTextVisible(false);
    m_progress->hide();
    auto* actions = new QHBoxLayout;
    actions->addWidget(valueLabel);
    actions->addWidget(m_valueEdit);
    actions->addWidget(m_applyButton);
    actions->addWidget(m_progress);
    actions->addStretch(1);
    actions->addWidget(m_revertButton);
    actions->addWidget(m_refreshButton);
    auto* recommendLayout = new QVBoxLayout(recommendBox);
    recommendLayout->addWidget(m_recommendationLabel);
    recommendLayout->addWidget(m_recommendationReasonLabel);
    recommendLayout->addLayout(actions);

    m_result =
        new ResultBanner(QStringLiteral("tuningResultFrame"), QStringLiteral("tuningResult"), this);

    m_instructionsBox = new TuningInstructionsBox(this);
    m_skipRow = new TuningSkipRow(m_state, this);
    connect(m_skipRow, &TuningSkipRow::recorded, this, &TuningPage::setResult);

    auto* content = new QWidget; // scrolls on a small screen (a laptop at 200 %)
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_stateBox);
    layout->addWidget(recommendBox);
    layout->addWidget(m_result);
    layout->addWidget(m_instructionsBox);
    layout->addWidget(m_skipRow);
    layout->addStretch(1);
    setScrollingContent(this, content);

    connect(m_applyButton, &QPushButton::clicked, this, &TuningPage::startApply);
    connect(m_revertButton, &QPushButton::clicked, this, &TuningPage::startRevert);
    connect(m_refreshButton, &QPushButton::clicked, this, &TuningPage::refresh);
    connect(m_valueEdit, &QLineEdit::returnPressed, this, &TuningPage::startApply);
    connect(m_task, &TuningTask::finished, this, &TuningPage::showTaskResult);

    m_applyButton->setEnabled(false);
    m_revertButton->setEnabled(false);
    m_instructionsBox->hide();
    setResult(QStringLiteral("idle"), QString());
}

void TuningPage::initializePage()
{
    if (!m_state->testedProfile) {
        m_banner->setText(tr("<b>No tested connection.</b> Go back to the Connection page and "
                             "press <b>Test connection</b>; this step reads and changes the "
                             "setting through that connection."));
        m_banner->show();
        m_refreshButton->setEnabled(false);
        m_applyButton->setEnabled(false);
        m_revertButton->setEnabled(false);
        m_skipRow->setEnabled(false);
        return;
    }
    m_banner->hide();
    m_refreshButton->setEnabled(true);
    m_skipRow->setEnabled(true);
    refresh();
}

bool TuningPage::isComplete() const
{
    return !m_task->isRunning();
}

bool TuningPage::startTask(int action, std::optional<qint64> bytes)
{
    if (!m_state->testedProfile || m_task->isRunning())
        return false;
    TuningTask::Request request;
    request.action = TuningTask::Action(action);
    request.profile = *m_state->testedProfile;
    request.dataFolder = m_state->dataFolder;
    if (m_state->inspection)
        request.managed = m_state->inspection->server.managed;
    request.bytes = bytes;
    return m_task->start(request);
}

void TuningPage::refresh()
{
    if (startTask(int(TuningTask::Action::Show)))
        setBusy(true,
                tr("Reading the value a new connection gets and measuring query_entity\u2026"));
}

void TuningPage::startApply()
{
    if (!m_applyButton->isEnabled())
        return;
    const auto bytes = ByteSize::parse(m_valueEdit->text());
    if (!bytes) {
        setResult(QStringLiteral("failed"), QStringLiteral("<b>\u2717 %1</b><br>%2")
                                                .arg(escapedLines(bytes.error().message),
                                                     escapedLines(bytes.error().advice)));
        m_valueEdit->setFocus();
        m_valueEdit->selectAll();
        return;
    }
    if (startTask(int(TuningTask::Action::Apply), bytes.value()))
        setBusy(true, tr("Applying %1, then checking it through a new connection\u2026")
                          .arg(ByteSize::describe(bytes.value())));
}

void TuningPage::startRevert()
{
    if (startTask(int(TuningTask::Action::Revert)))
        setBusy(true, tr("Putting back the original, then checking it through a new "
                         "connection\u2026"));
}

void TuningPage::showTaskResult()
{
    setBusy(false);
    const bool changeAction = m_task->lastAction() != TuningTask::Action::Show;
    if (!changeAction)
        setResult(QStringLiteral("idle"), QString());
    const auto& report = m_task->report();
    if (report && report->ok()) {
        showReport(report->value());
    } else if (report) {
        m_stateBox->showUnreadable();
        m_applyButton->setEnabled(false);
    }
    const auto& outcome = m_task->outcome();
    if (changeAction && outcome) {
        m_result->setProperty(
            "verifiedBytes", outcome->ok() ? QVariant(outcome->value().verifiedBytes) : QVariant());
        QString state;
        const QString html = tuningtext::outcomeHtml(*outcome, &state);
        setResult(state, html);
    } else if (report && !report->ok()) {
        setResult(QStringLiteral("failed"), QStringLiteral("<b>\u2717 %1</b><br>%2")
                                                .arg(escapedLines(report->error().message),
                                                     escapedLines(report->error().advice)));
    }
    Q_EMIT completeChanged();
}

void TuningPage::showReport(const TuningReport& report)
{
    m_haveReport = true;
    m_stateBox->showReport(report);

    // After a sort-memory failure the value that failed is the better guide than the rule.
    TuningRecommendation recommendation = report.recommendation;
    bool below = report.belowRecommendation();
    if (m_state->sortMemoryFailure) {
        auto& failure = *m_state->sortMemoryFailure;
        // What failed is what a plain read finds; a report after Apply shows the new value.
        if (!failure.inForceBytes && m_task->lastAction() == TuningTask::Action::Show)
            failure.inForceBytes = report.newSessionBytes;
        const qint64 failed = failure.inForceBytes.value_or(report.newSessionBytes);
        recommendation =
            TuningAdvisor::afterSortMemoryFailure(failed, report.recommendation, report.engine);
        below = report.newSessionBytes < recommendation.bytes;
        const QString failedText = escapedLines(ByteSize::describe(failed));
        m_banner->setText(
            below ? tr("<b>The migration ran out of sort memory</b> with %1 = %2. Apply the "
                       "larger value below, then go on to the Migration step and press "
                       "<b>Retry</b>.")
                        .arg(escapedLines(report.parameter), failedText)
                  : tr("<b>The migration ran out of sort memory</b> with %1 = %2; %3 is in force "
                       "now. Go on to the Migration step and press <b>Retry</b>.")
                        .arg(escapedLines(report.parameter), failedText,
                             escapedLines(ByteSize::describe(report.newSessionBytes))));
        m_banner->show();
    } else {
        m_banner->hide();
    }
    m_recommendationLabel->setText(
        QStringLiteral("<b>%1 = %2</b> &nbsp; %3")
            .arg(escapedLines(report.parameter),
                 escapedLines(
                     ByteSize::withDescription(recommendation.bytes, recommendation.serverValue)),
                 below ? markup::coloured(markup::staleColour, tr("(more than now)"))
                       : markup::coloured(markup::okColour,
                                          tr("(what is in force already covers it)"))));
    m_recommendationReasonLabel->setText(recommendation.reason);
    if (m_valueEdit->text().isEmpty() || !m_valueEdit->isModified())
        m_valueEdit->setText(ByteSize::postgresValue(recommendation.bytes));

    m_applyButton->setEnabled(report.privileges.canApply);
    m_applyButton->setToolTip(report.privileges.canApply ? QString()
                                                         : report.privileges.explanation);
    m_revertButton->setEnabled(report.pending.has_value());
    m_revertButton->setToolTip(report.pending ? QString()
                                              : tr("omupgrade has not changed this value."));

    m_instructionsBox->showReport(report, recommendation.bytes);
    if (!report.warnings.isEmpty() && m_result->state() == QLatin1String("idle"))
        setResult(QStringLiteral("idle"),
                  markup::warning(report.warnings.join(QStringLiteral("\n")))
                      .replace(QLatin1Char('\n'), QStringLiteral("<br>")));
}

void TuningPage::setBusy(bool busy, const QString& what)
{
    m_progress->setVisible(busy);
    m_valueEdit->setEnabled(!busy);
    m_refreshButton->setEnabled(!busy && m_state->testedProfile.has_value());
    m_skipRow->setEnabled(!busy && m_state->testedProfile.has_value());
    if (busy) {
        m_applyButton->setEnabled(false);
        m_revertButton->setEnabled(false);
        m_applyButton->setText(m_task->lastAction() == TuningTask::Action::Apply
                                   ? tr("Applying\u2026")
                                   : tr("&Apply"));
        m_revertButton->setText(m_task->lastAction() == TuningTask::Action::Revert
                                    ? tr("Reverting\u2026")
                                    : tr("&Revert to the original"));
        setResult(QStringLiteral("busy"), escapedLines(what));
    } else {
        m_applyButton->setText(tr("&Apply"));
        m_revertButton->setText(tr("&Revert to the original"));
    }
    Q_EMIT completeChanged();
}

void TuningPage::setResult(const QString& state, const QString& html)
{
    m_result->showState(state, html);
    m_result->setVisible(!html.isEmpty());
}

} // namespace omu::ui

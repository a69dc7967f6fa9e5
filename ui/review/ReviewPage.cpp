#include "ReviewPage.h"

#include "common/Markup.h"
#include "common/PageLayout.h"
#include "common/ResultBanner.h"
#include "FindingDetailPane.h"
#include "FindingsTree.h"
#include "FixPreviewPane.h"
#include "releases/ReleaseRegistry.h"
#include "review/ReviewRecorder.h"
#include "review/ReviewTask.h"
#include "ReviewBrowser.h"
#include "ReviewInputsForm.h"
#include "ReviewText.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QProgressBar>
#include <QUrl>

namespace omu::ui {

using markup::escaped;
using namespace reviewtext;

ReviewPage::ReviewPage(WizardState* state, QWidget* parent)
    : QWizardPage(parent), m_state(state), m_task(new ReviewTask(this))
{
    setObjectName(QStringLiteral("reviewPage"));
    setTitle(tr("Review breaking changes"));
    setSubTitle(tr("What changes between your release and the target, found in your own files, "
                   "database and search engine. Fix or acknowledge every blocker to continue."));

    if (auto catalog = Catalog::loadBuiltIn())
        m_catalog = std::make_shared<const Catalog>(std::move(catalog).value());
    else
        m_catalogError = catalog.error().toString();

    m_inputs = new ReviewInputsForm(this);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("reviewProgress"));
    m_progress->setRange(0, 0);
    m_progress->setMaximumHeight(8);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("reviewStatus"));
    m_statusLabel->hide();

    m_banner =
        new ResultBanner(QStringLiteral("reviewBanner"), QStringLiteral("reviewBannerLabel"), this);
    m_banner->layout()->setContentsMargins(8, 4, 8, 4);
    m_banner->hide();

    m_filter = new FindingsFilterBar(this);
    m_browser = new ReviewBrowser(this);
    m_tree = m_browser->tree();
    m_detail = m_browser->detail();
    m_preview = m_browser->preview();
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("reviewSummary"));
    m_summaryLabel->setWordWrap(true);

    auto* content = new QWidget; // scrolls on a small screen (a laptop at 200 %)
    auto* layout = new QVBoxLayout(content);
    for (QWidget* widget : std::initializer_list<QWidget*>{
             m_inputs, m_progress, m_statusLabel, m_banner, m_filter, m_browser, m_summaryLabel})
        layout->addWidget(widget, widget == m_browser ? 1 : 0);
    setScrollingContent(this, content);

    connect(m_inputs, &ReviewInputsForm::runRequested, this, &ReviewPage::startReview);
    connect(m_task, &ReviewTask::finished, this, &ReviewPage::reviewFinished);
    connect(m_task, &ReviewTask::progress, m_statusLabel, &QLabel::setText);
    connect(m_filter, &FindingsFilterBar::filterChanged, this, &ReviewPage::applyFilter);
    connect(m_tree, &FindingsTree::selectionChanged, this, &ReviewPage::showDetail);
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, &ReviewPage::openSelectedFile);
    connect(m_tree, &FindingsTree::fixToggled, this, [this](const QString& key, bool chosen) {
        if (chosen)
            m_chosen.insert(key);
        else
            m_chosen.remove(key);
        updatePreview();
    });
    connect(m_detail, &FindingDetailPane::openFileRequested, this, &ReviewPage::openSelectedFile);
    connect(m_detail, &FindingDetailPane::acknowledgementChanged, this,
            &ReviewPage::acknowledgementChanged);
    connect(m_preview, &FixPreviewPane::applyRequested, this, &ReviewPage::applyFixes);
}

void ReviewPage::initializePage()
{
    const QString from =
        m_state->inspection ? m_state->inspection->openMetadata.version : QString();
    const auto* newest = ReleaseRegistry::builtIn().newest();
    m_inputs->setReleases(from, m_state->targetRelease.isEmpty() && newest
                                    ? newest->version.toString()
                                    : m_state->targetRelease);
    startReview();
}

void ReviewPage::startReview()
{
    if (!m_catalog) {
        setBanner(QStringLiteral("failed"),
                  tr("<b>The breaking-change catalog cannot be used.</b><br>%1")
                      .arg(escaped(m_catalogError)));
        return;
    }
    ReviewRequest request;
    m_inputs->fillRequest(request);
    request.configFile = m_state->sources.configFile;
    request.envFiles = m_state->sources.envFiles;
    request.helmValuesFile = m_state->sources.helmValuesFile;
    if (m_state->testedProfile)
        request.database = *m_state->testedProfile;
    else
        request.databaseUnavailableReason =
            tr("the connection was not tested on the Connection page");
    // A fix's success stays in view while the review runs again; older news goes.
    if (m_banner->state() != QLatin1String("ok") || !m_keepBanner)
        m_banner->hide();
    m_keepBanner = false;
    setBusy(true);
    m_task->start(m_catalog, request);
    Q_EMIT completeChanged();
}

void ReviewPage::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_statusLabel->setVisible(busy);
    if (busy)
        m_statusLabel->setText(tr("Reviewing…"));
    m_inputs->setRunning(busy);
    m_preview->setApplyEnabled(!busy && m_plan && !m_plan->isEmpty());
}

void ReviewPage::reviewFinished()
{
    setBusy(false);
    const auto& outcome = m_task->outcome();
    if (!outcome)
        return;
    if (!outcome->ok()) {
        m_report.reset();
        m_tree->showReport(nullptr, {}, {});
        setBanner(
            QStringLiteral("failed"),
            tr("<b>The review could not run.</b><br>%1").arg(escaped(outcome->error().toString())));
        updateSummary();
        Q_EMIT completeChanged();
        return;
    }
    m_report.reset();
    m_report.emplace(outcome->value());
    // Keep the ticks of fixes that are still there.
    QSet<QString> still;
    for (const Finding& finding : m_report->findings)
        if (finding.autofix && m_chosen.contains(finding.key()))
            still.insert(finding.key());
    m_chosen = still;
    m_tree->showReport(&*m_report, m_chosen, m_acknowledged);
    applyFilter();
    updatePreview();
    updateSummary();
    m_tree->setFocus();
    Q_EMIT completeChanged();
}

void ReviewPage::applyFilter()
{
    m_tree->applyFilter(m_filter->severity(), m_filter->text());
}

void ReviewPage::showDetail()
{
    const Finding* finding = m_tree->selectedFinding();
    const QTreeWidgetItem* item = m_tree->currentItem();
    const QString note =
        item ? QStringLiteral("<p>%1</p>")
                   .arg(escaped(item->toolTip(0).isEmpty() ? item->text(0) : item->toolTip(0)))
        : m_report ? tr("<p>Select a finding to see why it matters and how to fix it.</p>")
                   : QString();
    m_detail->showFinding(
        finding, finding && ReviewCompletion::isAcknowledged(*finding, m_acknowledged), note);
}

void ReviewPage::updatePreview()
{
    QList<Finding> chosen;
    if (m_report)
        for (const Finding& finding : m_report->findings)
            if (finding.autofix && m_chosen.contains(finding.key()))
                chosen << finding;
    m_plan.reset();
    if (!chosen.isEmpty())
        m_plan.emplace(FixPlanner::plan(chosen));
    m_preview->showPlan(m_plan ? &*m_plan : nullptr);
    m_browser->setChosenFixes(chosen.size());
    m_preview->setApplyEnabled(m_plan && !m_task->isRunning() && !m_plan->isEmpty());
}

void ReviewPage::applyFixes()
{
    if (!m_plan || m_plan->isEmpty())
        return;
    auto applied = FixApplier::apply(*m_plan);
    if (!applied) {
        const Error& error = applied.error();
        setBanner(QStringLiteral("failed"),
                  tr("<b>\u2717 No fix was applied.</b><br>%1: %2<br><b>What to do:</b> %3")
                      .arg(escaped(error.where), escaped(error.message), escaped(error.advice)));
        return;
    }
    setBanner(QStringLiteral("ok"), fixedHtml(applied.value()));
    if (m_report)
        m_fixed << ReviewCompletion::fixedBy(*m_plan, m_report->findings);
    m_chosen.clear();
    m_plan.reset();
    m_preview->showPlan(nullptr);
    m_browser->setChosenFixes(0);
    m_keepBanner = true;
    startReview();
}

void ReviewPage::openSelectedFile()
{
    const Finding* finding = m_tree->selectedFinding();
    if (!finding || finding->file.isEmpty())
        return;
    QUrl url = QUrl::fromLocalFile(QFileInfo(finding->file).absoluteFilePath());
    // Editors that understand it jump to the line; the others open the file.
    if (finding->line > 0)
        url.setFragment(QStringLiteral("L%1").arg(finding->line));
    QDesktopServices::openUrl(url);
}

void ReviewPage::acknowledgementChanged(bool acknowledged)
{
    const Finding* finding = m_tree->selectedFinding();
    if (!finding || finding->severity != Severity::Blocker)
        return;
    if (acknowledged)
        m_acknowledged.insert(ReviewCompletion::acknowledgementKey(*finding));
    else
        m_acknowledged.remove(ReviewCompletion::acknowledgementKey(*finding));
    m_tree->markCurrent(m_acknowledged);
    updateSummary();
    Q_EMIT completeChanged();
}

int ReviewPage::openBlockers() const
{
    if (!m_report)
        return 0;
    int open = 0;
    for (const Finding& finding : m_report->findings)
        if (finding.severity == Severity::Blocker && !finding.manual &&
            !ReviewCompletion::isAcknowledged(finding, m_acknowledged))
            ++open;
    return open;
}

bool ReviewPage::isComplete() const
{
    return m_report.has_value() && !m_task->isRunning() && openBlockers() == 0;
}

bool ReviewPage::validatePage()
{
    // The migration's gate reads this: no blocker may be open when it runs.
    if (m_state->testedProfile && m_report) {
        ReviewCompletion completion =
            ReviewCompletion::of(*m_report, m_acknowledged, QStringLiteral("wizard"), m_fixed);
        if (!m_state->targetRelease.isEmpty())
            completion.to = m_state->targetRelease;
        const auto written =
            ReviewRecorder(*m_state->testedProfile, m_state->dataFolder).completed(completion);
        if (!written) {
            m_summaryLabel->setText(written.error().toString().toHtmlEscaped());
            return false;
        }
    }
    return true;
}

void ReviewPage::updateSummary()
{
    m_summaryLabel->setText(m_report ? summaryHtml(*m_report, openBlockers()) : QString());
}

void ReviewPage::setBanner(const QString& state, const QString& html)
{
    m_banner->showState(state, html);
    m_banner->show();
}

} // namespace omu::ui

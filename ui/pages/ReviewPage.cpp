#include "ReviewPage.h"

#include "journal/UpgradeJournal.h"
#include "releases/ReleaseRegistry.h"
#include "review/ReviewTask.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace omu::ui {

namespace {

enum ItemRole
{
    KindRole = Qt::UserRole, // "group", "finding", "note"
    IndexRole,               // index into the report's findings
    FilterRole,              // "blocker", "warning", "notice", "manual", "other"
};

// "1 blocker", "3 blockers" (there is no translation file to pluralise %n).
QString plural(qsizetype n, const QString& one, const QString& many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

QString escaped(const QString& text)
{
    return text.toHtmlEscaped();
}

QString severityTitle(Severity severity)
{
    switch (severity) {
    case Severity::Blocker:
        return QObject::tr("Blockers");
    case Severity::Warning:
        return QObject::tr("Warnings");
    case Severity::Notice:
        break;
    }
    return QObject::tr("Notices");
}

QString severityWord(Severity severity)
{
    switch (severity) {
    case Severity::Blocker:
        return QObject::tr("Blocker");
    case Severity::Warning:
        return QObject::tr("Warning");
    case Severity::Notice:
        break;
    }
    return QObject::tr("Notice");
}

QColor severityColor(Severity severity)
{
    switch (severity) {
    case Severity::Blocker:
        return QColor(0xb7, 0x1c, 0x1c);
    case Severity::Warning:
        return QColor(0x8a, 0x53, 0x00);
    case Severity::Notice:
        break;
    }
    return QColor(0x1a, 0x52, 0x76);
}

// Where a finding is, short enough for a column: "openmetadata.yaml:45", "database".
QString shortPlace(const Finding& finding)
{
    if (!finding.file.isEmpty())
        return finding.line > 0 ? QStringLiteral("%1:%2")
                                      .arg(QFileInfo(finding.file).fileName())
                                      .arg(finding.line)
                                : QFileInfo(finding.file).fileName();
    if (finding.manual)
        return QObject::tr("check by hand");
    if (finding.detector.startsWith(QLatin1String("db-")) ||
        finding.detector.startsWith(QLatin1String("requirement-database")) ||
        finding.detector.startsWith(QLatin1String("requirement-postgres")))
        return QObject::tr("database");
    if (finding.detector.startsWith(QLatin1String("search")) ||
        finding.detector == QLatin1String("requirement-search"))
        return QObject::tr("search engine");
    if (finding.detector == QLatin1String("requirement-java"))
        return QObject::tr("this machine");
    return QObject::tr("this release step");
}

} // namespace

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

    // --- what to review ---------------------------------------------------------------
    m_fromCombo = new QComboBox(this);
    m_fromCombo->setObjectName(QStringLiteral("fromCombo"));
    m_fromCombo->setEditable(true);
    m_fromCombo->addItems(ReleaseRegistry::builtIn().versions());
    m_fromCombo->setToolTip(tr("The release running now (read from the database when the "
                               "connection was tested)."));
    m_toLabel = new QLabel(this);
    m_toLabel->setObjectName(QStringLiteral("toLabel"));
    m_workflowsEdit = new QLineEdit(this);
    m_workflowsEdit->setObjectName(QStringLiteral("workflowsEdit"));
    m_workflowsEdit->setPlaceholderText(tr("Folder of ingestion workflow YAMLs (optional)"));
    m_codeEdit = new QLineEdit(this);
    m_codeEdit->setObjectName(QStringLiteral("codeEdit"));
    m_codeEdit->setPlaceholderText(tr("Folder of custom connector code (optional)"));
    m_searchUrlEdit = new QLineEdit(this);
    m_searchUrlEdit->setObjectName(QStringLiteral("searchUrlEdit"));
    m_searchUrlEdit->setPlaceholderText(
        tr("As in openmetadata.yaml, or e.g. http://localhost:9200"));
    auto browse = [this](QLineEdit* edit, const QString& title) {
        auto* button = new QPushButton(tr("Browse…"), this);
        connect(button, &QPushButton::clicked, this, [this, edit, title] {
            const QString folder = QFileDialog::getExistingDirectory(this, title, edit->text());
            if (!folder.isEmpty())
                edit->setText(folder);
        });
        return button;
    };
    m_runButton = new QPushButton(tr("Review again"), this);
    m_runButton->setObjectName(QStringLiteral("runReviewButton"));

    auto* inputs = new QGridLayout;
    inputs->setColumnStretch(1, 1);
    auto* releases = new QHBoxLayout;
    releases->addWidget(m_fromCombo);
    releases->addWidget(new QLabel(QStringLiteral("→"), this));
    releases->addWidget(m_toLabel);
    releases->addStretch();
    inputs->addWidget(new QLabel(tr("Release step:"), this), 0, 0);
    inputs->addLayout(releases, 0, 1);
    inputs->addWidget(m_runButton, 0, 2);
    inputs->addWidget(new QLabel(tr("Workflows:"), this), 1, 0);
    inputs->addWidget(m_workflowsEdit, 1, 1);
    inputs->addWidget(browse(m_workflowsEdit, tr("Folder of ingestion workflow YAMLs")), 1, 2);
    inputs->addWidget(new QLabel(tr("Connector code:"), this), 2, 0);
    inputs->addWidget(m_codeEdit, 2, 1);
    inputs->addWidget(browse(m_codeEdit, tr("Folder of custom connector code")), 2, 2);
    inputs->addWidget(new QLabel(tr("Search engine:"), this), 3, 0);
    inputs->addWidget(m_searchUrlEdit, 3, 1, 1, 2);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("reviewProgress"));
    m_progress->setRange(0, 0);
    m_progress->setMaximumHeight(8);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("reviewStatus"));
    m_statusLabel->hide();

    m_bannerFrame = new QFrame(this);
    m_bannerFrame->setObjectName(QStringLiteral("reviewBanner"));
    m_bannerFrame->setFrameShape(QFrame::StyledPanel);
    m_bannerLabel = new QLabel(m_bannerFrame);
    m_bannerLabel->setObjectName(QStringLiteral("reviewBannerLabel"));
    m_bannerLabel->setWordWrap(true);
    m_bannerLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* bannerLayout = new QVBoxLayout(m_bannerFrame);
    bannerLayout->setContentsMargins(8, 4, 8, 4);
    bannerLayout->addWidget(m_bannerLabel);
    m_bannerFrame->hide();

    // --- findings -----------------------------------------------------------------------
    m_filterCombo = new QComboBox(this);
    m_filterCombo->setObjectName(QStringLiteral("severityFilter"));
    m_filterCombo->addItem(tr("All findings"), QString());
    m_filterCombo->addItem(tr("Blockers"), QStringLiteral("blocker"));
    m_filterCombo->addItem(tr("Warnings"), QStringLiteral("warning"));
    m_filterCombo->addItem(tr("Notices"), QStringLiteral("notice"));
    m_filterCombo->addItem(tr("Manual checks"), QStringLiteral("manual"));
    m_filterCombo->addItem(tr("With an automatic fix"), QStringLiteral("autofix"));
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("findingFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter by text, id or file"));
    m_filterEdit->setClearButtonEnabled(true);
    auto* filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Show:"), this));
    filters->addWidget(m_filterCombo);
    filters->addWidget(m_filterEdit, 1);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("findingsTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Finding (tick to fix automatically)"), tr("Where")});
    m_tree->setUniformRowHeights(true);
    m_tree->setIndentation(14);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::Interactive);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->resizeSection(1, 150);

    m_detail = new QTextBrowser(this);
    m_detail->setObjectName(QStringLiteral("findingDetail"));
    m_detail->setOpenLinks(false);
    m_openFileButton = new QPushButton(tr("Open file"), this);
    m_openFileButton->setObjectName(QStringLiteral("openFileButton"));
    m_openFileButton->setEnabled(false);
    m_acknowledgeCheck = new QCheckBox(tr("Acknowledged: I will handle it myself"), this);
    m_acknowledgeCheck->setToolTip(
        tr("Tick when you have dealt with this blocker yourself, or accept "
           "the risk. Next needs every blocker fixed or acknowledged."));
    m_acknowledgeCheck->setObjectName(QStringLiteral("acknowledgeCheck"));
    m_acknowledgeCheck->setEnabled(false);
    auto* detailPane = new QWidget(this);
    auto* detailLayout = new QVBoxLayout(detailPane);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_detail, 1);
    detailLayout->addWidget(m_acknowledgeCheck);
    auto* detailButtons = new QHBoxLayout;
    detailButtons->addStretch();
    detailButtons->addWidget(m_openFileButton);
    detailLayout->addLayout(detailButtons);

    m_preview = new QPlainTextEdit(this);
    m_preview->setObjectName(QStringLiteral("diffPreview"));
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setPlaceholderText(
        tr("Tick the findings marked \"fix available\" to see here exactly "
           "what would change."));
    m_applyButton = new QPushButton(tr("Apply selected fixes"), this);
    m_applyButton->setObjectName(QStringLiteral("applyFixesButton"));
    m_applyButton->setEnabled(false);
    auto* previewPane = new QWidget(this);
    auto* previewLayout = new QVBoxLayout(previewPane);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    previewLayout->addWidget(m_preview, 1);
    auto* previewButtons = new QHBoxLayout;
    auto* previewNote = new QLabel(tr("Each original is kept beside it as .bak-<time>."), this);
    previewNote->setWordWrap(true);
    previewNote->setTextFormat(Qt::PlainText);
    previewButtons->addWidget(previewNote, 1);
    previewButtons->addWidget(m_applyButton);
    previewLayout->addLayout(previewButtons);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->addTab(detailPane, tr("Details"));
    m_tabs->addTab(previewPane, tr("Fix preview"));

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    // The list gets the room while reading details (titles are long, details wrap); the
    // diff gets it while previewing fixes.
    m_tree->setMinimumWidth(260);
    m_tabs->setMinimumWidth(240);
    m_splitter->setSizes({440, 270});
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        const int total = m_splitter->width();
        m_splitter->setSizes(index == 1 ? QList<int>{total * 2 / 5, total * 3 / 5}
                                        : QList<int>{total * 3 / 5, total * 2 / 5});
    });

    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("reviewSummary"));
    m_summaryLabel->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(inputs);
    layout->addWidget(m_progress);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_bannerFrame);
    layout->addLayout(filters);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_summaryLabel);

    connect(m_runButton, &QPushButton::clicked, this, &ReviewPage::startReview);
    connect(m_task, &ReviewTask::finished, this, &ReviewPage::reviewFinished);
    connect(m_task, &ReviewTask::progress, this,
            [this](const QString& text) { m_statusLabel->setText(text); });
    connect(m_filterCombo, &QComboBox::currentIndexChanged, this, &ReviewPage::applyFilter);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &ReviewPage::applyFilter);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &ReviewPage::showDetail);
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, &ReviewPage::openSelectedFile);
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
        if (m_filling || column != 0 ||
            item->data(0, KindRole).toString() != QLatin1String("finding"))
            return;
        const Finding& finding = m_report->findings.at(item->data(0, IndexRole).toInt());
        if (item->checkState(0) == Qt::Checked)
            m_chosen.insert(finding.key());
        else
            m_chosen.remove(finding.key());
        updatePreview();
    });
    connect(m_openFileButton, &QPushButton::clicked, this, &ReviewPage::openSelectedFile);
    connect(m_acknowledgeCheck, &QCheckBox::toggled, this, &ReviewPage::acknowledgementChanged);
    connect(m_applyButton, &QPushButton::clicked, this, &ReviewPage::applyFixes);
}

void ReviewPage::initializePage()
{
    QString from;
    if (m_state->inspection && !m_state->inspection->openMetadata.version.isEmpty())
        from = m_state->inspection->openMetadata.version;
    if (!from.isEmpty())
        m_fromCombo->setCurrentText(from);
    const QString to = m_state->targetRelease.isEmpty() && ReleaseRegistry::builtIn().newest()
                           ? ReleaseRegistry::builtIn().newest()->version.toString()
                           : m_state->targetRelease;
    m_toLabel->setText(QStringLiteral("<b>%1</b>").arg(escaped(to)));
    m_toLabel->setProperty("release", to);
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
    request.from = m_fromCombo->currentText().trimmed();
    request.to = m_toLabel->property("release").toString();
    request.configFile = m_state->sources.configFile;
    request.envFiles = m_state->sources.envFiles;
    request.helmValuesFile = m_state->sources.helmValuesFile;
    request.workflowsFolder = m_workflowsEdit->text().trimmed();
    request.codeFolder = m_codeEdit->text().trimmed();
    request.searchUrl = m_searchUrlEdit->text().trimmed();
    if (m_state->testedProfile)
        request.database = *m_state->testedProfile;
    else
        request.databaseUnavailableReason =
            tr("the connection was not tested on the Connection page");
    // A fix's success stays in view while the review runs again; older news goes.
    if (m_bannerFrame->property("state").toString() != QLatin1String("ok") || !m_keepBanner)
        m_bannerFrame->hide();
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
    m_runButton->setEnabled(!busy);
    m_applyButton->setEnabled(!busy && m_plan && !m_plan->isEmpty());
}

void ReviewPage::reviewFinished()
{
    setBusy(false);
    const auto& outcome = m_task->outcome();
    if (!outcome)
        return;
    if (!outcome->ok()) {
        m_report.reset();
        fillTree();
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
    fillTree();
    updatePreview();
    updateSummary();
    m_tree->setFocus();
    Q_EMIT completeChanged();
}

void ReviewPage::fillTree()
{
    m_filling = true;
    m_tree->clear();
    if (!m_report) {
        m_filling = false;
        showDetail();
        return;
    }
    QFont bold = m_tree->font();
    bold.setBold(true);
    auto group = [&](const QString& title, const QString& filter, const QColor& color) {
        auto* item = new QTreeWidgetItem(m_tree, {title});
        item->setData(0, KindRole, QStringLiteral("group"));
        item->setData(0, FilterRole, filter);
        item->setFont(0, bold);
        item->setForeground(0, color);
        item->setFlags(Qt::ItemIsEnabled);
        item->setFirstColumnSpanned(true);
        return item;
    };
    const auto& findings = m_report->findings;
    auto addFinding = [&](QTreeWidgetItem* parent, int index) {
        const Finding& finding = findings.at(index);
        auto* item = new QTreeWidgetItem(parent, {finding.title, shortPlace(finding)});
        item->setData(0, KindRole, QStringLiteral("finding"));
        item->setData(0, IndexRole, index);
        item->setToolTip(0, finding.message);
        item->setToolTip(1, finding.location());
        Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
        if (finding.autofix) {
            flags |= Qt::ItemIsUserCheckable;
            item->setCheckState(0, m_chosen.contains(finding.key()) ? Qt::Checked : Qt::Unchecked);
        }
        item->setFlags(flags);
        markAcknowledged(item, finding);
    };

    for (Severity severity : {Severity::Blocker, Severity::Warning, Severity::Notice}) {
        QList<int> indexes;
        for (int i = 0; i < findings.size(); ++i)
            if (!findings.at(i).manual && findings.at(i).severity == severity)
                indexes << i;
        if (indexes.isEmpty())
            continue;
        auto* top =
            group(QStringLiteral("%1 (%2)").arg(severityTitle(severity)).arg(indexes.size()),
                  severityName(severity), severityColor(severity));
        QTreeWidgetItem* release = nullptr;
        QString since;
        for (int index : indexes) {
            if (!release || findings.at(index).since != since) {
                since = findings.at(index).since;
                release = new QTreeWidgetItem(top, {tr("Since %1").arg(since)});
                release->setData(0, KindRole, QStringLiteral("group"));
                release->setData(0, FilterRole, severityName(severity));
                release->setFlags(Qt::ItemIsEnabled);
                release->setFirstColumnSpanned(true);
            }
            addFinding(release, index);
        }
    }
    QList<int> manual;
    for (int i = 0; i < findings.size(); ++i)
        if (findings.at(i).manual)
            manual << i;
    if (!manual.isEmpty()) {
        auto* top = group(tr("Manual checks (%1) — the tool cannot see these").arg(manual.size()),
                          QStringLiteral("manual"), QColor(0x44, 0x44, 0x44));
        for (int index : manual)
            addFinding(top, index);
    }
    if (!m_report->notChecked.isEmpty() || !m_report->problems.isEmpty()) {
        auto* top = group(
            tr("Not checked (%1)").arg(m_report->notChecked.size() + m_report->problems.size()),
            QStringLiteral("other"), QColor(0x55, 0x55, 0x55));
        for (const ReviewProblem& problem : m_report->problems) {
            auto* item = new QTreeWidgetItem(
                top,
                {problem.message,
                 QFileInfo(problem.file).fileName() +
                     (problem.line > 0 ? QStringLiteral(":%1").arg(problem.line) : QString())});
            item->setData(0, KindRole, QStringLiteral("note"));
            item->setToolTip(0, problem.toString());
            item->setForeground(0, severityColor(Severity::Blocker));
        }
        // One line per reason.
        QStringList reasons;
        QMap<QString, QStringList> ids;
        for (const NotChecked& skipped : m_report->notChecked) {
            if (!ids.contains(skipped.reason))
                reasons << skipped.reason;
            ids[skipped.reason] << skipped.id;
        }
        for (const QString& reason : reasons) {
            auto* item = new QTreeWidgetItem(
                top, {reason, plural(ids.value(reason).size(), tr("check"), tr("checks"))});
            item->setData(0, KindRole, QStringLiteral("note"));
            item->setToolTip(0, ids.value(reason).join(QStringLiteral(", ")));
        }
    }
    m_tree->expandAll();
    m_filling = false;
    applyFilter();
    // Start on the first finding, so the detail pane is never empty.
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        if ((*it)->data(0, KindRole).toString() == QLatin1String("finding") && !(*it)->isHidden()) {
            m_tree->setCurrentItem(*it);
            break;
        }
    showDetail();
}

void ReviewPage::applyFilter()
{
    if (!m_report)
        return;
    const QString severity = m_filterCombo->currentData().toString();
    const QString text = m_filterEdit->text().trimmed();
    // Leaves first, then groups visible when something below them is.
    std::function<bool(QTreeWidgetItem*)> visit = [&](QTreeWidgetItem* item) -> bool {
        const QString kind = item->data(0, KindRole).toString();
        if (kind == QLatin1String("group")) {
            bool any = false;
            for (int i = 0; i < item->childCount(); ++i)
                any = visit(item->child(i)) || any;
            item->setHidden(!any);
            return any;
        }
        bool show = true;
        if (kind == QLatin1String("finding")) {
            const Finding& finding = m_report->findings.at(item->data(0, IndexRole).toInt());
            if (severity == QLatin1String("manual"))
                show = finding.manual;
            else if (severity == QLatin1String("autofix"))
                show = finding.autofix;
            else if (!severity.isEmpty())
                show = !finding.manual && severityName(finding.severity) == severity;
            if (show && !text.isEmpty())
                show = finding.title.contains(text, Qt::CaseInsensitive) ||
                       finding.id.contains(text, Qt::CaseInsensitive) ||
                       finding.message.contains(text, Qt::CaseInsensitive) ||
                       finding.file.contains(text, Qt::CaseInsensitive);
        } else {
            show = severity.isEmpty() &&
                   (text.isEmpty() || item->text(0).contains(text, Qt::CaseInsensitive));
        }
        item->setHidden(!show);
        return show;
    };
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        visit(m_tree->topLevelItem(i));
    // The detail pane never shows a finding the filter hides.
    if (!m_tree->currentItem() || m_tree->currentItem()->isHidden()) {
        QTreeWidgetItem* first = nullptr;
        for (QTreeWidgetItemIterator it(m_tree); *it && !first; ++it)
            if ((*it)->data(0, KindRole).toString() == QLatin1String("finding") &&
                !(*it)->isHidden())
                first = *it;
        m_tree->setCurrentItem(first);
        showDetail();
    }
}

const Finding* ReviewPage::selectedFinding() const
{
    const QTreeWidgetItem* item = m_tree->currentItem();
    if (!m_report || !item || item->data(0, KindRole).toString() != QLatin1String("finding"))
        return nullptr;
    return &m_report->findings.at(item->data(0, IndexRole).toInt());
}

QString ReviewPage::acknowledgementKey(const Finding& finding)
{
    // Not the line: it moves when a fix edits the same file.
    return finding.id + QLatin1Char('|') + finding.file + QLatin1Char('|') + finding.message;
}

void ReviewPage::showDetail()
{
    const Finding* finding = selectedFinding();
    const bool blocker = finding && finding->severity == Severity::Blocker && !finding->manual;
    {
        const QSignalBlocker blockToggle(m_acknowledgeCheck);
        m_acknowledgeCheck->setEnabled(blocker);
        m_acknowledgeCheck->setChecked(blocker &&
                                       m_acknowledged.contains(acknowledgementKey(*finding)));
        m_acknowledgeCheck->setVisible(blocker);
    }
    m_openFileButton->setEnabled(finding && !finding->file.isEmpty());
    m_openFileButton->setText(finding && !finding->file.isEmpty()
                                  ? tr("Open %1").arg(shortPlace(*finding))
                                  : tr("Open file"));
    if (!finding) {
        const QTreeWidgetItem* item = m_tree->currentItem();
        m_detail->setHtml(
            item
                ? QStringLiteral("<p>%1</p>")
                      .arg(escaped(item->toolTip(0).isEmpty() ? item->text(0) : item->toolTip(0)))
                : (m_report ? tr("<p>Select a finding to see why it matters and how to fix it.</p>")
                            : QString()));
        return;
    }
    QString html = QStringLiteral("<h3 style='margin:0'>%1</h3>").arg(escaped(finding->title));
    html += QStringLiteral("<p style='color:%1'><b>%2</b> · %3 · <code>%4</code></p>")
                .arg(severityColor(finding->severity).name(),
                     finding->manual ? tr("Manual check") : severityWord(finding->severity),
                     tr("since %1").arg(escaped(finding->since)), escaped(finding->id));
    const QString where = finding->location();
    html +=
        QStringLiteral("<p>%1%2</p>")
            .arg(where.isEmpty() ? QString() : QStringLiteral("<b>%1</b><br>").arg(escaped(where)),
                 escaped(finding->message));
    if (!finding->manual)
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Why:"), escaped(finding->why));
    html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("How to fix:"), escaped(finding->fix));
    if (finding->autofix)
        html += QStringLiteral("<p><b>%1</b> %2. %3</p>")
                    .arg(tr("Automatic fix:"), escaped(finding->autofixDescription),
                         tr("Tick it in the list to preview it."));
    else if (!finding->autofixUnavailable.isEmpty())
        html += QStringLiteral("<p><b>%1</b> %2</p>")
                    .arg(tr("No automatic fix here:"), escaped(finding->autofixUnavailable));
    m_detail->setHtml(html);
}

QList<Finding> ReviewPage::chosenFixes() const
{
    QList<Finding> chosen;
    if (m_report)
        for (const Finding& finding : m_report->findings)
            if (finding.autofix && m_chosen.contains(finding.key()))
                chosen << finding;
    return chosen;
}

void ReviewPage::updatePreview()
{
    const QList<Finding> chosen = chosenFixes();
    m_plan.reset();
    if (chosen.isEmpty()) {
        m_preview->clear();
        m_tabs->setTabText(1, tr("Fix preview"));
        m_applyButton->setEnabled(false);
        return;
    }
    m_plan.emplace(FixPlanner::plan(chosen));
    QString text = m_plan->diff();
    for (const auto& [key, reason] : m_plan->refused)
        text += tr("\n# not fixed automatically (%1): %2\n")
                    .arg(key.section(QLatin1Char('|'), 0, 0), reason);
    // Removed lines red, added lines green, as diff viewers show them.
    m_preview->clear();
    QTextCursor cursor(m_preview->document());
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString& line = lines.at(i);
        QTextCharFormat format;
        if (line.startsWith(QLatin1String("+++")) || line.startsWith(QLatin1String("---"))) {
            format.setFontWeight(QFont::Bold);
        } else if (line.startsWith(QLatin1Char('+'))) {
            format.setForeground(QColor(0x1b, 0x5e, 0x20));
            format.setBackground(QColor(0xe8, 0xf5, 0xe9));
        } else if (line.startsWith(QLatin1Char('-'))) {
            format.setForeground(QColor(0xb7, 0x1c, 0x1c));
            format.setBackground(QColor(0xfd, 0xec, 0xea));
        } else if (line.startsWith(QLatin1String("@@")) || line.startsWith(QLatin1Char('#'))) {
            format.setForeground(QColor(0x1a, 0x52, 0x76));
        }
        cursor.insertText(i + 1 < lines.size() ? line + QLatin1Char('\n') : line, format);
    }
    m_preview->moveCursor(QTextCursor::Start);
    m_tabs->setTabText(1, tr("Fix preview (%1)").arg(chosen.size()));
    m_applyButton->setEnabled(!m_task->isRunning() && !m_plan->isEmpty());
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
    QStringList files;
    for (const auto& done : applied.value())
        files << QStringLiteral("%1 (original kept as %2)")
                     .arg(escaped(done.path), escaped(QFileInfo(done.backupPath).fileName()));
    setBanner(QStringLiteral("ok"),
              tr("<b>\u2713 Fixed %1.</b> The list below is refreshed from the fixed files.<br>%2")
                  .arg(plural(files.size(), tr("file"), tr("files")),
                       files.join(QStringLiteral("<br>"))));
    m_chosen.clear();
    m_plan.reset();
    m_preview->clear();
    m_tabs->setTabText(1, tr("Fix preview"));
    m_keepBanner = true;
    startReview();
}

void ReviewPage::openSelectedFile()
{
    const Finding* finding = selectedFinding();
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
    const Finding* finding = selectedFinding();
    if (!finding || finding->severity != Severity::Blocker)
        return;
    if (acknowledged)
        m_acknowledged.insert(acknowledgementKey(*finding));
    else
        m_acknowledged.remove(acknowledgementKey(*finding));
    if (QTreeWidgetItem* item = m_tree->currentItem()) {
        m_filling = true;
        markAcknowledged(item, *finding);
        m_filling = false;
    }
    updateSummary();
    Q_EMIT completeChanged();
}

void ReviewPage::markAcknowledged(QTreeWidgetItem* item, const Finding& finding) const
{
    const bool acknowledged = finding.severity == Severity::Blocker && !finding.manual &&
                              m_acknowledged.contains(acknowledgementKey(finding));
    // The mark goes first: long titles are cut at the end.
    item->setText(0, acknowledged ? QStringLiteral("\u2713 ") + finding.title : finding.title);
    item->setToolTip(0,
                     acknowledged ? tr("Acknowledged. %1").arg(finding.message) : finding.message);
    item->setForeground(0, acknowledged ? QColor(0x66, 0x66, 0x66)
                                        : m_tree->palette().color(QPalette::Text));
}

int ReviewPage::openBlockers() const
{
    if (!m_report)
        return 0;
    int open = 0;
    for (const Finding& finding : m_report->findings)
        if (finding.severity == Severity::Blocker && !finding.manual &&
            !m_acknowledged.contains(acknowledgementKey(finding)))
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
        QJsonArray acknowledged;
        for (const QString& key : std::as_const(m_acknowledged))
            acknowledged.append(key.section(QLatin1Char('|'), 0, 0)); // the id only
        const auto written =
            UpgradeJournal::forDeployment(*m_state->testedProfile, m_state->dataFolder)
                .append(QStringLiteral("review"), QStringLiteral("completed"),
                        QJsonObject{{QStringLiteral("to"), m_state->targetRelease},
                                    {QStringLiteral("blockers"), openBlockers()},
                                    {QStringLiteral("acknowledged"), acknowledged}});
        if (!written) {
            m_summaryLabel->setText(written.error().toString().toHtmlEscaped());
            return false;
        }
    }
    return true;
}

void ReviewPage::updateSummary()
{
    if (!m_report) {
        m_summaryLabel->setText(QString());
        return;
    }
    const ReviewReport& report = *m_report;
    const int blockers = report.count(Severity::Blocker);
    const int open = openBlockers();
    QStringList parts;
    parts << plural(blockers, tr("blocker"), tr("blockers")) +
                 (blockers > 0 && open == 0 ? tr(" (acknowledged)") : QString())
          << plural(report.count(Severity::Warning), tr("warning"), tr("warnings"))
          << plural(report.count(Severity::Notice), tr("notice"), tr("notices"))
          << plural(report.manualCount(), tr("manual check"), tr("manual checks"));
    QString text =
        tr("%1 for %2 → %3.")
            .arg(parts.join(QStringLiteral(", ")), escaped(report.from), escaped(report.to));
    if (const int fixes = report.autofixCount(); fixes > 0)
        text += QLatin1Char(' ') + tr("%1 can be fixed automatically.").arg(fixes);
    if (const qsizetype skipped = report.notChecked.size() + report.problems.size(); skipped > 0)
        text +=
            QLatin1Char(' ') +
            tr("%1 did not run (see Not checked).").arg(plural(skipped, tr("check"), tr("checks")));
    if (open > 0)
        text = QStringLiteral("<span style='color:#b71c1c'><b>%1</b></span> %2")
                   .arg(tr("%1 still open: fix or acknowledge to continue.")
                            .arg(plural(open, tr("blocker"), tr("blockers"))),
                        text);
    else if (blockers == 0)
        text = QStringLiteral("<b>%1</b> %2").arg(tr("\u2713 Nothing blocks the upgrade."), text);
    m_summaryLabel->setText(text);
}

void ReviewPage::setBanner(const QString& state, const QString& html)
{
    static const QMap<QString, QString> styles{
        {QStringLiteral("ok"),
         QStringLiteral("#reviewBanner { background:#e8f5e9; border:1px solid #66bb6a; }")},
        {QStringLiteral("failed"),
         QStringLiteral("#reviewBanner { background:#fdecea; border:1px solid #e57373; }")},
    };
    m_bannerFrame->setProperty("state", state);
    m_bannerFrame->setStyleSheet(styles.value(state));
    m_bannerLabel->setText(html);
    m_bannerFrame->show();
}

} // namespace omu::ui

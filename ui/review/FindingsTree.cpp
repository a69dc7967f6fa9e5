#include "FindingsTree.h"

#include "review/ReviewRecorder.h"
#include "ReviewText.h"
#include "WrappingItemDelegate.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMap>

#include <functional>

namespace omu::ui {

using namespace reviewtext;

namespace {

enum ItemRole
{
    KindRole = Qt::UserRole, // "group", "finding", "note"
    IndexRole,               // index into the report's findings
    FilterRole,              // "blocker", "warning", "notice", "manual", "other"
};

bool isFinding(const QTreeWidgetItem* item)
{
    return item && item->data(0, KindRole).toString() == QLatin1String("finding");
}

} // namespace

FindingsTree::FindingsTree(QWidget* parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("findingsTree"));
    setColumnCount(2);
    setHeaderLabels({tr("Finding (tick to fix automatically)"), tr("Where")});
    // A title too long for its column wraps onto a second line: never cut off.
    setWordWrap(true);
    setTextElideMode(Qt::ElideNone);
    setUniformRowHeights(false);
    setItemDelegate(new WrappingItemDelegate(this));
    setIndentation(14);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::Interactive);
    header()->setStretchLastSection(false);
    header()->resizeSection(1, 150);
    // Rows keep the heights of the old width otherwise.
    connect(header(), &QHeaderView::sectionResized, this, [this] { scheduleDelayedItemsLayout(); });
    connect(this, &QTreeWidget::currentItemChanged, this, &FindingsTree::selectionChanged);
    connect(this, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
        if (m_filling || column != 0 || !isFinding(item))
            return;
        const Finding& finding = m_report->findings.at(item->data(0, IndexRole).toInt());
        Q_EMIT fixToggled(finding.key(), item->checkState(0) == Qt::Checked);
    });
}

QTreeWidgetItem* FindingsTree::group(QTreeWidgetItem* parent, const QString& title,
                                     const QString& filter, const QColor& color)
{
    auto* item = parent ? new QTreeWidgetItem(parent, {title}) : new QTreeWidgetItem(this, {title});
    item->setData(0, KindRole, QStringLiteral("group"));
    item->setData(0, FilterRole, filter);
    if (!parent) {
        QFont bold = font();
        bold.setBold(true);
        item->setFont(0, bold);
        item->setForeground(0, color);
    }
    item->setFlags(Qt::ItemIsEnabled);
    item->setFirstColumnSpanned(true);
    return item;
}

void FindingsTree::addFinding(QTreeWidgetItem* parent, int index, const QSet<QString>& chosenFixes,
                              const QSet<QString>& acknowledged)
{
    const Finding& finding = m_report->findings.at(index);
    auto* item = new QTreeWidgetItem(parent, {finding.title, shortPlace(finding)});
    item->setData(0, KindRole, QStringLiteral("finding"));
    item->setData(0, IndexRole, index);
    item->setToolTip(1, finding.location());
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (finding.autofix) {
        flags |= Qt::ItemIsUserCheckable;
        item->setCheckState(0, chosenFixes.contains(finding.key()) ? Qt::Checked : Qt::Unchecked);
    }
    item->setFlags(flags);
    mark(item, finding, acknowledged);
}

void FindingsTree::showReport(const ReviewReport* report, const QSet<QString>& chosenFixes,
                              const QSet<QString>& acknowledged)
{
    m_filling = true;
    m_report = report;
    clear();
    if (!m_report) {
        m_filling = false;
        Q_EMIT selectionChanged();
        return;
    }
    const auto& findings = m_report->findings;
    for (Severity severity : {Severity::Blocker, Severity::Warning, Severity::Notice}) {
        QList<int> indexes;
        for (int i = 0; i < findings.size(); ++i)
            if (!findings.at(i).manual && findings.at(i).severity == severity)
                indexes << i;
        if (indexes.isEmpty())
            continue;
        auto* top = group(
            nullptr, QStringLiteral("%1 (%2)").arg(severityTitle(severity)).arg(indexes.size()),
            severityName(severity), severityColor(severity));
        QTreeWidgetItem* release = nullptr;
        QString since;
        for (int index : indexes) {
            if (!release || findings.at(index).since != since) {
                since = findings.at(index).since;
                release = group(top, tr("Since %1").arg(since), severityName(severity), {});
            }
            addFinding(release, index, chosenFixes, acknowledged);
        }
    }
    QList<int> manual;
    for (int i = 0; i < findings.size(); ++i)
        if (findings.at(i).manual)
            manual << i;
    if (!manual.isEmpty()) {
        auto* top =
            group(nullptr, tr("Manual checks (%1) — the tool cannot see these").arg(manual.size()),
                  QStringLiteral("manual"), QColor(0x44, 0x44, 0x44));
        for (int index : manual)
            addFinding(top, index, chosenFixes, acknowledged);
    }
    addNotChecked();
    expandAll();
    m_filling = false;
    setCurrentItem(nullptr); // the page's filter then starts on the first finding
}

void FindingsTree::addNotChecked()
{
    if (m_report->notChecked.isEmpty() && m_report->problems.isEmpty())
        return;
    auto* top =
        group(nullptr,
              tr("Not checked (%1)").arg(m_report->notChecked.size() + m_report->problems.size()),
              QStringLiteral("other"), QColor(0x55, 0x55, 0x55));
    for (const ReviewProblem& problem : m_report->problems) {
        auto* item = new QTreeWidgetItem(
            top, {problem.message,
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

void FindingsTree::applyFilter(const QString& severity, const QString& text)
{
    if (!m_report)
        return;
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
    for (int i = 0; i < topLevelItemCount(); ++i)
        visit(topLevelItem(i));
    // The detail pane never shows a finding the filter hides.
    if (!currentItem() || currentItem()->isHidden())
        selectFirstVisible();
}

void FindingsTree::selectFirstVisible()
{
    QTreeWidgetItem* first = nullptr;
    for (QTreeWidgetItemIterator it(this); *it && !first; ++it)
        if (isFinding(*it) && !(*it)->isHidden())
            first = *it;
    setCurrentItem(first);
    Q_EMIT selectionChanged();
}

const Finding* FindingsTree::selectedFinding() const
{
    if (!m_report || !isFinding(currentItem()))
        return nullptr;
    return &m_report->findings.at(currentItem()->data(0, IndexRole).toInt());
}

void FindingsTree::markCurrent(const QSet<QString>& acknowledged)
{
    if (const Finding* finding = selectedFinding()) {
        m_filling = true;
        mark(currentItem(), *finding, acknowledged);
        m_filling = false;
    }
}

void FindingsTree::mark(QTreeWidgetItem* item, const Finding& finding,
                        const QSet<QString>& acknowledged)
{
    const bool marked = finding.severity == Severity::Blocker && !finding.manual &&
                        ReviewCompletion::isAcknowledged(finding, acknowledged);
    // The mark goes first: long titles are cut at the end.
    item->setText(0, marked ? QStringLiteral("\u2713 ") + finding.title : finding.title);
    item->setToolTip(0, marked ? tr("Acknowledged. %1").arg(finding.message) : finding.message);
    item->setForeground(0, marked ? QColor(0x66, 0x66, 0x66) : palette().color(QPalette::Text));
}

FindingsFilterBar::FindingsFilterBar(QWidget* parent) : QWidget(parent)
{
    m_severityCombo = new QComboBox(this);
    m_severityCombo->setObjectName(QStringLiteral("severityFilter"));
    m_severityCombo->addItem(tr("All findings"), QString());
    m_severityCombo->addItem(tr("Blockers"), QStringLiteral("blocker"));
    m_severityCombo->addItem(tr("Warnings"), QStringLiteral("warning"));
    m_severityCombo->addItem(tr("Notices"), QStringLiteral("notice"));
    m_severityCombo->addItem(tr("Manual checks"), QStringLiteral("manual"));
    m_severityCombo->addItem(tr("With an automatic fix"), QStringLiteral("autofix"));
    m_textEdit = new QLineEdit(this);
    m_textEdit->setObjectName(QStringLiteral("findingFilter"));
    m_textEdit->setPlaceholderText(tr("Filter by text, id or file"));
    m_textEdit->setClearButtonEnabled(true);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Show:"), this));
    layout->addWidget(m_severityCombo);
    layout->addWidget(m_textEdit, 1);
    connect(m_severityCombo, &QComboBox::currentIndexChanged, this,
            &FindingsFilterBar::filterChanged);
    connect(m_textEdit, &QLineEdit::textChanged, this, &FindingsFilterBar::filterChanged);
}

QString FindingsFilterBar::severity() const
{
    return m_severityCombo->currentData().toString();
}

QString FindingsFilterBar::text() const
{
    return m_textEdit->text().trimmed();
}

} // namespace omu::ui

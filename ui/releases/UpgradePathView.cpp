#include "UpgradePathView.h"

#include "common/Markup.h"

#include "releases/UpgradePath.h"
#include "review/Catalog.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace omu::ui {

namespace {

// The catalog's coverage, read once: the path names the releases the review cannot check.
Version catalogCoverage()
{
    static const Version coverage = [] {
        const auto catalog = Catalog::loadBuiltIn();
        return catalog ? catalog->coverage() : Version();
    }();
    return coverage;
}

} // namespace

UpgradePathView::UpgradePathView(const ReleaseRegistry& registry, QWidget* parent)
    : QWidget(parent), m_registry(registry)
{
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("upgradePathTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Hop"), tr("Why it ends there / what changes")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(false);
    m_tree->setWordWrap(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setAccessibleName(tr("Upgrade path"));

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("upgradePathSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setAlignment(Qt::AlignLeft | Qt::AlignTop); // stays on top when the tree hides

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);
}

void UpgradePathView::showHint(const QString& text)
{
    m_tree->clear();
    m_tree->hide();
    m_summary->setProperty("state", QStringLiteral("hint"));
    m_summary->setText(markup::escaped(text));
}

void UpgradePathView::showPath(const QString& from, const QString& to)
{
    m_tree->clear();
    const auto path = UpgradePath::plan(m_registry, from, to);
    if (!path) {
        // Only why there is no path: the page names the nearest releases when it refuses.
        const QString message = path.error().message;
        m_tree->hide();
        m_summary->setProperty("state", QStringLiteral("error"));
        m_summary->setText(
            markup::coloured(markup::failedColour, tr("No upgrade path: %1.").arg(message)));
        return;
    }
    m_tree->show();
    for (const UpgradeHop& hop : path->hops()) {
        auto* item = new QTreeWidgetItem(
            m_tree,
            {QStringLiteral("%1 \u2192 %2").arg(hop.from.toString(), hop.to.toString()), hop.why});
        item->setToolTip(1, hop.why);
        if (hop.requiredStop) {
            QFont bold = item->font(0);
            bold.setBold(true);
            item->setFont(0, bold);
            item->setFont(1, bold);
        }
        for (const RequirementChange& change : hop.changes) {
            auto* child = new QTreeWidgetItem(
                item,
                {change.what, QStringLiteral("%1 \u2192 %2").arg(change.before, change.after)});
            child->setToolTip(1, child->text(1));
        }
        item->setExpanded(true);
    }
    const Version coverage = catalogCoverage();
    QList<const Release*> unchecked;
    for (const Release* release : path->crossed(m_registry))
        if (coverage.isNull() || coverage < release->version)
            unchecked << release;
    const auto stops = path->requiredStops();
    QStringList stopNames;
    for (const Version& stop : stops)
        stopNames << stop.toString();
    QString text = path->hops().isEmpty()
                       ? tr("Already at %1: nothing to upgrade.").arg(path->to().toString())
                       : tr("<b>%1 \u2192 %2</b>: %3 hop(s), %4.")
                             .arg(path->from().toString(), path->to().toString())
                             .arg(path->hops().size())
                             .arg(stops.isEmpty() ? tr("no required stop")
                                                  : tr("stop first at <b>%1</b>")
                                                        .arg(stopNames.join(QStringLiteral(", "))));
    if (!unchecked.isEmpty())
        text += QLatin1Char(' ') +
                markup::coloured(
                    markup::staleColour,
                    tr("This omupgrade's review covers releases up to %1; it cannot check %2.")
                        .arg(coverage.isNull() ? tr("none") : coverage.toString(),
                             describeReleases(unchecked)));
    m_summary->setProperty("state",
                           unchecked.isEmpty() ? QStringLiteral("ok") : QStringLiteral("partial"));
    m_summary->setText(text);
}

} // namespace omu::ui

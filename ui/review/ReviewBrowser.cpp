#include "ReviewBrowser.h"

#include "FindingDetailPane.h"
#include "FindingsTree.h"
#include "FixPreviewPane.h"

#include <QTabWidget>

namespace omu::ui {

ReviewBrowser::ReviewBrowser(QWidget* parent) : QSplitter(Qt::Vertical, parent)
{
    m_tree = new FindingsTree(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_detail = new FindingDetailPane(m_tabs);
    m_preview = new FixPreviewPane(m_tabs);
    m_tabs->addTab(m_detail, tr("Details"));
    m_tabs->addTab(m_preview, tr("Fix preview"));
    addWidget(m_tree);
    addWidget(m_tabs);
    setStretchFactor(0, 3);
    setStretchFactor(1, 2);
    setChildrenCollapsible(false);
    m_tree->setMinimumHeight(120);
    m_tabs->setMinimumHeight(140);
    setSizes({300, 200});
}

QSize ReviewBrowser::sizeHint() const
{
    return QSplitter::sizeHint()
        .boundedTo(QSize(QWIDGETSIZE_MAX, 320))
        .expandedTo(minimumSizeHint());
}

void ReviewBrowser::setChosenFixes(qsizetype count)
{
    m_tabs->setTabText(1, count == 0 ? tr("Fix preview") : tr("Fix preview (%1)").arg(count));
}

} // namespace omu::ui

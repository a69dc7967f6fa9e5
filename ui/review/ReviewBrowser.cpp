#include "ReviewBrowser.h"

#include "FindingDetailPane.h"
#include "FindingsTree.h"
#include "FixPreviewPane.h"

#include <QTabWidget>

namespace omu::ui {

ReviewBrowser::ReviewBrowser(QWidget* parent) : QSplitter(Qt::Horizontal, parent)
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
    m_tree->setMinimumWidth(260);
    m_tabs->setMinimumWidth(240);
    setSizes({440, 270});
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        const int total = width();
        setSizes(index == 1 ? QList<int>{total * 2 / 5, total * 3 / 5}
                            : QList<int>{total * 3 / 5, total * 2 / 5});
    });
}

void ReviewBrowser::setChosenFixes(qsizetype count)
{
    m_tabs->setTabText(1, count == 0 ? tr("Fix preview") : tr("Fix preview (%1)").arg(count));
}

} // namespace omu::ui

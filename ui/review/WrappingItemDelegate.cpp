#include "WrappingItemDelegate.h"

#include <QHeaderView>
#include <QTreeView>

namespace omu::ui {

WrappingItemDelegate::WrappingItemDelegate(QTreeView* tree)
    : QStyledItemDelegate(tree), m_tree(tree)
{
}

QSize WrappingItemDelegate::sizeHint(const QStyleOptionViewItem& option,
                                     const QModelIndex& index) const
{
    QStyleOptionViewItem measured(option);
    int width = m_tree->header()->sectionSize(index.column());
    if (index.column() == 0) {
        int depth = m_tree->rootIsDecorated() ? 1 : 0;
        for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
            ++depth;
        width -= depth * m_tree->indentation();
        if (m_tree->isFirstColumnSpanned(index.row(), index.parent()))
            width = m_tree->viewport()->width() - depth * m_tree->indentation();
    }
    // A valid rectangle (with a height) or the style measures one unwrapped line.
    measured.rect = QRect(0, 0, qMax(width, 40), qMax(option.rect.height(), 1));
    measured.features |= QStyleOptionViewItem::WrapText;
    return QStyledItemDelegate::sizeHint(measured, index);
}

} // namespace omu::ui

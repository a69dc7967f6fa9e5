#pragma once

#include <QStyledItemDelegate>

class QTreeView;

namespace omu::ui {

// Row heights for word-wrapped text in a tree: QTreeView asks its delegate for a row's size
// without the column's width, so wrapped text would get one line's height and be cut.
// This one measures at the width the column leaves the text.
class WrappingItemDelegate : public QStyledItemDelegate
{
public:
    explicit WrappingItemDelegate(QTreeView* tree);
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    QTreeView* m_tree;
};

} // namespace omu::ui

#pragma once

#include <QGridLayout>
#include <QLabel>

namespace omu::ui {

// A row of a label grid: "&Label:" in column 0 as the buddy of `field`, the field in
// column 1 spanning `span` columns. Pages use grids rather than forms, which leave gaps
// under wrapped labels.
inline QLabel* addLabelledRow(QGridLayout* grid, int row, const QString& text, QWidget* field,
                              int span = 1)
{
    auto* label = new QLabel(text, grid->parentWidget());
    label->setBuddy(field);
    grid->addWidget(label, row, 0);
    grid->addWidget(field, row, 1, 1, span);
    return label;
}

} // namespace omu::ui

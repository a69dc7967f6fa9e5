#pragma once

#include "review/ReviewReport.h"

#include <QSet>
#include <QTreeWidget>

class QComboBox;
class QLineEdit;

namespace omu::ui {

// The review's findings as a tree: by severity, then by the release that brought them;
// manual checks and what could not be checked apart. Findings with an automatic fix have
// a tick box; acknowledged blockers are marked. Filters by severity and text.
class FindingsTree : public QTreeWidget
{
    Q_OBJECT

public:
    explicit FindingsTree(QWidget* parent = nullptr);

    // `report` must outlive the items (the page keeps it); null clears the tree.
    void showReport(const ReviewReport* report, const QSet<QString>& chosenFixes,
                    const QSet<QString>& acknowledged);
    // `severity`: "" (all), "blocker", "warning", "notice", "manual", "autofix".
    void applyFilter(const QString& severity, const QString& text);
    const Finding* selectedFinding() const;
    // After the user acknowledged (or withdrew) the current finding.
    void markCurrent(const QSet<QString>& acknowledged);

Q_SIGNALS:
    void fixToggled(const QString& findingKey, bool chosen);
    // The current finding changed, or the filter hid it.
    void selectionChanged();

private:
    QTreeWidgetItem* group(QTreeWidgetItem* parent, const QString& title, const QString& filter,
                           const QColor& color);
    void addFinding(QTreeWidgetItem* parent, int index, const QSet<QString>& chosenFixes,
                    const QSet<QString>& acknowledged);
    void addNotChecked();
    void mark(QTreeWidgetItem* item, const Finding& finding, const QSet<QString>& acknowledged);
    void selectFirstVisible();

    const ReviewReport* m_report = nullptr;
    bool m_filling = false;
};

// "Show: [severity] [text]" above the tree; filterChanged() on every change.
class FindingsFilterBar : public QWidget
{
    Q_OBJECT

public:
    explicit FindingsFilterBar(QWidget* parent = nullptr);
    QString severity() const;
    QString text() const;

Q_SIGNALS:
    void filterChanged();

private:
    QComboBox* m_severityCombo;
    QLineEdit* m_textEdit;
};

} // namespace omu::ui

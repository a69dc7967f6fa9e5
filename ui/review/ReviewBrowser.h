#pragma once

#include <QSplitter>

class QTabWidget;

namespace omu::ui {

class FindingDetailPane;
class FindingsTree;
class FixPreviewPane;

// The findings on the left, and on the right a finding's details or the chosen fixes'
// diff. The list gets the room while reading details (titles are long, details wrap);
// the diff gets it while previewing fixes.
class ReviewBrowser : public QSplitter
{
    Q_OBJECT

public:
    explicit ReviewBrowser(QWidget* parent = nullptr);

    FindingsTree* tree() const { return m_tree; }
    FindingDetailPane* detail() const { return m_detail; }
    FixPreviewPane* preview() const { return m_preview; }
    void setChosenFixes(qsizetype count); // the preview tab's title

private:
    FindingsTree* m_tree;
    QTabWidget* m_tabs;
    FindingDetailPane* m_detail;
    FixPreviewPane* m_preview;
};

} // namespace omu::ui

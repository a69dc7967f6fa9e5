#pragma once

#include <QSplitter>

class QTabWidget;

namespace omu::ui {

class FindingDetailPane;
class FindingsTree;
class FixPreviewPane;

// The findings above, and below them a finding's details or the chosen fixes' diff: both
// get the page's whole width (titles are long, and so are a diff's lines).
class ReviewBrowser : public QSplitter
{
    Q_OBJECT

public:
    explicit ReviewBrowser(QWidget* parent = nullptr);
    // Modest, so the page's scroll area (which sizes a page with wrapped text by its
    // preferred height) needs no scroll bar at 1024x768; the page's stretch gives it the rest.
    QSize sizeHint() const override;

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

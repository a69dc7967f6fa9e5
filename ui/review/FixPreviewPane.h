#pragma once

#include "review/FixPlan.h"

#include <QWidget>

class QPlainTextEdit;
class QPushButton;

namespace omu::ui {

// The chosen automatic fixes as one diff (removed lines red, added green) and the button
// that applies them; each original is kept beside it.
class FixPreviewPane : public QWidget
{
    Q_OBJECT

public:
    explicit FixPreviewPane(QWidget* parent = nullptr);

    void showPlan(const FixPlan* plan); // null: nothing chosen
    void setApplyEnabled(bool enabled);

Q_SIGNALS:
    void applyRequested();

private:
    QPlainTextEdit* m_preview;
    QPushButton* m_applyButton;
};

} // namespace omu::ui

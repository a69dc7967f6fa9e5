#pragma once

#include "review/Finding.h"

#include <QWidget>

class QCheckBox;
class QPushButton;
class QTextBrowser;

namespace omu::ui {

// One finding in full (what, where, why, how to fix), the box to acknowledge a blocker
// the user handles by hand, and a button to open its file.
class FindingDetailPane : public QWidget
{
    Q_OBJECT

public:
    explicit FindingDetailPane(QWidget* parent = nullptr);

    // `finding` null: `note` (a group's or a skipped check's text) instead.
    void showFinding(const Finding* finding, bool acknowledged, const QString& note);

Q_SIGNALS:
    void acknowledgementChanged(bool acknowledged);
    void openFileRequested();

private:
    QTextBrowser* m_detail;
    QCheckBox* m_acknowledgeCheck;
    QPushButton* m_openFileButton;
};

} // namespace omu::ui

#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace omu::ui {

// Once a run starts, the release form and the gate have done their part: they fold into
// one line (the release, from → to, the mode) so the run's log and result fit the window
// (1024×768 without scrolling). "Show the release and checks" unfolds them again.
class MigrationSetupBar : public QWidget
{
    Q_OBJECT

public:
    MigrationSetupBar(QList<QWidget*> folded, QWidget* parent = nullptr);

    void fold(const QString& summary);
    void unfold();

private:
    void showFolded(bool folded);

    QList<QWidget*> m_folded;
    QLabel* m_summary;
    QToolButton* m_toggle;
};

} // namespace omu::ui

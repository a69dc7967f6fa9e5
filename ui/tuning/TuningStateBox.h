#pragma once

#include <QGroupBox>

class QLabel;

namespace omu {
struct TuningReport;
}

namespace omu::ui {

// "In force now": the value a new connection of the migration's user gets, where it comes
// from (and what else sets it), and the size of query_entity it must sort.
class TuningStateBox : public QGroupBox
{
    Q_OBJECT

public:
    explicit TuningStateBox(QWidget* parent = nullptr);

    void showReport(const TuningReport& report);
    void showUnreadable();

private:
    QLabel* m_valueLabel;
    QLabel* m_sourceLabel;
    QLabel* m_queryEntityLabel;
};

// A word-wrapped, selectable label named for the GUI tests; shared by the tuning widgets.
QLabel* tuningLabel(const char* objectName, QWidget* parent);

} // namespace omu::ui

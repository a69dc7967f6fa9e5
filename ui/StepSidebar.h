#pragma once

#include <QList>
#include <QWidget>

class QLabel;

namespace omu::ui {

// The column on the left of the wizard: every step, the current one highlighted and the
// finished ones ticked, so the user always sees where they are in the upgrade.
class StepSidebar : public QWidget
{
    Q_OBJECT

public:
    explicit StepSidebar(const QStringList& steps, QWidget* parent = nullptr);

    void setCurrentStep(int index);
    int currentStep() const { return m_current; }

private:
    QList<QLabel*> m_labels;
    QStringList m_steps;
    int m_current = -1;
};

} // namespace omu::ui

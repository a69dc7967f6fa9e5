#pragma once

#include <QStringList>
#include <QWizardPage>

namespace omu::ui {

// A step whose work is not in this build yet: it says plainly what the step will do and
// that it is not available, so nobody mistakes it for a step that ran.
class PendingStepPage : public QWizardPage
{
    Q_OBJECT

public:
    PendingStepPage(const QString& title, const QString& subtitle, const QStringList& willDo,
                    QWidget* parent = nullptr);
};

} // namespace omu::ui

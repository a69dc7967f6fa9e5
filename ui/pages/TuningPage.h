#pragma once

#include "PendingStepPage.h"
#include "WizardState.h"

namespace omu::ui {

class TuningPage : public PendingStepPage
{
    Q_OBJECT

public:
    TuningPage(WizardState* state, QWidget* parent = nullptr);
};

} // namespace omu::ui

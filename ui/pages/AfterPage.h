#pragma once

#include "PendingStepPage.h"
#include "WizardState.h"

namespace omu::ui {

class AfterPage : public PendingStepPage
{
    Q_OBJECT

public:
    AfterPage(WizardState* state, QWidget* parent = nullptr);
};

} // namespace omu::ui

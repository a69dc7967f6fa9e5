#pragma once

#include "PendingStepPage.h"
#include "WizardState.h"

namespace omu::ui {

class ReviewPage : public PendingStepPage
{
    Q_OBJECT

public:
    ReviewPage(WizardState* state, QWidget* parent = nullptr);
};

} // namespace omu::ui

#pragma once

#include "PendingStepPage.h"
#include "WizardState.h"

namespace omu::ui {

class MigrationPage : public PendingStepPage
{
    Q_OBJECT

public:
    MigrationPage(WizardState* state, QWidget* parent = nullptr);
};

} // namespace omu::ui

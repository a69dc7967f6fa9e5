#pragma once

#include "PendingStepPage.h"
#include "WizardState.h"

namespace omu::ui {

class BackupPage : public PendingStepPage
{
    Q_OBJECT

public:
    BackupPage(WizardState* state, QWidget* parent = nullptr);
};

} // namespace omu::ui

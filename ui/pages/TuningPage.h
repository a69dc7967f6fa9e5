#pragma once

#include "PendingStepPage.h"

namespace omu::ui {

class TuningPage : public PendingStepPage
{
    Q_OBJECT

public:
    explicit TuningPage(QWidget* parent = nullptr);
};

} // namespace omu::ui

#pragma once

#include "PendingStepPage.h"

namespace omu::ui {

class AfterPage : public PendingStepPage
{
    Q_OBJECT

public:
    explicit AfterPage(QWidget* parent = nullptr);
};

} // namespace omu::ui

#pragma once

#include "PendingStepPage.h"

namespace omu::ui {

class MigrationPage : public PendingStepPage
{
    Q_OBJECT

public:
    explicit MigrationPage(QWidget* parent = nullptr);
};

} // namespace omu::ui

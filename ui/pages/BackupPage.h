#pragma once

#include "PendingStepPage.h"

namespace omu::ui {

class BackupPage : public PendingStepPage
{
    Q_OBJECT

public:
    explicit BackupPage(QWidget* parent = nullptr);
};

} // namespace omu::ui

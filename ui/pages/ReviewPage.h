#pragma once

#include "PendingStepPage.h"

namespace omu::ui {

class ReviewPage : public PendingStepPage
{
    Q_OBJECT

public:
    explicit ReviewPage(QWidget* parent = nullptr);
};

} // namespace omu::ui

#pragma once

class QWidget;

namespace omu::ui {

// The window opens at the size and place it had when it was last closed (QSettings,
// "window/geometry"); the first time, at 1024x768 or the screen's available area if that
// is smaller. It stays resizable down to `minimum` (QWizard would otherwise fix the
// maximum to what its pages ask for).
void rememberWindowGeometry(QWidget* window);

} // namespace omu::ui

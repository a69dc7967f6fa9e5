#pragma once

#include <QString>

#include <optional>

namespace omu::cli {

// Whether the wizard can open a window at all, asked before QApplication exists: without a
// display Qt aborts (SIGABRT) with advice to reinstall, where an admin over SSH needs to
// hear that the same steps run headless.
class DisplayCheck
{
public:
    // The message to print when there is no display for the platform Qt would pick
    // (QT_QPA_PLATFORM unset or xcb, and neither DISPLAY nor WAYLAND_DISPLAY set); nullopt
    // when a window can open (or another platform, e.g. offscreen, was chosen).
    static std::optional<QString> missingDisplay();
};

} // namespace omu::cli

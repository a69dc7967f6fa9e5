#pragma once

#include <QString>

namespace omu::ui {

// The pages' one palette and the few HTML pieces they build results from, so every page
// says "done", "failed" and "needs a look" in the same colours.
namespace markup {

inline constexpr char okColour[] = "#1b5e20";     // dark green text
inline constexpr char failedColour[] = "#b00020"; // dark red text
inline constexpr char staleColour[] = "#8a5300";  // dark amber text
inline constexpr char noteColour[] = "#555";      // secondary text

QString escaped(const QString& text);
// Escaped, with its line breaks kept as <br>: multi-line messages and advice.
QString escapedLines(const QString& text);
// `html` in the colour of `state`: "ok", "failed", "stale"; anything else as it is.
QString inState(const QString& state, const QString& html);
// Plain text, escaped, in a colour: coloured(okColour, text).
QString coloured(const char* colour, const QString& text);
// "⚠ text" in amber, escaped: a warning inside a result.
QString warning(const QString& text);
// A journal or log time ("2026-11-24T14:39:39.963Z") in the user's time zone.
QString localTime(const QString& iso);

} // namespace markup

} // namespace omu::ui

#pragma once

#include "Result.h"

#include <QString>

namespace omu {

// Text read from files, servers or the command line, made safe to show: control
// characters (ESC, BEL, NUL, line breaks inside a value ...) written as escapes, so a file
// cannot drive the terminal or break a message's layout, and long values cut with "…".
class DisplayText
{
public:
    // Every control character as \e, \a, \n, \r, \t, \0 or \xNN (\u{NNNN} beyond Latin-1);
    // with keepTabs, tabs stay (lines of a file shown as lines).
    static QString escaped(const QString& text, bool keepTabs = false);
    // A message of several lines for a terminal: as escaped(), keeping line breaks and tabs.
    static QString lines(const QString& text);
    // At most `limit` characters; a longer text ends "… (N characters in all)".
    static QString cut(const QString& text, qsizetype limit = defaultLimit);
    // A value quoted in a message: cut, then escaped.
    static QString value(const QString& text, qsizetype limit = defaultLimit);
    // An error built from what a file said: each part escaped and cut at `limit`.
    static Error error(Error error, qsizetype limit = 1000);

    static constexpr qsizetype defaultLimit = 200;
};

} // namespace omu

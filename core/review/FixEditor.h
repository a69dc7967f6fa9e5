#pragma once

#include "AutoFixSpec.h"
#include "common/Result.h"
#include "FixTarget.h"

#include <QByteArray>
#include <QString>

namespace omu {

class YamlSource;

// Carries out one automatic fix on a file's content, as a text edit at the place
// yaml-cpp reports (or at the env file's line): everything outside the edited bytes is
// kept byte-for-byte. The target is located afresh in `content`, so several fixes can
// be applied one after the other to the same file.
class FixEditor
{
public:
    struct Outcome
    {
        QByteArray content; // the new content (unchanged when nothing was left to do)
        bool changed = false;
        QString description; // "rename sandboxDomain to instanceDomain"
    };

    // An error says why the fix cannot be done automatically; the file is then edited
    // by hand following the entry's fix text. A result that would not parse is an error.
    static Result<Outcome> apply(const AutoFixSpec& spec, const FixTarget& target,
                                 const QByteArray& content);
    // apply() on a YAML file already parsed (the review's verdict on each finding, without
    // parsing the file once more per finding).
    static Result<Outcome> tryOn(const AutoFixSpec& spec, const FixTarget& target,
                                 const YamlSource& source);
};

} // namespace omu

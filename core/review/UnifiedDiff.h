#pragma once

#include "common/SecretMasker.h"

#include <QByteArray>
#include <QString>

namespace omu {

// A unified diff (as `diff -u` prints it, three lines of context) between two versions
// of a file, for the preview before a fix is written. Every line it shows goes through
// `masker`, so a password next to a fixed line never reaches the screen or the JSON.
class UnifiedDiff
{
public:
    static QString make(const QByteArray& before, const QByteArray& after, const QString& path,
                        const SecretMasker& masker = SecretMasker());
};

} // namespace omu

#pragma once

#include "AutoFixSpec.h"
#include "FixTarget.h"
#include "Severity.h"

#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

namespace omu {

// One place where one catalog entry touches this deployment: what (id, title, why,
// fix), where (file:line:column, or the database / search engine in the message), and
// whether the tool can fix it.
struct Finding
{
    QString id;
    Severity severity = Severity::Notice;
    QString since;
    QString title;
    QString why;
    QString fix;
    QString file;   // empty when not in a file
    int line = 0;   // 1-based, 0 when not in a file
    int column = 0; // 1-based
    QString message;
    QString detector; // the detector type that found it
    bool manual = false;

    // The automatic fix, when the catalog has one for this finding.
    std::shared_ptr<const AutoFixSpec> autofixSpec;
    std::optional<FixTarget> target;
    bool autofix = false;       // a fix can be applied right now
    QString autofixDescription; // "rename sandboxDomain to instanceDomain"
    QString autofixUnavailable; // why not, when the catalog has a fix but it cannot apply

    // Unique within one report: the entry and the place (the message, when not in a file).
    QString key() const;
    // "file:line:column" as far as known; "" when not in a file.
    QString location() const;
    // The design's shape (id, severity, since, title, file, line, message, fix, autofix)
    // plus column, why, manual and detector.
    QJsonObject toJson() const;
};

} // namespace omu

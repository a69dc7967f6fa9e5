#pragma once

#include <QJsonObject>
#include <QString>

namespace omu {

// An input the review could not check (missing, unreadable, binary, too large, not valid
// YAML), with where and what to do. Reported apart from findings: it is about the files
// given, not about the deployment's readiness.
struct ReviewProblem
{
    QString file;
    int line = 0;   // 1-based; 0 when the whole file is concerned
    int column = 0; // 1-based; 0 when unknown
    QString message;
    QString advice;

    QString where() const; // "file:line:column", as far as known
    QString toString() const;
    QJsonObject toJson() const;
};

} // namespace omu

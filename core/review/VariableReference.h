#pragma once

#include <QString>

#include <optional>

namespace omu {

// A scalar that is one whole ${NAME} or ${NAME:-default}, as openmetadata.yaml writes
// most values. Positions are offsets into the scalar's text, so a fix can change just
// the default (inside its quotes, when it has them: ${X:- "elasticsearch"}).
struct VariableReference
{
    QString name;
    bool hasDefault = false;
    qsizetype defaultStart = 0; // the default's text, quotes excluded
    qsizetype defaultLength = 0;

    static std::optional<VariableReference> parse(const QString& scalar);
};

} // namespace omu

#pragma once

#include "common/Version.h"
#include "Requirements.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace omu {

// One leg of an upgrade path: from a release to the next point where something happens,
// a stop the path must make (a gate) or a change of what the deployment needs around it.
struct UpgradeHop
{
    Version from;
    Version to;
    bool requiredStop = false;        // the upgrade must run to `to` and stop there first
    QString why;                      // why the hop ends at `to`
    QList<RequirementChange> changes; // what `to` needs that `from` did not

    // {"from", "to", "why", "requiredStop", "changes": [{"what", "before", "after"}]}
    QJsonObject toJson() const;
};

} // namespace omu

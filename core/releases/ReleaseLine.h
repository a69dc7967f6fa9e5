#pragma once

#include "Gate.h"
#include "Release.h"
#include "Requirements.h"

#include <QList>
#include <QMap>
#include <QString>

namespace omu {

// One release line (1.12.x): its requirements with their sources, its gates and its
// releases (oldest first), as read from resources/releases/<line>.yaml.
struct ReleaseLine
{
    QString name; // "1.12"
    QString file; // the YAML file it came from, for messages
    Requirements requirements;
    QMap<QString, QString> sources; // requirement group -> where it was read
    QString notes;
    QList<Gate> gates;
    QList<Release> releases;

    Version first() const { return releases.isEmpty() ? Version() : releases.first().version; }
    Version newest() const { return releases.isEmpty() ? Version() : releases.last().version; }
    // The source of a requirement key ("elasticsearch" is under "search", ...).
    QString sourceOf(const QString& requirementKey) const;
};

} // namespace omu

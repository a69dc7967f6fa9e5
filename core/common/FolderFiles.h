#pragma once

#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace omu {

// The files of a folder (a Qt resource folder too) whose names match `patterns`, as
// (name, content) pairs in name order: how the catalog and the release registry read
// their YAML. `what` names them in the error ("catalog file").
Result<QList<QPair<QString, QByteArray>>>
readFolderFiles(const QString& folder, const QStringList& patterns, const QString& what);

} // namespace omu

#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace omu {

// One name a Python file imports, where it is written.
struct PythonImport
{
    QString module; // "metadata.ingestion.api.workflow"
    QString name;   // "Workflow"; empty for "import module"
    int line = 0;   // 1-based
    int column = 0; // 1-based, of the name (or the module for "import module")
};

// The import statements of a Python file, read line by line: "import a.b [as c], d",
// "from a.b import (x, y as z,\n w)" and backslash continuations, at any indentation
// (imports inside try/if blocks count). Not a Python parser: a string that looks like
// an import at the start of a line would count, which is harmless here.
class PythonImports
{
public:
    static QList<PythonImport> read(const QStringList& lines);

    // The text before a comment ('#' outside quotes).
    static QString withoutComment(const QString& line);
};

} // namespace omu

#include "AutoFixSpec.h"

#include "SpecReader.h"

#include <QRegularExpression>

namespace omu {

QString AutoFixSpec::kindName(Kind kind)
{
    switch (kind) {
    case Kind::RenameKey:
        return QStringLiteral("rename-key");
    case Kind::ChangeValue:
        return QStringLiteral("change-value");
    case Kind::ReplaceText:
        return QStringLiteral("replace-text");
    case Kind::ReplaceKey:
        return QStringLiteral("replace-key");
    case Kind::DeleteBlock:
        return QStringLiteral("delete-block");
    case Kind::AddBlock:
        return QStringLiteral("add-block");
    case Kind::MoveKey:
        break;
    }
    return QStringLiteral("move-key");
}

Result<AutoFixSpec> AutoFixSpec::parse(const YAML::Node& node)
{
    SpecReader reader(node, QStringLiteral("autofix"));
    AutoFixSpec spec;
    const QString type = reader.string("type", true);
    bool known = false;
    for (Kind kind : {Kind::RenameKey, Kind::ChangeValue, Kind::ReplaceText, Kind::ReplaceKey,
                      Kind::DeleteBlock, Kind::AddBlock, Kind::MoveKey})
        if (type == kindName(kind)) {
            spec.kind = kind;
            known = true;
        }
    if (!type.isEmpty() && !known)
        reader.fail(QStringLiteral("unknown autofix type \"%1\" (known: rename-key, change-value, "
                                   "replace-text, replace-key, delete-block, add-block, move-key)")
                        .arg(type));
    spec.unlessPresent = reader.stringList("unlessPresent", false);
    switch (spec.kind) {
    case Kind::RenameKey:
    case Kind::ChangeValue:
    case Kind::MoveKey:
        spec.to = reader.string("to", true);
        break;
    case Kind::ReplaceText:
        spec.pattern = reader.regex("pattern", true);
        spec.with = reader.string("with", true);
        break;
    case Kind::ReplaceKey:
    case Kind::AddBlock:
        spec.lines = reader.stringList("lines", true);
        break;
    case Kind::DeleteBlock:
        spec.deleteEmptyParent = reader.boolean("deleteEmptyParent", false);
        break;
    }
    if (auto error = reader.finish())
        return *error;
    return spec;
}

} // namespace omu

#include "ReleaseLineReader.h"

#include "review/SpecReader.h"

#include <QRegularExpression>

namespace omu {

namespace {

QString lineOf(const YAML::Node& node)
{
    return node.Mark().is_null() ? QString()
                                 : QStringLiteral(" (line %1)").arg(node.Mark().line + 1);
}

Version versionField(SpecReader& reader, const char* key, bool required, const YAML::Node& at)
{
    const QString text = reader.string(key, required);
    if (text.isEmpty())
        return {};
    const auto version = Version::parse(text);
    if (!version) {
        reader.fail(QStringLiteral("\"%1\" is \"%2\", not a version%3")
                        .arg(QLatin1String(key), text, lineOf(at)));
        return {};
    }
    return *version;
}

// {min: 8.10.2, below: 9.0.0}; `maxKey` reads an inclusive "max: 3.12" instead of below.
VersionRange rangeField(SpecReader& parent, const char* key, const QString& what,
                        QStringList& errors, bool inclusiveMax = false)
{
    const auto node = parent.node(key, true);
    if (!node)
        return {};
    SpecReader reader(*node, what + QStringLiteral(" \"") + QLatin1String(key) + QLatin1Char('"'));
    VersionRange range;
    range.min = versionField(reader, "min", true, *node);
    if (inclusiveMax) {
        const Version max = versionField(reader, "max", true, *node);
        if (!max.isNull())
            range.below =
                *Version::parse(QStringLiteral("%1.%2").arg(max.part(0)).arg(max.part(1) + 1));
    } else {
        range.below = versionField(reader, "below", false, *node);
    }
    if (!range.min.isNull() && !range.below.isNull() && !(range.min < range.below))
        reader.fail(QStringLiteral("the range is empty: min must be lower%1").arg(lineOf(*node)));
    if (auto error = reader.finish())
        errors << error->message;
    return range;
}

Requirements readRequirements(SpecReader& parent, const QString& what, QStringList& errors)
{
    Requirements requirements;
    const auto node = parent.node("requires", true);
    if (!node)
        return requirements;
    SpecReader reader(*node, what + QStringLiteral(" \"requires\""));
    const QString java = reader.string("java", true);
    bool ok = false;
    requirements.java = java.toInt(&ok);
    if (!java.isEmpty() && (!ok || requirements.java < 8))
        reader.fail(QStringLiteral("\"java\" is \"%1\", not a Java major version%2")
                        .arg(java, lineOf(*node)));
    requirements.elasticsearch = rangeField(reader, "elasticsearch", what, errors);
    requirements.openSearch = rangeField(reader, "opensearch", what, errors);
    requirements.mysql = versionField(reader, "mysql", true, *node);
    requirements.postgres = versionField(reader, "postgres", true, *node);
    requirements.python = rangeField(reader, "python", what, errors, true);
    requirements.migrationTools = reader.stringList("migrationTools", true);
    static const QStringList tools{QStringLiteral("openmetadata-ops.sh"),
                                   QStringLiteral("bootstrap_storage.sh")};
    for (const QString& tool : requirements.migrationTools)
        if (!tools.contains(tool))
            reader.fail(QStringLiteral("unknown migration tool \"%1\" (known: %2)%3")
                            .arg(tool, tools.join(QStringLiteral(", ")), lineOf(*node)));
    if (reader.has("postgresExtensions"))
        requirements.postgresExtensions = reader.stringList("postgresExtensions", true);
    requirements.ingestionClient = reader.string("ingestionClient", true);
    if (!requirements.ingestionClient.isEmpty() &&
        requirements.ingestionClient != QLatin1String("exact") &&
        requirements.ingestionClient != QLatin1String("minor"))
        reader.fail(
            QStringLiteral("\"ingestionClient\" must be exact or minor%1").arg(lineOf(*node)));
    requirements.backup = reader.string("backup", true);
    if (!requirements.backup.isEmpty() && requirements.backup != QLatin1String("native") &&
        requirements.backup != QLatin1String("metadata-cli"))
        reader.fail(
            QStringLiteral("\"backup\" must be native or metadata-cli%1").arg(lineOf(*node)));
    if (auto error = reader.finish())
        errors << error->message;
    return requirements;
}

QMap<QString, QString> readSources(SpecReader& parent, const QString& what, QStringList& errors)
{
    QMap<QString, QString> sources;
    const auto node = parent.node("sources", true);
    if (!node)
        return sources;
    SpecReader reader(*node, what + QStringLiteral(" \"sources\""));
    // Every requirement group names where it was read.
    for (const char* key : {"java", "search", "database", "python", "migrationTools",
                            "postgresExtensions", "ingestionClient", "backup"})
        sources.insert(QLatin1String(key), reader.string(key, true));
    if (auto error = reader.finish())
        errors << error->message;
    return sources;
}

// The list under `key`; nothing (and a complaint when it is not a list) otherwise.
std::optional<YAML::Node> listField(SpecReader& parent, const char* key, bool required)
{
    const auto node = parent.node(key, required);
    if (node && (!node->IsSequence() || (required && node->size() == 0))) {
        parent.fail(QStringLiteral("\"%1\" must be a%2 list%3")
                        .arg(QLatin1String(key),
                             required ? QStringLiteral(" non-empty") : QString(), lineOf(*node)));
        return std::nullopt;
    }
    return node;
}

QList<Gate> readGates(SpecReader& parent, const QString& what, const QString& lineName,
                      QStringList& errors)
{
    QList<Gate> gates;
    const auto node = listField(parent, "gates", false);
    if (!node)
        return gates;
    for (auto it = node->begin(); it != node->end(); ++it) {
        SpecReader reader(*it, what + QStringLiteral(" gate"));
        Gate gate;
        gate.line = lineName;
        gate.id = reader.string("id", true);
        gate.databaseAtLeast = versionField(reader, "databaseAtLeast", true, *it);
        gate.via = reader.string("via", true);
        gate.forceBypasses = reader.boolean("forceBypasses", false);
        gate.why = reader.string("why", true).trimmed();
        gate.source = reader.string("source", true);
        if (auto error = reader.finish())
            errors << error->message;
        else
            gates << gate;
    }
    return gates;
}

QList<Release> readReleases(SpecReader& parent, const QString& what, const QString& lineName,
                            QStringList& errors)
{
    QList<Release> releases;
    const auto node = listField(parent, "releases", true);
    if (!node)
        return releases;
    static const QRegularExpression datePattern(QStringLiteral(R"(^\d{4}-\d{2}-\d{2}$)"));
    for (auto it = node->begin(); it != node->end(); ++it) {
        const QString label = it->IsMap() && (*it)["version"].IsScalar()
                                  ? QString::fromStdString((*it)["version"].Scalar())
                                  : QStringLiteral("?");
        SpecReader reader(*it, what + QStringLiteral(" release ") + label);
        Release release;
        release.line = lineName;
        release.version = versionField(reader, "version", true, *it);
        const QString date = reader.string("date", true);
        if (date != QLatin1String("unverified"))
            release.date = date;
        if (!date.isEmpty() && date != QLatin1String("unverified") &&
            !datePattern.match(date).hasMatch())
            reader.fail(QStringLiteral("\"date\" is \"%1\"; write YYYY-MM-DD, or unverified%2")
                            .arg(date, lineOf(*it)));
        release.source = reader.string("source", true);
        release.note = reader.has("note") ? reader.string("note", true).trimmed() : QString();
        if (release.date.isEmpty() && release.note.isEmpty() && !date.isEmpty())
            reader.fail(QStringLiteral("an unverified date needs a \"note\" saying why%1")
                            .arg(lineOf(*it)));
        if (!release.version.isNull() &&
            QStringLiteral("%1.%2").arg(release.version.part(0)).arg(release.version.part(1)) !=
                lineName)
            reader.fail(QStringLiteral("%1 is not a release of the %2 line%3")
                            .arg(release.version.toString(), lineName, lineOf(*it)));
        if (!releases.isEmpty() && !release.version.isNull() &&
            !(releases.last().version < release.version))
            reader.fail(QStringLiteral("releases must be listed oldest first: %1 after %2%3")
                            .arg(release.version.toString(), releases.last().version.toString(),
                                 lineOf(*it)));
        // Dates ascend within a line (unverified ones are skipped).
        for (auto earlier = releases.crbegin(); earlier != releases.crend(); ++earlier)
            if (!earlier->date.isEmpty()) {
                if (!release.date.isEmpty() && release.date < earlier->date)
                    reader.fail(QStringLiteral("date %1 is before %2's %3%4")
                                    .arg(release.date, earlier->version.toString(), earlier->date,
                                         lineOf(*it)));
                break;
            }
        if (auto error = reader.finish())
            errors << error->message;
        else
            releases << release;
    }
    return releases;
}

} // namespace

Result<ReleaseLine> ReleaseLineReader::read(const QString& fileName, const QByteArray& text)
{
    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception& e) {
        return makeError(QStringLiteral("%1:%2:%3: not valid YAML: %4")
                             .arg(fileName)
                             .arg(e.mark.line + 1)
                             .arg(e.mark.column + 1)
                             .arg(QString::fromStdString(e.msg)));
    }
    ReleaseLine line;
    line.file = fileName;
    SpecReader reader(root, fileName);
    line.name = reader.string("line", true);
    static const QRegularExpression namePattern(QStringLiteral(R"(^\d+\.\d+$)"));
    if (!line.name.isEmpty() && !namePattern.match(line.name).hasMatch())
        reader.fail(QStringLiteral("\"line\" is \"%1\"; write major.minor, e.g. \"1.12\"%2")
                        .arg(line.name, lineOf(root["line"])));
    else if (!line.name.isEmpty() && fileName != line.name + QStringLiteral(".yaml"))
        reader.fail(QStringLiteral("the file of line %1 must be named %1.yaml").arg(line.name));
    const QString what = fileName;
    QStringList errors;
    line.requirements = readRequirements(reader, what, errors);
    line.sources = readSources(reader, what, errors);
    if (reader.has("notes"))
        line.notes = reader.string("notes", true).trimmed();
    line.gates = readGates(reader, what, line.name, errors);
    line.releases = readReleases(reader, what, line.name, errors);
    if (auto error = reader.finish())
        errors.prepend(error->message);
    if (!errors.isEmpty())
        return makeError(errors.join(QStringLiteral("; ")));
    return line;
}

} // namespace omu

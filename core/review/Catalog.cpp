#include "Catalog.h"

#include "common/FolderFiles.h"
#include "DetectorFactory.h"
#include "SpecReader.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>

namespace omu {

namespace {

QList<CatalogSource> readSources(const YAML::Node& node, SpecReader& entryReader)
{
    QList<CatalogSource> sources;
    auto readOne = [&](const YAML::Node& item) {
        SpecReader reader(item, QStringLiteral("source"));
        CatalogSource source{reader.string("file", true), reader.string("section", true)};
        if (auto error = reader.finish())
            entryReader.fail(error->message);
        else
            sources << source;
    };
    if (node.IsSequence() && node.size() > 0) {
        for (auto it = node.begin(); it != node.end(); ++it)
            readOne(*it);
    } else if (node.IsMap()) {
        readOne(node);
    } else {
        entryReader.fail(QStringLiteral("\"source\" must be {file, section} or a list of them"));
    }
    return sources;
}

Result<CatalogEntry> parseEntry(const QString& fileName, const YAML::Node& node)
{
    CatalogEntry entry;
    entry.catalogFile = fileName;
    const QString id = node.IsMap() && node["id"].IsScalar()
                           ? QString::fromStdString(node["id"].Scalar())
                           : QString();
    SpecReader reader(node, id.isEmpty()
                                ? QStringLiteral("catalog entry in %1").arg(fileName)
                                : QStringLiteral("catalog entry %1 (%2)").arg(id, fileName));
    entry.id = reader.string("id", true);
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9][a-z0-9.-]*$"));
    if (!entry.id.isEmpty() && !idPattern.match(entry.id).hasMatch())
        reader.fail(QStringLiteral("the id \"%1\" must be lower-case letters, digits, '.' and '-'")
                        .arg(entry.id));

    const QString since = reader.string("since", true);
    if (const auto version = Version::parse(since); version && !since.isEmpty())
        entry.since = *version;
    else if (!since.isEmpty())
        reader.fail(QStringLiteral("\"since\" is \"%1\", not a version like 1.2.0").arg(since));

    const QString severity = reader.string("severity", true);
    if (const auto parsed = severityFromName(severity))
        entry.severity = *parsed;
    else if (!severity.isEmpty())
        reader.fail(QStringLiteral("\"severity\" is \"%1\"; it must be blocker, warning or notice")
                        .arg(severity));

    entry.title = reader.string("title", true);
    entry.why = reader.string("why", true).trimmed();
    entry.fix = reader.string("fix", true).trimmed();
    if (auto source = reader.node("source", true))
        entry.sources = readSources(*source, reader);

    if (reader.has("before")) {
        const QString before = reader.string("before", true);
        if (const auto version = Version::parse(before);
            version && !before.isEmpty() && !entry.since.isNull() && entry.since < *version)
            entry.before = *version;
        else
            reader.fail(
                QStringLiteral("\"before\" is \"%1\"; it must be a version later than \"since\"")
                    .arg(before));
    }

    if (reader.has("scope")) {
        const QString scope = reader.string("scope", true);
        if (scope == QLatin1String("every-upgrade"))
            entry.everyUpgrade = true;
        else if (scope != QLatin1String("crossing"))
            reader.fail(QStringLiteral("\"scope\" is \"%1\"; it must be crossing or every-upgrade")
                            .arg(scope));
    }

    if (auto fix = reader.node("autofix", false)) {
        if (auto parsed = AutoFixSpec::parse(*fix))
            entry.autofix = std::make_shared<const AutoFixSpec>(parsed.value());
        else
            reader.fail(parsed.error().message);
    }

    if (auto detectors = reader.node("detectors", true)) {
        if (!detectors->IsSequence() || detectors->size() == 0)
            reader.fail(QStringLiteral("\"detectors\" must be a non-empty list"));
        else
            for (auto it = detectors->begin(); it != detectors->end(); ++it) {
                auto detector = DetectorFactory::create(*it, entry.autofix);
                if (detector)
                    entry.detectors.push_back(detector.value());
                else
                    reader.fail(detector.error().message);
            }
    }
    if (entry.autofix) {
        bool used = false;
        for (const auto& detector : entry.detectors)
            used = used || detector->autoFix() == entry.autofix;
        if (!used && !entry.detectors.empty())
            reader.fail(QStringLiteral("its autofix \"%1\" fits none of its detectors")
                            .arg(AutoFixSpec::kindName(entry.autofix->kind)));
    }
    if (auto error = reader.finish())
        return *error;
    return entry;
}

} // namespace

Result<Catalog> Catalog::loadBuiltIn()
{
    auto catalog = loadFolder(QString::fromLatin1(builtInFolder));
    if (catalog && catalog.value().coverage().isNull() && !catalog.value().entries().empty())
        return makeError(
            QStringLiteral("the built-in breaking-change catalog does not declare what it covers"),
            QStringLiteral("%1/%2").arg(QLatin1String(builtInFolder), QLatin1String(coverageFile)),
            QStringLiteral("The program was built without resources/catalog/coverage.yaml; "
                           "rebuild it."));
    if (catalog && catalog.value().entries().empty())
        return makeError(
            QStringLiteral("the built-in breaking-change catalog is missing"),
            QString::fromLatin1(builtInFolder),
            QStringLiteral("The program was built without its resources; rebuild it."));
    return catalog;
}

Result<Catalog> Catalog::loadFolder(const QString& folder)
{
    const auto files = readFolderFiles(folder, {QStringLiteral("*.yaml"), QStringLiteral("*.yml")},
                                       QStringLiteral("catalog file"));
    if (!files)
        return files.error();
    return parse(files.value());
}

Result<Catalog> Catalog::parse(const QList<QPair<QString, QByteArray>>& files)
{
    Catalog catalog;
    QStringList errors;
    QHash<QString, QString> seen; // id -> file
    for (const auto& [name, text] : files) {
        std::vector<YAML::Node> documents;
        try {
            documents = YAML::LoadAll(text.toStdString());
        } catch (const YAML::Exception& e) {
            errors << QStringLiteral("catalog file %1:%2:%3 is not valid YAML: %4")
                          .arg(name)
                          .arg(e.mark.line + 1)
                          .arg(e.mark.column + 1)
                          .arg(QString::fromStdString(e.msg));
            continue;
        }
        if (name == QLatin1String(coverageFile)) {
            SpecReader reader(documents.empty() ? YAML::Node() : documents.front(),
                              QStringLiteral("catalog file %1").arg(name));
            const QString coverage = reader.string("coverage", true);
            if (const auto version = Version::parse(coverage))
                catalog.m_coverage = *version;
            else if (!coverage.isEmpty())
                reader.fail(QStringLiteral("\"coverage\" is \"%1\", not a version").arg(coverage));
            if (auto error = reader.finish())
                errors << error->message;
            continue;
        }
        if (documents.empty())
            errors << QStringLiteral("catalog file %1 holds no entry").arg(name);
        for (const YAML::Node& document : documents) {
            auto entry = parseEntry(name, document);
            if (!entry) {
                errors << entry.error().message;
                continue;
            }
            const QString id = entry.value().id;
            if (seen.contains(id)) {
                errors << QStringLiteral("catalog entry %1 (%2): duplicate id, already used in %3")
                              .arg(id, name, seen.value(id));
                continue;
            }
            seen.insert(id, name);
            catalog.m_entries.push_back(std::move(entry).value());
        }
    }
    if (!errors.isEmpty())
        return makeError(QStringLiteral("the breaking-change catalog is invalid:\n  ") +
                             errors.join(QStringLiteral("\n  ")),
                         {}, QStringLiteral("Fix these entries in resources/catalog/."));
    return catalog;
}

const CatalogEntry* Catalog::find(const QString& id) const
{
    for (const auto& entry : m_entries)
        if (entry.id == id)
            return &entry;
    return nullptr;
}

std::vector<const CatalogEntry*> Catalog::applicable(const Version& from, const Version& to) const
{
    std::vector<const CatalogEntry*> entries;
    for (const auto& entry : m_entries)
        if (entry.appliesTo(from, to))
            entries.push_back(&entry);
    return entries;
}

} // namespace omu

#include "OpenMetadataDistribution.h"

#include "releases/ReleaseRegistry.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace omu {

namespace {

const QString opsScript = QStringLiteral("bootstrap/openmetadata-ops.sh");
const QString storageScript = QStringLiteral("bootstrap/bootstrap_storage.sh");

// The release number in a jar's name: openmetadata-service-1.2.0.jar,
// openmetadata-1.3.1-collate.jar (but not openmetadata-spec or other modules' jars).
std::optional<Version> versionFromJars(const QDir& root, QString* source)
{
    static const QRegularExpression jar(QStringLiteral(
        R"(^openmetadata(?:-service)?-(\d+\.\d+\.\d+(?:[-.][0-9A-Za-z.-]+)?)\.jar$)"));
    for (const QString& folder : {QStringLiteral("libs"), QStringLiteral("lib"), QString()}) {
        const QDir dir(root.filePath(folder));
        if (!dir.exists())
            continue;
        QStringList names = dir.entryList({QStringLiteral("openmetadata*.jar")}, QDir::Files);
        std::sort(names.begin(), names.end()); // "-service-" before others: deterministic
        for (const QString& name : names) {
            const auto match = jar.match(name);
            if (!match.hasMatch())
                continue;
            if (auto version = Version::parse(match.captured(1))) {
                *source = folder.isEmpty() ? name : folder + QLatin1Char('/') + name;
                return version;
            }
        }
    }
    return std::nullopt;
}

std::optional<Version> versionFromFolderName(const QDir& root, QString* source)
{
    static const QRegularExpression name(
        QStringLiteral(R"(^openmetadata-(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$)"));
    const auto match = name.match(root.dirName());
    if (!match.hasMatch())
        return std::nullopt;
    *source = QStringLiteral("the folder name %1").arg(root.dirName());
    return Version::parse(match.captured(1));
}

} // namespace

QString OpenMetadataDistribution::engineFolder(Engine engine)
{
    return engine == Engine::Postgres ? QStringLiteral("postgres") : QStringLiteral("mysql");
}

QString OpenMetadataDistribution::driverClass(Engine engine)
{
    return engine == Engine::Postgres ? QStringLiteral("org.postgresql.Driver")
                                      : QStringLiteral("com.mysql.cj.jdbc.Driver");
}

bool OpenMetadataDistribution::isStandInFolder(const QString& folder)
{
    return !folder.isEmpty() &&
           QFileInfo(QDir(folder).filePath(QStringLiteral("FAKE-DISTRIBUTION.txt"))).isFile();
}

Result<OpenMetadataDistribution> OpenMetadataDistribution::read(const QString& folder)
{
    const QFileInfo info(folder);
    if (folder.trimmed().isEmpty())
        return makeError(
            QStringLiteral("no distribution folder given"), {},
            QStringLiteral("Unpack the new release's tarball (openmetadata-X.Y.Z.tar.gz) "
                           "and choose the folder it creates."));
    if (!info.isDir())
        return makeError(QStringLiteral("the distribution folder does not exist"), folder,
                         QStringLiteral("Unpack the new release's tarball and choose the folder "
                                        "it creates (it holds bootstrap/, conf/ and libs/)."));
    OpenMetadataDistribution distribution;
    const QDir root(info.absoluteFilePath());
    distribution.m_root = root.absolutePath();
    distribution.m_standIn = isStandInFolder(distribution.m_root);

    const bool hasOps = QFileInfo(root.filePath(opsScript)).isFile();
    const bool hasStorage = QFileInfo(root.filePath(storageScript)).isFile();
    if (!hasOps && !hasStorage)
        return makeError(
            QStringLiteral("this is not an OpenMetadata distribution: neither %1 nor %2 is there")
                .arg(opsScript, storageScript),
            distribution.m_root,
            QStringLiteral("Choose the folder the release tarball unpacks to (openmetadata-X.Y.Z), "
                           "not its parent or the docker folder."));

    // Native migration folders.
    const QDir native(root.filePath(QStringLiteral("bootstrap/sql/migrations/native")));
    for (const QString& name : native.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const auto version = Version::parse(name);
        if (!version)
            continue;
        NativeMigrationFolder entry{*version, native.filePath(name), {}};
        for (const QString& engine : {QStringLiteral("mysql"), QStringLiteral("postgres")})
            if (QFileInfo(QDir(entry.path).filePath(engine)).isDir())
                entry.engines << engine;
        distribution.m_native << entry;
    }
    std::sort(distribution.m_native.begin(), distribution.m_native.end(),
              [](const auto& a, const auto& b) { return a.version < b.version; });

    for (const QString& candidate :
         {QStringLiteral("bootstrap/sql/migrations/flyway"), QStringLiteral("bootstrap/sql")}) {
        const QDir dir(root.filePath(candidate));
        if (dir.exists(driverClass(Engine::MySql)) || dir.exists(driverClass(Engine::Postgres))) {
            distribution.m_flywayRoot = dir.absolutePath();
            break;
        }
    }

    QString source;
    auto version = versionFromJars(root, &source);
    if (!version)
        version = versionFromFolderName(root, &source);
    if (!version && !distribution.m_native.isEmpty()) {
        version = distribution.m_native.last().version;
        source = QStringLiteral("its newest native migration folder");
    }
    if (!version)
        return makeError(QStringLiteral("cannot tell which release this distribution is"),
                         distribution.m_root,
                         QStringLiteral("Expected libs/openmetadata-service-X.Y.Z.jar or native "
                                        "migration folders; choose the unpacked release folder."));
    distribution.m_version = *version;
    distribution.m_versionSource = source;

    if (const QDir baseline(root.filePath(QStringLiteral("bootstrap/sql/migrations/baseline")));
        baseline.exists())
        distribution.m_baseline = baseline.absolutePath();

    // The release's own tool: the registry lists, per line, the scripts it ships with the
    // preferred one first (openmetadata-ops.sh from 1.3.0; only that from 1.5.1).
    QStringList tools;
    if (const ReleaseLine* line = ReleaseRegistry::builtIn().lineOf(*version))
        tools = line->requirements.migrationTools;
    else
        tools = *version < *Version::parse(QStringLiteral("1.3.0"))
                    ? QStringList{QStringLiteral("bootstrap_storage.sh")}
                    : QStringList{QStringLiteral("openmetadata-ops.sh")};
    tools << QStringLiteral("openmetadata-ops.sh") << QStringLiteral("bootstrap_storage.sh");
    for (const QString& tool : tools) {
        const bool ops = tool == QLatin1String("openmetadata-ops.sh");
        if (ops ? hasOps : hasStorage) {
            distribution.m_tool =
                ops ? MigrationTool::OpenMetadataOps : MigrationTool::BootstrapStorage;
            break;
        }
    }
    return distribution;
}

QString OpenMetadataDistribution::toolScript() const
{
    return m_tool == MigrationTool::OpenMetadataOps ? opsScript : storageScript;
}

QString OpenMetadataDistribution::configFile() const
{
    return QDir(m_root).filePath(QStringLiteral("conf/openmetadata.yaml"));
}

QList<FlywayScript> OpenMetadataDistribution::flywayScripts(Engine engine) const
{
    QList<FlywayScript> scripts;
    if (m_flywayRoot.isEmpty())
        return scripts;
    static const QRegularExpression name(QStringLiteral(R"(^[vV](\d+(?:[._]\d+)*)__.*\.sql$)"));
    const QDir dir(QDir(m_flywayRoot).filePath(driverClass(engine)));
    for (const QString& file : dir.entryList({QStringLiteral("*.sql")}, QDir::Files)) {
        const auto match = name.match(file);
        if (!match.hasMatch())
            continue;
        QString number = match.captured(1);
        number.replace(QLatin1Char('_'), QLatin1Char('.'));
        if (const auto version = Version::parse(number))
            scripts << FlywayScript{*version, dir.filePath(file)};
    }
    std::sort(scripts.begin(), scripts.end(),
              [](const auto& a, const auto& b) { return a.version < b.version; });
    return scripts;
}

Version OpenMetadataDistribution::newestMigration(Engine engine) const
{
    Version newest;
    for (const auto& folder : m_native)
        if (!(m_version < folder.version) && folder.engines.contains(engineFolder(engine)))
            newest = folder.version;
    return newest;
}

QStringList OpenMetadataDistribution::nativeFiles(const NativeMigrationFolder& folder,
                                                  Engine engine) const
{
    QStringList files;
    const QDir dir(QDir(folder.path).filePath(engineFolder(engine)));
    for (const QString& name :
         {QStringLiteral("schemaChanges.sql"), QStringLiteral("postDataMigrationSQLScript.sql")})
        if (QFileInfo(dir.filePath(name)).isFile())
            files << dir.filePath(name);
    return files;
}

} // namespace omu

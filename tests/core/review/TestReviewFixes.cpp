// Automatic fixes: text edits at the places the review found, previewed as a unified
// diff, checked to still parse, written atomically with the original kept beside. The
// sample deployment fixed for 1.1.0 -> 1.3.0 must equal tests/data/review/deployment-fixed
// byte for byte (every comment and unrelated line kept), and a second run finds nothing.
#include "review/FixPlan.h"
#include "ReviewTestUtil.h"

#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace omu;
using namespace omu::test;

namespace {

QList<Finding> fixable(const ReviewReport& report)
{
    QList<Finding> chosen;
    for (const Finding& finding : report.findings)
        if (finding.autofix)
            chosen << finding;
    return chosen;
}

int modeOf(const QString& path)
{
    struct stat info
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}

QStringList backupsOf(const QString& path)
{
    const QFileInfo info(path);
    return info.dir().entryList({info.fileName() + QStringLiteral(".bak-*")}, QDir::Files);
}

ReviewReport reviewOrFail(const ReviewRequest& request)
{
    auto report = ReviewEngine::run(builtInCatalog(), request);
    if (!report)
        qFatal("review failed: %s", qPrintable(report.error().toString()));
    return report.value();
}

} // namespace

class TestReviewFixes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void fixingTheDeploymentKeepsEverythingElseByteForByte();
    void secondRunFindsNothingToFix();
    void originalIsKeptAndPermissionsSurvive();
    void ownerAndSymbolicLinksSurvive();
    void readOnlyFileIsRefusedAndUntouched();
    void editThatWouldNotParseIsRefused();
    void fileChangedSincePreviewIsRefused();
    void crlfQuotedKeysAndQuotedValuesSurvive();
    void envFileEditsKeepQuotesAndComments();
    void lastKeysTakeTheirMappingAlong();
    void missingChildrenAreAddedToAnEmptyMapping();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_deployment;
};

void TestReviewFixes::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_deployment = m_dir->filePath(QStringLiteral("deployment"));
    QVERIFY(copyData(QStringLiteral("review/deployment"), m_deployment));
}

void TestReviewFixes::fixingTheDeploymentKeepsEverythingElseByteForByte()
{
    const ReviewReport report = reviewOrFail(deploymentRequest(m_deployment, "1.1.0", "1.3.0"));
    const QList<Finding> chosen = fixable(report);
    QVERIFY(chosen.size() >= 12);
    const FixPlan plan = FixPlanner::plan(chosen);
    QVERIFY2(plan.refused.isEmpty(), qPrintable(plan.refused.value(0).second));
    QCOMPARE(plan.patches.size(), 5);

    // The preview is a unified diff, and nothing is written before apply.
    const QString diff = plan.diff();
    QVERIFY(
        diff.contains(QLatin1String("--- ") + m_deployment + QLatin1String("/openmetadata.yaml")));
    QVERIFY(diff.contains(
        QLatin1String("\n-  path: \"./bootstrap/sql\"   # where flyway finds the scripts\n")));
    QVERIFY(diff.contains(QLatin1String("\n+      instanceDomain: https://acme.domo.com\n")));
    QVERIFY(diff.contains(QLatin1String("@@ -")));
    QCOMPARE(readFile(m_deployment + "/openmetadata.yaml"),
             readFile(dataPath("review/deployment/openmetadata.yaml")));

    auto applied = FixApplier::apply(plan);
    QVERIFY2(applied.ok(), applied.ok() ? "" : qPrintable(applied.error().toString()));
    for (const char* file : {"openmetadata.yaml", "docker.env", "values.yaml",
                             "workflows/domo.yaml", "workflows/mysql.yaml"}) {
        const QByteArray fixed = readFile(m_deployment + QLatin1Char('/') + QLatin1String(file));
        const QByteArray expected =
            readFile(dataPath(QStringLiteral("review/deployment-fixed/") + QLatin1String(file)));
        QVERIFY2(!expected.isEmpty(), file);
        QVERIFY2(fixed == expected,
                 qPrintable(QStringLiteral("%1 differs from the expected fix:\n%2")
                                .arg(QLatin1String(file), QString::fromUtf8(fixed))));
    }
    // Independently of the expected files: every comment of the originals is still there.
    for (const char* file : {"openmetadata.yaml", "docker.env", "values.yaml"}) {
        const QString fixed =
            QString::fromUtf8(readFile(m_deployment + QLatin1Char('/') + QLatin1String(file)));
        const QString original = QString::fromUtf8(
            readFile(dataPath(QStringLiteral("review/deployment/") + QLatin1String(file))));
        for (const QString& line : original.split(QLatin1Char('\n'))) {
            const qsizetype hash = line.indexOf(QLatin1Char('#'));
            if (hash >= 0 && (hash == 0 || line.at(hash - 1) == QLatin1Char(' ')))
                QVERIFY2(fixed.contains(line.mid(hash)), qPrintable(line));
        }
    }
    // Files without fixes are not touched at all.
    QCOMPARE(backupsOf(m_deployment + "/code/connector.py").size(), 0);
}

void TestReviewFixes::secondRunFindsNothingToFix()
{
    const ReviewRequest request = deploymentRequest(m_deployment, "1.1.0", "1.3.0");
    const ReviewReport before = reviewOrFail(request);
    QVERIFY(FixApplier::apply(FixPlanner::plan(fixable(before))).ok());
    const ReviewReport after = reviewOrFail(request);
    QCOMPARE(fixable(after).size(), 0);
    QVERIFY(FixPlanner::plan(fixable(before)).isEmpty()); // the old findings plan nothing now
    const QStringList ids = idsOf(after);
    for (const char* gone :
         {"om-1.1.2-migration-paths", "om-1.2.1-logo-login-config", "om-1.3.0-secrets-manager-noop",
          "om-1.2.0-domo-instance-domain", "om-1.2.0-db-use-ssl", "om-1.1.2-search-type",
          "om-1.1.2-web-security-headers"})
        QVERIFY2(!ids.contains(QLatin1String(gone)), gone);
    QCOMPARE(after.count(Severity::Blocker), 0);
    QVERIFY(after.problems.isEmpty());
}

void TestReviewFixes::originalIsKeptAndPermissionsSurvive()
{
    const QString config = m_deployment + "/openmetadata.yaml";
    QVERIFY(::chmod(QFile::encodeName(config).constData(), 0640) == 0);
    const QByteArray original = readFile(config);
    const ReviewReport report = reviewOrFail(deploymentRequest(m_deployment, "1.2.5", "1.3.0"));
    const Finding* noop = findingOf(report, QStringLiteral("om-1.3.0-secrets-manager-noop"),
                                    QStringLiteral("openmetadata.yaml"));
    QVERIFY(noop && noop->autofix);
    auto applied = FixApplier::apply(FixPlanner::plan({*noop}));
    QVERIFY(applied.ok());
    QCOMPARE(applied.value().size(), 1);
    const QString backup = applied.value().first().backupPath;
    QVERIFY(backup.startsWith(config + QStringLiteral(".bak-")));
    QCOMPARE(readFile(backup), original);
    QCOMPARE(modeOf(backup), 0600);
    QCOMPARE(modeOf(config), 0640);
    QVERIFY(readFile(config).contains("secretsManager: ${SECRET_MANAGER:-db} # Possible values"));
    // Only that one value changed.
    QByteArray expected = original;
    expected.replace("${SECRET_MANAGER:-noop}", "${SECRET_MANAGER:-db}");
    QCOMPARE(readFile(config), expected);
}

void TestReviewFixes::ownerAndSymbolicLinksSurvive()
{
    // The configuration lives elsewhere and the deployment folder links to it.
    const QString real = m_dir->filePath(QStringLiteral("conf/openmetadata.yaml"));
    const QString link = m_deployment + "/openmetadata.yaml";
    QDir().mkpath(QFileInfo(real).absolutePath());
    QVERIFY(QFile::rename(link, real));
    QVERIFY(QFile::link(real, link));
    const bool root = ::geteuid() == 0;
    if (root) // a file that belongs to the service account, as on a server
        QVERIFY(::chown(QFile::encodeName(real).constData(), 65534, 65534) == 0);
    QVERIFY(::chmod(QFile::encodeName(real).constData(), 0640) == 0);
    const ReviewReport report = reviewOrFail(deploymentRequest(m_deployment, "1.2.5", "1.3.0"));
    const Finding* noop = findingOf(report, QStringLiteral("om-1.3.0-secrets-manager-noop"),
                                    QStringLiteral("openmetadata.yaml"));
    QVERIFY(noop && noop->autofix);
    auto applied = FixApplier::apply(FixPlanner::plan({*noop}));
    QVERIFY2(applied.ok(), applied.ok() ? "" : qPrintable(applied.error().toString()));
    QVERIFY(QFileInfo(link).isSymLink());
    QVERIFY(readFile(real).contains("${SECRET_MANAGER:-db}"));
    QCOMPARE(modeOf(real), 0640);
    struct stat info
    {
    };
    QVERIFY(::stat(QFile::encodeName(real).constData(), &info) == 0);
    if (root)
        QCOMPARE(int(info.st_uid), 65534);
    QVERIFY(applied.value().first().backupPath.startsWith(real + QStringLiteral(".bak-")));
}

void TestReviewFixes::readOnlyFileIsRefusedAndUntouched()
{
    const QString config = m_deployment + "/openmetadata.yaml";
    const ReviewReport report = reviewOrFail(deploymentRequest(m_deployment, "1.1.0", "1.3.0"));
    const FixPlan plan = FixPlanner::plan(fixable(report));
    QVERIFY(::chmod(QFile::encodeName(config).constData(), 0444) == 0);
    QMap<QString, QByteArray> before;
    for (const FilePatch& patch : plan.patches)
        before.insert(patch.path, readFile(patch.path));
    auto applied = FixApplier::apply(plan);
    QVERIFY(!applied.ok());
    QVERIFY2(applied.error().message.contains(QLatin1String("read-only")),
             qPrintable(applied.error().toString()));
    QCOMPARE(applied.error().where, config);
    QVERIFY(applied.error().advice.contains(QLatin1String("chmod")));
    // Nothing at all was written: not that file, not the others of the same plan.
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        QCOMPARE(readFile(it.key()), it.value());
        QCOMPARE(backupsOf(it.key()).size(), 0);
    }
    QCOMPARE(modeOf(config), 0444);
}

void TestReviewFixes::editThatWouldNotParseIsRefused()
{
    // A catalog entry whose fix would write "a: b: c" as a plain value.
    auto catalog = Catalog::parse(
        {{QStringLiteral("bad-fix.yaml"),
          "id: bad-fix\nsince: 1.3.0\nseverity: warning\ntitle: T\nwhy: W\nfix: F\n"
          "source: {file: x, section: y}\n"
          "detectors: [{type: yaml-value, files: [config], path: a.b, matches: '^old$'}]\n"
          "autofix: {type: change-value, to: 'a: b: c'}\n"}});
    QVERIFY(catalog.ok());
    const QString config = m_dir->filePath(QStringLiteral("bad/openmetadata.yaml"));
    const QByteArray original = "# keep me\na:\n  b: old\n";
    QVERIFY(writeFile(config, original));
    ReviewRequest request;
    request.from = QStringLiteral("1.2.0");
    request.to = QStringLiteral("1.3.0");
    request.configFile = config;
    auto report = ReviewEngine::run(catalog.value(), request);
    QVERIFY(report.ok());
    QCOMPARE(report.value().findings.size(), 1);
    const Finding finding = report.value().findings.first();
    QVERIFY(!finding.autofix); // the review already knows it cannot be done
    QVERIFY2(finding.autofixUnavailable.contains(QLatin1String("invalid YAML")),
             qPrintable(finding.autofixUnavailable));
    Finding forced = finding;
    const FixPlan plan = FixPlanner::plan({forced});
    QVERIFY(plan.isEmpty());
    QCOMPARE(plan.refused.size(), 1);
    QVERIFY(plan.refused.first().second.contains(QLatin1String("invalid YAML")));
    QCOMPARE(readFile(config), original);
}

void TestReviewFixes::fileChangedSincePreviewIsRefused()
{
    const QString config = m_deployment + "/openmetadata.yaml";
    const ReviewReport report = reviewOrFail(deploymentRequest(m_deployment, "1.2.5", "1.3.0"));
    const FixPlan plan = FixPlanner::plan(fixable(report));
    QVERIFY(!plan.isEmpty());
    QByteArray edited = readFile(config) + "# edited by someone else meanwhile\n";
    QVERIFY(writeFile(config, edited));
    auto applied = FixApplier::apply(plan);
    QVERIFY(!applied.ok());
    QVERIFY(applied.error().message.contains(QLatin1String("changed since the preview")));
    QCOMPARE(readFile(config), edited);
}

void TestReviewFixes::crlfQuotedKeysAndQuotedValuesSurvive()
{
    const QString folder = m_dir->filePath(QStringLiteral("crlf"));
    QVERIFY(
        writeFile(folder + "/workflows/domo.yaml",
                  "source:\r\n  serviceConnection:\r\n    config:\r\n      type: DomoDatabase\r\n"
                  "      \"sandboxDomain\": 'https://acme.domo.com'   # quoted key\r\n"
                  "      clientId: x\r\n"));
    QVERIFY(writeFile(
        folder + "/openmetadata.yaml",
        "\xEF\xBB\xBF"
        "secretsManagerConfiguration:\r\n  secretsManager: \"${SECRET_MANAGER:-noop}\"\r\n"));
    ReviewRequest request;
    request.from = QStringLiteral("1.1.5");
    request.to = QStringLiteral("1.3.0");
    request.configFile = folder + "/openmetadata.yaml";
    request.workflowsFolder = folder + "/workflows";
    request.checkSearch = false;
    const ReviewReport report = reviewOrFail(request);
    QList<Finding> chosen;
    for (const char* id : {"om-1.2.0-domo-instance-domain", "om-1.3.0-secrets-manager-noop"}) {
        const Finding* finding = findingOf(report, QLatin1String(id));
        QVERIFY2(finding && finding->autofix, id);
        chosen << *finding;
    }
    QVERIFY(FixApplier::apply(FixPlanner::plan(chosen)).ok());
    QCOMPARE(
        readFile(folder + "/workflows/domo.yaml"),
        QByteArray("source:\r\n  serviceConnection:\r\n    config:\r\n      type: DomoDatabase\r\n"
                   "      \"instanceDomain\": 'https://acme.domo.com'   # quoted key\r\n"
                   "      clientId: x\r\n"));
    QCOMPARE(
        readFile(folder + "/openmetadata.yaml"),
        QByteArray(
            "\xEF\xBB\xBF"
            "secretsManagerConfiguration:\r\n  secretsManager: \"${SECRET_MANAGER:-db}\"\r\n"));
}

void TestReviewFixes::envFileEditsKeepQuotesAndComments()
{
    const QString folder = m_dir->filePath(QStringLiteral("env"));
    const QString env = folder + "/docker.env";
    QVERIFY(writeFile(env, "# server settings\nexport SECRET_MANAGER=\"noop\"   # to be renamed\n"
                           "DB_USE_SSL=true # TLS on\nDB_HOST=mysql\n"));
    ReviewRequest request;
    request.from = QStringLiteral("1.1.5");
    request.to = QStringLiteral("1.3.0");
    request.envFiles = {env};
    request.checkSearch = false;
    const ReviewReport report = reviewOrFail(request);
    QVERIFY(FixApplier::apply(FixPlanner::plan(fixable(report))).ok());
    QCOMPARE(
        readFile(env),
        QByteArray(
            "# server settings\nexport SECRET_MANAGER=\"db\"   # to be renamed\n"
            "DB_PARAMS=\"allowPublicKeyRetrieval=true&useSSL=true&serverTimezone=UTC\" # TLS on\n"
            "DB_HOST=mysql\n"));

    // With DB_PARAMS already set, replacing DB_USE_SSL is left to the user.
    QVERIFY(writeFile(env, "DB_USE_SSL=true\nDB_PARAMS=\"useSSL=true\"\n"));
    const ReviewReport again = reviewOrFail(request);
    const Finding* finding = findingOf(again, QStringLiteral("om-1.2.0-db-use-ssl"));
    QVERIFY(finding);
    QVERIFY(!finding->autofix);
    QVERIFY(finding->autofixUnavailable.contains(QLatin1String("DB_PARAMS is already set")));
}

void TestReviewFixes::lastKeysTakeTheirMappingAlong()
{
    const QString config = m_dir->filePath(QStringLiteral("logo/openmetadata.yaml"));
    QVERIFY(writeFile(config, "server:\n  rootPath: '/api/*'\n\n"
                              "applicationConfig:\n  # the custom logo\n  logoConfig:\n"
                              "    customLogoUrlPath: ${OM_CUSTOM_LOGO_URL_PATH:-\"\"}\n\n"
                              "  loginConfig:\n    maxLoginFailAttempts: 3\n\n"
                              "# health checks\nhealth:\n  delayedShutdownHandlerEnabled: true\n"));
    ReviewRequest request;
    request.from = QStringLiteral("1.2.0");
    request.to = QStringLiteral("1.2.1");
    request.configFile = config;
    const ReviewReport report = reviewOrFail(request);
    QVERIFY(FixApplier::apply(FixPlanner::plan(fixable(report))).ok());
    QCOMPARE(readFile(config),
             QByteArray("server:\n  rootPath: '/api/*'\n\n"
                        "# health checks\nhealth:\n  delayedShutdownHandlerEnabled: true\n"));
}

void TestReviewFixes::missingChildrenAreAddedToAnEmptyMapping()
{
    const QString config = m_dir->filePath(QStringLiteral("empty/openmetadata.yaml"));
    QVERIFY(writeFile(config, "migrationConfiguration:   # set below\nhealth:\n    enabled: true"));
    ReviewRequest request;
    request.from = QStringLiteral("1.1.0");
    request.to = QStringLiteral("1.1.2");
    request.configFile = config;
    const ReviewReport report = reviewOrFail(request);
    QVERIFY(FixApplier::apply(FixPlanner::plan(fixable(report))).ok());
    QCOMPARE(readFile(config), QByteArray("migrationConfiguration:   # set below\n"
                                          "  flywayPath: \"./bootstrap/sql/migrations/flyway\"\n"
                                          "  nativePath: \"./bootstrap/sql/migrations/native\"\n"
                                          "health:\n    enabled: true"));
}

QTEST_GUILESS_MAIN(TestReviewFixes)
#include "TestReviewFixes.moc"

// The breaking-change catalog as compiled into the program: it loads, it matches the
// files in resources/catalog, every entry names where it comes from, and every entry has
// a deployment that triggers it and one that does not (walked from the catalog itself,
// so a new entry without both fails here), and the README maps every entry to the upgrade
// notes it comes from. The database entries run against databases on both test servers
// (fixture databases, or the review tables filled from the case); the search entries
// against the fake server.
#include "FakeSearchServerProcess.h"
#include "fixture/OpenMetadataFixture.h"
#include "review/Catalog.h"
#include "review/ReviewEngine.h"
#include "ReviewCase.h"
#include "ReviewRows.h"
#include "TestData.h"
#include "TestServers.h"

#include <QDir>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace omu;
using omu::test::ReviewCase;
using omu::test::TestServers;

class TestReviewCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void builtInCatalogIsTheSourceFolder();
    void everyEntryNamesItsSource();
    void everySeedFileIsCovered();
    void everyEntryHasATriggeringAndACleanDeployment();
    void readmeMapsEveryEntry();
    void databaseEntriesRunOnBothEngines();
    void invalidEntriesAreRejectedByName_data();
    void invalidEntriesAreRejectedByName();

private:
    // A fixture database: "hostile" (broken query chains, alerts, one failed flyway row)
    // or "plain" (no broken chains, no alerts, flyway clean).
    std::optional<ConnectionProfile> fixtureDatabase(const QString& variant, Engine engine,
                                                     QString* error);
    // The review of a case, with its database on `engine` when it has one.
    ReviewReport review(const ReviewCase& reviewCase, Engine engine, QString* error);

    std::optional<Catalog> m_catalog;
    QMap<QString, ConnectionProfile> m_databases; // "<variant>/<engine>"
    omu::test::ReviewRows m_rows;
};

void TestReviewCatalog::initTestCase()
{
    auto catalog = Catalog::loadBuiltIn();
    QVERIFY2(catalog.ok(), catalog.ok() ? "" : qPrintable(catalog.error().toString()));
    m_catalog.emplace(std::move(catalog).value());
}

void TestReviewCatalog::cleanupTestCase()
{
    for (const auto& profile : std::as_const(m_databases))
        TestServers::dropDatabase(profile.engine, profile.database);
}

void TestReviewCatalog::builtInCatalogIsTheSourceFolder()
{
    const QString folder = QStringLiteral(OMU_CATALOG_SOURCE_DIR);
    auto fromSource = Catalog::loadFolder(folder);
    QVERIFY2(fromSource.ok(), fromSource.ok() ? "" : qPrintable(fromSource.error().toString()));
    QStringList builtIn;
    for (const auto& entry : m_catalog->entries())
        builtIn << entry.id;
    QStringList source;
    for (const auto& entry : fromSource.value().entries())
        source << entry.id;
    QCOMPARE(builtIn, source);
    QVERIFY(builtIn.size() >= 30);
    // One entry per file, named after its id.
    for (const auto& entry : m_catalog->entries())
        QCOMPARE(entry.catalogFile, entry.id + QStringLiteral(".yaml"));
}

void TestReviewCatalog::everyEntryNamesItsSource()
{
    const QStringList known{
        QStringLiteral("000_e9dfa39ae4b175d9.txt"), QStringLiteral("001_26d02a10e6f29b38.txt"),
        QStringLiteral("002_7dfe526ca37644af.txt"), QStringLiteral("003_36346d44940d78a0.txt"),
        QStringLiteral("004_66abe36d4bc26764.txt"), QStringLiteral("openmetadata-facts.md"),
        QStringLiteral("openmetadata-releases.md")};
    // After 1.3 the sources are OpenMetadata's own pages: release notes and upgrade pages in
    // the docs repository, the docs folder of the server repository, the Helm chart, PRs.
    const QStringList upstream{QStringLiteral("docs-om/"), QStringLiteral("OpenMetadata/"),
                               QStringLiteral("openmetadata-helm-charts/"),
                               QStringLiteral("github.com/open-metadata/")};
    auto isUpstream = [&](const QString& file) {
        for (const QString& prefix : upstream)
            if (file.startsWith(prefix))
                return true;
        return false;
    };
    const Version v140 = *Version::parse(QStringLiteral("1.4.0"));
    for (const auto& entry : m_catalog->entries()) {
        QVERIFY2(!entry.sources.isEmpty(), qPrintable(entry.id));
        bool citesUpstream = false;
        for (const auto& source : entry.sources)
            citesUpstream = citesUpstream || isUpstream(source.file);
        if (v140 <= entry.since && !entry.id.startsWith(QLatin1String("prerequisite-")))
            QVERIFY2(citesUpstream ||
                         entry.sources.first().file == QLatin1String("openmetadata-releases.md"),
                     qPrintable(entry.id + QStringLiteral(": cite the release notes or page")));
        for (const auto& source : entry.sources) {
            QVERIFY2(known.contains(source.file) || isUpstream(source.file),
                     qPrintable(entry.id + QStringLiteral(": ") + source.file));
            QVERIFY2(!source.section.trimmed().isEmpty(), qPrintable(entry.id));
        }
        QVERIFY2(!entry.why.isEmpty() && !entry.fix.isEmpty() && !entry.title.isEmpty(),
                 qPrintable(entry.id));
    }
}

void TestReviewCatalog::everySeedFileIsCovered()
{
    // Each release's notes (and their deprecation notices) is the source of some entry.
    QSet<QString> named;
    QSet<QString> sections;
    for (const auto& entry : m_catalog->entries())
        for (const auto& source : entry.sources) {
            named.insert(source.file);
            sections.insert(source.file + QLatin1Char('|') + source.section);
        }
    for (const char* file :
         {"000_e9dfa39ae4b175d9.txt", "001_26d02a10e6f29b38.txt", "002_7dfe526ca37644af.txt",
          "003_36346d44940d78a0.txt", "004_66abe36d4bc26764.txt"})
        QVERIFY2(named.contains(QString::fromLatin1(file)), file);
    for (const char* section :
         {"000_e9dfa39ae4b175d9.txt|Deprecation Notice",
          "002_7dfe526ca37644af.txt|Deprecation Notice",
          "003_36346d44940d78a0.txt|Deprecation Notice",
          "004_66abe36d4bc26764.txt|Deprecation Notice",
          "003_36346d44940d78a0.txt|Breaking Changes > 1.2.0 > Custom Connectors",
          "004_66abe36d4bc26764.txt|Breaking Changes > 1.3.0 > Custom Connectors",
          "004_66abe36d4bc26764.txt|Breaking Changes > 1.3.0 > Airflow Connection"})
        QVERIFY2(sections.contains(QString::fromLatin1(section)), section);
}

std::optional<ConnectionProfile> TestReviewCatalog::fixtureDatabase(const QString& variant,
                                                                    Engine engine, QString* error)
{
    const QString key = variant + QLatin1Char('/') + engineName(engine);
    if (m_databases.contains(key))
        return m_databases.value(key);
    if (!TestServers::admin(engine)) {
        *error = TestServers::unavailableMessage(engine);
        return std::nullopt;
    }
    const QString name = TestServers::uniqueName(QStringLiteral("omu_review_") + variant);
    if (!TestServers::createDatabase(engine, name, error))
        return std::nullopt;
    ConnectionProfile profile = *TestServers::admin(engine, name);
    m_databases.insert(key, profile);
    fixture::FixtureOptions options;
    options.rowsPerEntityTable = 40;
    options.hostile = variant == QLatin1String("hostile");
    auto built = fixture::OpenMetadataFixture::build(profile, options);
    if (!built) {
        *error = built.error().toString();
        return std::nullopt;
    }
    const QString changeLog = engine == Engine::Postgres ? QStringLiteral("\"DATABASE_CHANGE_LOG\"")
                                                         : QStringLiteral("DATABASE_CHANGE_LOG");
    const QString sql =
        options.hostile
            ? QStringLiteral("INSERT INTO %1 (installed_rank, version, description, type, "
                             "script, checksum, installed_by, execution_time, success) VALUES "
                             "(99, '014', 'broken', 'SQL', 'v014__broken.sql', 0, 'test', 1, "
                             "false)")
                  .arg(changeLog)
            : QStringLiteral("DELETE FROM event_subscription_entity");
    if (!TestServers::exec(engine, name, sql, error))
        return std::nullopt;
    return profile;
}

ReviewReport TestReviewCatalog::review(const ReviewCase& reviewCase, Engine engine, QString* error)
{
    ReviewRequest request = reviewCase.request();
    std::optional<omu::test::FakeSearchServerProcess> fake;
    if (!reviewCase.search.isEmpty()) {
        fake.emplace(reviewCase.search);
        if (!fake->isRunning()) {
            *error = QStringLiteral("the fake search server did not start");
            return {};
        }
        request.checkSearch = true;
        request.searchUrl = fake->url();
    }
    if (reviewCase.database == QLatin1String("rows")) {
        QString database;
        if (QString failed = m_rows.fill(engine, reviewCase.rows, &database); !failed.isEmpty()) {
            *error = failed;
            return {};
        }
        request.database = *TestServers::admin(engine, database);
        if (reviewCase.airflow)
            if (QString failed = m_rows.createAirflow(engine); !failed.isEmpty()) {
                *error = failed;
                return {};
            }
    } else if (!reviewCase.database.isEmpty()) {
        request.database = fixtureDatabase(reviewCase.database, engine, error);
        if (!request.database)
            return {};
    }
    auto report = ReviewEngine::run(*m_catalog, request);
    if (reviewCase.airflow)
        m_rows.dropAirflow(engine);
    if (!report) {
        *error = report.error().toString();
        return {};
    }
    return report.value();
}

void TestReviewCatalog::everyEntryHasATriggeringAndACleanDeployment()
{
    QStringList failures;
    for (const auto& entry : m_catalog->entries()) {
        const QString folder = omu::test::dataPath(QStringLiteral("review/cases/") + entry.id);
        // "trigger" and "clean" always; "trigger-<what>" for a detector that needs a case of
        // its own (an entry that looks at workflows and at scripts, say).
        QStringList kinds{QStringLiteral("trigger"), QStringLiteral("clean")};
        for (const QString& extra :
             QDir(folder).entryList({QStringLiteral("trigger-*")}, QDir::Dirs, QDir::Name))
            kinds << extra;
        for (const QString& kind : std::as_const(kinds)) {
            const bool trigger = kind.startsWith(QLatin1String("trigger"));
            const QString caseFolder = QDir(folder).filePath(kind);
            if (!QFileInfo::exists(QDir(caseFolder).filePath(QStringLiteral("case.yaml")))) {
                failures << QStringLiteral("%1: no %2 case in %3").arg(entry.id, kind, caseFolder);
                continue;
            }
            const ReviewCase reviewCase = ReviewCase::read(caseFolder);
            // A case without a database runs once; one with a database once per engine.
            QList<std::optional<Engine>> runs;
            if (reviewCase.database.isEmpty())
                runs << std::nullopt;
            for (const QString& name : reviewCase.engines)
                runs << (name == QLatin1String("postgres") ? Engine::Postgres : Engine::MySql);
            for (const auto& engine : runs) {
                const QString label =
                    engine ? QStringLiteral("%1, %2").arg(kind, engineName(*engine)) : kind;
                QString error;
                const ReviewReport report =
                    review(reviewCase, engine.value_or(Engine::Postgres), &error);
                if (!error.isEmpty()) {
                    failures << QStringLiteral("%1 (%2): %3").arg(entry.id, label, error);
                    continue;
                }
                int found = 0;
                for (const auto& finding : report.findings)
                    found += finding.id == entry.id;
                int skipped = 0;
                QStringList reasons;
                for (const auto& notChecked : report.notChecked)
                    if (notChecked.id == entry.id) {
                        ++skipped;
                        reasons << notChecked.reason;
                    }
                const bool applies = entry.appliesTo(*Version::parse(reviewCase.from),
                                                     *Version::parse(reviewCase.to));
                if (trigger && found == 0)
                    failures << QStringLiteral("%1 (%2): the trigger case found nothing (%3 "
                                               "checks did not run: %4)")
                                    .arg(entry.id, label)
                                    .arg(skipped)
                                    .arg(reasons.join(QStringLiteral("; ")));
                if (kind == QLatin1String("clean") && found > 0)
                    failures << QStringLiteral("%1 (%2): the clean case found %3")
                                    .arg(entry.id, label)
                                    .arg(found);
                // A clean case must really be looked at, not pass because nothing could run.
                if (kind == QLatin1String("clean") && applies &&
                    skipped >= int(entry.detectors.size()))
                    failures << QStringLiteral("%1 (%2): no check of the clean case ran (%3)")
                                    .arg(entry.id, label, reasons.join(QStringLiteral("; ")));
                if (!report.problems.isEmpty())
                    failures << QStringLiteral("%1 (%2): %3")
                                    .arg(entry.id, label, report.problems.first().toString());
            }
        }
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
}

void TestReviewCatalog::databaseEntriesRunOnBothEngines()
{
    // An entry that queries the database has both of its cases run on MariaDB and on
    // PostgreSQL; only a setting of one engine's server (db-server-setting) may trigger on
    // that engine alone.
    QStringList failures;
    for (const auto& entry : m_catalog->entries()) {
        bool queries = false;
        bool engineSetting = false;
        for (const auto& detector : entry.detectors) {
            queries = queries || detector->uses(Detector::Needs::Database);
            engineSetting = engineSetting || detector->type() == QLatin1String("db-server-setting");
        }
        if (!queries)
            continue;
        for (const QString& kind : {QStringLiteral("trigger"), QStringLiteral("clean")}) {
            const QString file = omu::test::dataPath(
                QStringLiteral("review/cases/%1/%2/case.yaml").arg(entry.id, kind));
            if (!QFileInfo::exists(file))
                continue; // reported by the walk
            const ReviewCase reviewCase = ReviewCase::read(QFileInfo(file).path());
            const bool both = reviewCase.engines.contains(QStringLiteral("mariadb")) &&
                              reviewCase.engines.contains(QStringLiteral("postgres"));
            const bool applies =
                entry.appliesTo(*Version::parse(reviewCase.from), *Version::parse(reviewCase.to));
            if (applies && !both && !(engineSetting && kind == QLatin1String("trigger")))
                failures << QStringLiteral("%1: the %2 case does not run on both engines")
                                .arg(entry.id, kind);
        }
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
}

void TestReviewCatalog::readmeMapsEveryEntry()
{
    // resources/catalog/README.md maps the upgrade notes and the releases' breaking changes
    // to entries: every entry is named there, and every name there is an entry.
    QFile readme(QStringLiteral(OMU_CATALOG_SOURCE_DIR) + QStringLiteral("/README.md"));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(readme.readAll());
    const QString coverage = text.mid(text.indexOf(QLatin1String("## Coverage")));
    QVERIFY(!coverage.isEmpty());
    QSet<QString> named;
    static const QRegularExpression id(
        QStringLiteral("\\b((?:om|prerequisite)-[a-z0-9.-]*[a-z0-9])\\b"));
    auto it = id.globalMatch(coverage);
    while (it.hasNext())
        named.insert(it.next().captured(1));
    QStringList missing;
    QSet<QString> ids;
    for (const auto& entry : m_catalog->entries()) {
        ids.insert(entry.id);
        if (!named.contains(entry.id))
            missing << entry.id;
    }
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not in the README's coverage tables: ") +
                                           missing.join(QStringLiteral(", "))));
    QStringList unknown;
    for (const QString& name : std::as_const(named))
        if (!ids.contains(name))
            unknown << name;
    QVERIFY2(unknown.isEmpty(), qPrintable(QStringLiteral("the README names no such entry: ") +
                                           unknown.join(QStringLiteral(", "))));
}

void TestReviewCatalog::invalidEntriesAreRejectedByName_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QStringList>("expected");
    const QByteArray good =
        "id: good-entry\nsince: 1.2.0\nseverity: warning\ntitle: T\nwhy: W\nfix: F\n"
        "source: {file: 003_36346d44940d78a0.txt, section: S}\n";
    QTest::newRow("unknown detector")
        << good + "detectors:\n  - type: yaml-magic\n"
        << QStringList{QStringLiteral("good-entry"),
                       QStringLiteral("unknown detector type \"yaml-magic\"")};
    QTest::newRow("missing field")
        << QByteArray("id: no-why\nsince: 1.2.0\nseverity: warning\ntitle: T\nfix: F\n"
                      "source: {file: a, section: S}\ndetectors: [{type: manual, check: C}]\n")
        << QStringList{QStringLiteral("no-why"),
                       QStringLiteral("lacks the required field \"why\"")};
    QTest::newRow("bad version")
        << QByteArray(
               "id: bad-version\nsince: one-two\nseverity: warning\ntitle: T\nwhy: W\nfix: F\n"
               "source: {file: a, section: S}\ndetectors: [{type: manual, check: C}]\n")
        << QStringList{QStringLiteral("bad-version"), QStringLiteral("\"since\" is \"one-two\"")};
    QTest::newRow("bad severity")
        << QByteArray("id: bad-severity\nsince: 1.2.0\nseverity: fatal\ntitle: T\nwhy: W\nfix: F\n"
                      "source: {file: a, section: S}\ndetectors: [{type: manual, check: C}]\n")
        << QStringList{QStringLiteral("bad-severity"),
                       QStringLiteral("blocker, warning or notice")};
    QTest::newRow("unknown field")
        << good + "detectors: [{type: manual, check: C}]\nsevrity: notice\n"
        << QStringList{QStringLiteral("good-entry"), QStringLiteral("unknown field \"sevrity\"")};
    QTest::newRow("detector parameter missing")
        << good + "detectors:\n  - {type: yaml-value, files: [config], path: a.b}\n"
        << QStringList{QStringLiteral("good-entry"),
                       QStringLiteral("lacks the required field \"matches\"")};
    QTest::newRow("fix the detector cannot do")
        << good + "detectors:\n  - {type: env-variable, names: [X]}\nautofix: {type: rename-key, "
                  "to: Y}\n"
        << QStringList{QStringLiteral("good-entry"), QStringLiteral("fits none of its detectors")};
    QTest::newRow("bad regular expression")
        << good + "detectors:\n  - {type: python-name, pattern: '(unclosed'}\n"
        << QStringList{QStringLiteral("good-entry"),
                       QStringLiteral("not a valid regular expression")};
    QTest::newRow("duplicate id") << good + "detectors: [{type: manual, check: C}]\n---\n" + good +
                                         "detectors: [{type: manual, check: D}]\n"
                                  << QStringList{QStringLiteral("good-entry"),
                                                 QStringLiteral("duplicate id")};
    QTest::newRow("not YAML") << QByteArray("id: [unclosed\n")
                              << QStringList{QStringLiteral("entry.yaml:"),
                                             QStringLiteral("not valid YAML")};
}

void TestReviewCatalog::invalidEntriesAreRejectedByName()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QStringList, expected);
    const auto catalog = Catalog::parse({{QStringLiteral("entry.yaml"), yaml}});
    QVERIFY(!catalog.ok());
    for (const QString& part : expected)
        QVERIFY2(catalog.error().message.contains(part), qPrintable(catalog.error().message));
}

QTEST_GUILESS_MAIN(TestReviewCatalog)
#include "TestReviewCatalog.moc"

// The breaking-change catalog as compiled into the program: it loads, it matches the
// files in resources/catalog, every entry names where it comes from, and every entry has
// a deployment that triggers it and one that does not (walked from the catalog itself,
// so a new entry without both fails here). The database entries run against fixture
// databases on the PostgreSQL test server; the search entry against the fake server.
#include "FakeSearchServerProcess.h"
#include "fixture/OpenMetadataFixture.h"
#include "review/Catalog.h"
#include "review/ReviewEngine.h"
#include "ReviewCase.h"
#include "TestData.h"
#include "TestServers.h"

#include <QDir>
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
    void invalidEntriesAreRejectedByName_data();
    void invalidEntriesAreRejectedByName();

private:
    // A fixture database: "hostile" (broken query chains, alerts, one failed flyway row)
    // or "plain" (no broken chains, no alerts, flyway clean).
    std::optional<ConnectionProfile> fixtureDatabase(const QString& variant, QString* error);
    ReviewReport review(const ReviewCase& reviewCase, QString* error);

    std::optional<Catalog> m_catalog;
    QMap<QString, ConnectionProfile> m_databases;
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
        TestServers::dropDatabase(Engine::Postgres, profile.database);
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
        QStringLiteral("004_66abe36d4bc26764.txt"), QStringLiteral("openmetadata-facts.md")};
    for (const auto& entry : m_catalog->entries()) {
        QVERIFY2(!entry.sources.isEmpty(), qPrintable(entry.id));
        for (const auto& source : entry.sources) {
            QVERIFY2(known.contains(source.file),
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
                                                                    QString* error)
{
    if (m_databases.contains(variant))
        return m_databases.value(variant);
    auto admin = TestServers::admin(Engine::Postgres);
    if (!admin) {
        *error = TestServers::unavailableMessage(Engine::Postgres);
        return std::nullopt;
    }
    const QString name = TestServers::uniqueName(QStringLiteral("omu_review_") + variant);
    if (!TestServers::createDatabase(Engine::Postgres, name, error))
        return std::nullopt;
    ConnectionProfile profile = *TestServers::admin(Engine::Postgres, name);
    m_databases.insert(variant, profile);
    fixture::FixtureOptions options;
    options.rowsPerEntityTable = 40;
    options.hostile = variant == QLatin1String("hostile");
    auto built = fixture::OpenMetadataFixture::build(profile, options);
    if (!built) {
        *error = built.error().toString();
        return std::nullopt;
    }
    const QString sql =
        options.hostile
            ? QStringLiteral("INSERT INTO \"DATABASE_CHANGE_LOG\" (installed_rank, version, "
                             "description, type, script, checksum, installed_by, "
                             "execution_time, success) VALUES (99, '014', 'broken', 'SQL', "
                             "'v014__broken.sql', 0, 'test', 1, false)")
            : QStringLiteral("DELETE FROM event_subscription_entity");
    if (!TestServers::exec(Engine::Postgres, name, sql, error))
        return std::nullopt;
    return profile;
}

ReviewReport TestReviewCatalog::review(const ReviewCase& reviewCase, QString* error)
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
    if (!reviewCase.database.isEmpty()) {
        request.database = fixtureDatabase(reviewCase.database, error);
        if (!request.database)
            return {};
    }
    auto report = ReviewEngine::run(*m_catalog, request);
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
        for (const QString& kind : {QStringLiteral("trigger"), QStringLiteral("clean")}) {
            const QString caseFolder = QDir(folder).filePath(kind);
            if (!QFileInfo::exists(QDir(caseFolder).filePath(QStringLiteral("case.yaml")))) {
                failures << QStringLiteral("%1: no %2 case in %3").arg(entry.id, kind, caseFolder);
                continue;
            }
            const ReviewCase reviewCase = ReviewCase::read(caseFolder);
            QString error;
            const ReviewReport report = review(reviewCase, &error);
            if (!error.isEmpty()) {
                failures << QStringLiteral("%1 (%2): %3").arg(entry.id, kind, error);
                continue;
            }
            int found = 0;
            for (const auto& finding : report.findings)
                found += finding.id == entry.id;
            int skipped = 0;
            for (const auto& notChecked : report.notChecked)
                skipped += notChecked.id == entry.id;
            const bool applies =
                entry.appliesTo(*Version::parse(reviewCase.from), *Version::parse(reviewCase.to));
            if (kind == QLatin1String("trigger") && found == 0)
                failures << QStringLiteral(
                                "%1: the trigger case found nothing (%2 checks did not run)")
                                .arg(entry.id)
                                .arg(skipped);
            if (kind == QLatin1String("clean") && found > 0)
                failures << QStringLiteral("%1: the clean case found %2").arg(entry.id).arg(found);
            // A clean case must really be looked at, not pass because nothing could run.
            if (kind == QLatin1String("clean") && applies && skipped >= int(entry.detectors.size()))
                failures << QStringLiteral("%1: no check of the clean case ran").arg(entry.id);
            if (!report.problems.isEmpty())
                failures << QStringLiteral("%1 (%2): %3")
                                .arg(entry.id, kind, report.problems.first().toString());
        }
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
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

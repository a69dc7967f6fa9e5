// What the target needs around it, from the release registry, checked as review findings
// against the real thing: the fake search engine's GET / (Elasticsearch 7/8/9, OpenSearch
// 2/3), the PostgreSQL and MariaDB test servers (version minimum, pg_trgm made
// unavailable honestly: a role that may not create it, Azure's allow-list as a real
// database setting), and a fake java on PATH or JAVA_HOME. And the coverage blocker: a
// review past the catalog's coverage names the releases it did not check.
#include "FakeSearchServerProcess.h"
#include "releases/ReleaseRegistry.h"
#include "ReviewTestUtil.h"
#include "TestServers.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace omu;
using namespace omu::test;

class TestReviewRequirements : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void searchEngineAgainstTheTargetsRange_data();
    void searchEngineAgainstTheTargetsRange();
    void pgTrgmThatCannotBeCreatedIsABlocker();
    void pgTrgmNotAllowListedIsABlocker();
    void mysqlHasNoExtensionToCheck();
    void databaseServerAgainstTheMinimum();
    void javaOfPathOrJavaHome_data();
    void javaOfPathOrJavaHome();
    void noJavaIsNotChecked();
    void unknownTargetIsRefused();
    void reviewPastCoverageIsABlocker();
    void reviewWithinCoverageIsNot();
    void everyReleasePastCoverageIsNamed();

private:
    QTemporaryDir m_dir;
};

namespace {

// A review with no files, search or database unless the test adds them, and a PATH
// without java, so only what a test sets up is checked.
ReviewRequest bareRequest(const QString& from, const QString& to)
{
    ReviewRequest request;
    request.from = from;
    request.to = to;
    request.checkSearch = false;
    request.databaseUnavailableReason = QStringLiteral("not given in this test");
    request.environment = QProcessEnvironment();
    request.environment.insert(QStringLiteral("PATH"), QStringLiteral("/nonexistent"));
    return request;
}

bool notCheckedHas(const ReviewReport& report, const QString& id, const QString& text)
{
    for (const NotChecked& skipped : report.notChecked)
        if (skipped.id == id && skipped.reason.contains(text))
            return true;
    return false;
}

ReviewReport review(const ReviewRequest& request)
{
    auto report = ReviewEngine::run(builtInCatalog(), request);
    if (!report)
        qFatal("review: %s", qPrintable(report.error().toString()));
    return std::move(report).value();
}

// A PostgreSQL database for one test and, optionally, a login role without privileges
// in it; both dropped when the object goes.
class ScratchPostgres
{
public:
    ~ScratchPostgres()
    {
        if (!m_database.isEmpty())
            TestServers::dropDatabase(Engine::Postgres, m_database);
        if (!m_role.isEmpty())
            TestServers::exec(Engine::Postgres, {},
                              QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_role));
    }
    bool create(QString* error)
    {
        m_database = TestServers::uniqueName(QStringLiteral("omu_req"));
        return TestServers::createDatabase(Engine::Postgres, m_database, error);
    }
    // A role that may connect and nothing else: no CREATE on the database, no superuser.
    std::optional<ConnectionProfile> plainUser(QString* error)
    {
        m_role = TestServers::uniqueName(QStringLiteral("omu_plain"));
        const QString password = QStringLiteral("plain-%1").arg(m_role);
        if (!TestServers::exec(
                Engine::Postgres, {},
                QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(m_role, password),
                error) ||
            !TestServers::exec(
                Engine::Postgres, {},
                QStringLiteral("GRANT CONNECT ON DATABASE %1 TO %2").arg(m_database, m_role),
                error))
            return std::nullopt;
        ConnectionProfile profile = admin();
        profile.user = m_role;
        profile.password = password;
        return profile;
    }
    ConnectionProfile admin() const { return *TestServers::admin(Engine::Postgres, m_database); }
    bool exec(const QString& sql, QString* error = nullptr) const
    {
        return TestServers::exec(Engine::Postgres, m_database, sql, error);
    }
    QString name() const { return m_database; }

private:
    QString m_database;
    QString m_role;
};

} // namespace

void TestReviewRequirements::searchEngineAgainstTheTargetsRange_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("blocker");
    QTest::newRow("Elasticsearch 8 under 1.12") << "es8"
                                                << "1.11.0"
                                                << "1.12.0" << true;
    QTest::newRow("Elasticsearch 9 under 1.12") << "es9"
                                                << "1.11.0"
                                                << "1.12.0" << false;
    QTest::newRow("Elasticsearch 9 under 1.10") << "es9"
                                                << "1.9.0"
                                                << "1.10.0" << true;
    QTest::newRow("Elasticsearch 8 under 1.11") << "es8"
                                                << "1.10.0"
                                                << "1.11.13" << false;
    QTest::newRow("Elasticsearch 7 under 1.2") << "es7"
                                               << "1.1.5"
                                               << "1.2.0" << true;
    QTest::newRow("OpenSearch 2 under 2.0") << "opensearch2"
                                            << "1.13.6"
                                            << "2.0.10" << true;
    QTest::newRow("OpenSearch 3 under 2.0") << "opensearch3"
                                            << "1.13.6"
                                            << "2.0.10" << false;
}

void TestReviewRequirements::searchEngineAgainstTheTargetsRange()
{
    QFETCH(QString, mode);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(bool, blocker);
    FakeSearchServerProcess fake(mode);
    QVERIFY(fake.isRunning());
    ReviewRequest request = bareRequest(from, to);
    request.checkSearch = true;
    request.searchUrl = fake.url();
    const ReviewReport report = review(request);
    // One finding per fact: where the catalog's own check for the step (1.2.0's
    // search-version) reports the engine, the registry's does not repeat it.
    const Finding* registry = findingOf(report, QStringLiteral("requirement-search-engine"));
    const Finding* catalog = findingOf(report, QStringLiteral("om-1.2.0-search-version"));
    QVERIFY(!(registry && catalog));
    const Finding* finding = registry ? registry : catalog;
    QCOMPARE(finding != nullptr, blocker);
    QVERIFY(!notCheckedHas(report, QStringLiteral("requirement-search-engine"), QString()));
    if (finding) {
        QCOMPARE(finding->severity, Severity::Blocker);
        QVERIFY2(finding->message.contains(fake.url()), qPrintable(finding->message));
        if (registry)
            QVERIFY(finding->message.contains(QStringLiteral("OpenMetadata %1 accepts").arg(to)));
        QVERIFY(report.hasBlockers());
    }
    // Every registry check cites the registry file and the source it states.
    const auto entries = builtInCatalog().entries();
    Q_UNUSED(entries);
    for (const Finding& any : report.findings)
        if (any.id.startsWith(QLatin1String("requirement-")))
            QVERIFY(!any.why.isEmpty() && !any.fix.isEmpty());
}

void TestReviewRequirements::pgTrgmThatCannotBeCreatedIsABlocker()
{
    if (!TestServers::admin(Engine::Postgres))
        QFAIL(qPrintable(TestServers::unavailableMessage(Engine::Postgres)));
    ScratchPostgres scratch;
    QString error;
    QVERIFY2(scratch.create(&error), qPrintable(error));
    const auto plain = scratch.plainUser(&error);
    QVERIFY2(plain, qPrintable(error));
    const QString id = QStringLiteral("requirement-postgres-pg_trgm");

    // The migration's user may not create it, and it is not there: the 1.11 migration fails.
    ReviewRequest request = bareRequest(QStringLiteral("1.10.14"), QStringLiteral("1.11.0"));
    request.database = *plain;
    ReviewReport report = review(request);
    const Finding* finding = findingOf(report, id);
    QVERIFY2(finding, qPrintable(report.summary()));
    QCOMPARE(finding->severity, Severity::Blocker);
    QVERIFY2(finding->message.contains(QStringLiteral("may not create it")),
             qPrintable(finding->message));
    QVERIFY(finding->message.contains(plain->user));

    // Not before 1.11: nothing asks for it.
    request.to = QStringLiteral("1.10.14");
    request.from = QStringLiteral("1.9.0");
    QVERIFY(!findingOf(review(request), id));

    // A superuser (the test admin) may create it: fine.
    request = bareRequest(QStringLiteral("1.10.14"), QStringLiteral("1.11.0"));
    request.database = scratch.admin();
    QVERIFY(!findingOf(review(request), id));

    // Once it is in the database, the plain user is fine too.
    QVERIFY2(scratch.exec(QStringLiteral("CREATE EXTENSION IF NOT EXISTS pg_trgm"), &error),
             qPrintable(error));
    request.database = *plain;
    report = review(request);
    QVERIFY2(!findingOf(report, id), qPrintable(report.summary()));
    QVERIFY(!notCheckedHas(report, id, QString()));
}

void TestReviewRequirements::pgTrgmNotAllowListedIsABlocker()
{
    if (!TestServers::admin(Engine::Postgres))
        QFAIL(qPrintable(TestServers::unavailableMessage(Engine::Postgres)));
    ScratchPostgres scratch;
    QString error;
    QVERIFY2(scratch.create(&error), qPrintable(error));
    // Azure Database for PostgreSQL keeps its allow-list in the azure.extensions setting;
    // here it is a real setting of the test database (a placeholder variable).
    QVERIFY2(
        scratch.exec(QStringLiteral("ALTER DATABASE %1 SET azure.extensions = 'UUID-OSSP,PGCRYPTO'")
                         .arg(scratch.name()),
                     &error),
        qPrintable(error));
    ReviewRequest request = bareRequest(QStringLiteral("1.10.14"), QStringLiteral("2.0.10"));
    request.database = scratch.admin();
    const ReviewReport report = review(request);
    const Finding* finding = findingOf(report, QStringLiteral("requirement-postgres-pg_trgm"));
    QVERIFY2(finding, qPrintable(report.summary()));
    QVERIFY2(
        finding->message.contains(QStringLiteral("not in azure.extensions (uuid-ossp, pgcrypto)")),
        qPrintable(finding->message));
    QVERIFY(finding->fix.contains(QStringLiteral("azure.extensions")));

    QVERIFY(scratch.exec(
        QStringLiteral("ALTER DATABASE %1 SET azure.extensions = 'PG_TRGM'").arg(scratch.name())));
    QVERIFY(!findingOf(review(request), QStringLiteral("requirement-postgres-pg_trgm")));
}

void TestReviewRequirements::mysqlHasNoExtensionToCheck()
{
    const auto admin = TestServers::admin(Engine::MySql, QStringLiteral("mysql"));
    if (!admin)
        QFAIL(qPrintable(TestServers::unavailableMessage(Engine::MySql)));
    ReviewRequest request = bareRequest(QStringLiteral("1.10.14"), QStringLiteral("1.11.0"));
    request.database = *admin;
    const ReviewReport report = review(request);
    QVERIFY(!findingOf(report, QStringLiteral("requirement-postgres-pg_trgm")));
    QVERIFY(!notCheckedHas(report, QStringLiteral("requirement-postgres-pg_trgm"), QString()));
    // MariaDB is no MySQL: the minimum cannot be held against it, and the review says so.
    QVERIFY(notCheckedHas(report, QStringLiteral("requirement-database-version"),
                          QStringLiteral("MariaDB")));
}

void TestReviewRequirements::databaseServerAgainstTheMinimum()
{
    const auto admin = TestServers::admin(Engine::Postgres);
    if (!admin)
        QFAIL(qPrintable(TestServers::unavailableMessage(Engine::Postgres)));
    // The test server (Debian 12: PostgreSQL 15) meets 2.0's minimum of 15.
    ReviewRequest request = bareRequest(QStringLiteral("1.13.6"), QStringLiteral("2.0.10"));
    request.database = *admin;
    const ReviewReport fine = review(request);
    QVERIFY(!findingOf(fine, QStringLiteral("requirement-database-version")));
    QVERIFY(!notCheckedHas(fine, QStringLiteral("requirement-database-version"), QString()));

    // A registry whose 2.0 line asks for PostgreSQL 99: the same server is then too old.
    QList<QPair<QString, QByteArray>> files;
    const QDir source(QStringLiteral(":/releases"));
    for (const QString& name : source.entryList({QStringLiteral("*.yaml")})) {
        QFile file(source.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray text = file.readAll();
        if (name == QLatin1String("2.0.yaml"))
            text.replace("  postgres: 15\n", "  postgres: 99\n");
        files.append({name, text});
    }
    const auto demanding = ReleaseRegistry::parse(files);
    QVERIFY(demanding.ok());
    request.registry = &demanding.value();
    const ReviewReport tooOld = review(request);
    const Finding* finding = findingOf(tooOld, QStringLiteral("requirement-database-version"));
    QVERIFY2(finding, qPrintable(tooOld.summary()));
    QVERIFY2(finding->message.contains(QStringLiteral("needs PostgreSQL 99 or later")),
             qPrintable(finding->message));
    QCOMPARE(finding->severity, Severity::Blocker);
}

void TestReviewRequirements::javaOfPathOrJavaHome_data()
{
    QTest::addColumn<QString>("printed");
    QTest::addColumn<bool>("viaJavaHome");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("blocker");
    QTest::newRow("17 on PATH for 1.8")
        << "openjdk version \"17.0.15\" 2025-04-15" << false << "1.8.0" << true;
    QTest::newRow("21 on PATH for 2.0")
        << "openjdk version \"21.0.5\" 2024-10-15 LTS" << false << "2.0.10" << false;
    QTest::newRow("17 on PATH for 1.7")
        << "openjdk version \"17.0.15\" 2025-04-15" << false << "1.7.5" << false;
    QTest::newRow("8 in JAVA_HOME for 1.2")
        << "java version \"1.8.0_292\"" << true << "1.2.0" << true;
}

void TestReviewRequirements::javaOfPathOrJavaHome()
{
    QFETCH(QString, printed);
    QFETCH(bool, viaJavaHome);
    QFETCH(QString, to);
    QFETCH(bool, blocker);
    // A fake java that prints what `java -version` prints, on stderr like the real one.
    const QString home = m_dir.filePath(QStringLiteral("java-%1")
                                            .arg(QTest::currentDataTag())
                                            .replace(QLatin1Char(' '), QLatin1Char('-')));
    QVERIFY(writeFile(home + QStringLiteral("/bin/java"),
                      QStringLiteral("#!/bin/sh\n# FAKE java for omupgrade's tests\necho '%1' >&2\n"
                                     "echo 'OpenJDK Runtime Environment (fake)' >&2\n")
                          .arg(printed)
                          .toUtf8()));
    QVERIFY(QFile::setPermissions(home + QStringLiteral("/bin/java"),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    ReviewRequest request = bareRequest(QStringLiteral("1.1.5"), to);
    if (viaJavaHome)
        request.environment.insert(QStringLiteral("JAVA_HOME"), home);
    else
        request.environment.insert(QStringLiteral("PATH"),
                                   QStringLiteral("/nonexistent:") + home + QStringLiteral("/bin"));
    const ReviewReport report = review(request);
    const Finding* finding = findingOf(report, QStringLiteral("requirement-java"));
    QCOMPARE(finding != nullptr, blocker);
    QVERIFY(!notCheckedHas(report, QStringLiteral("requirement-java"), QString()));
    if (finding) {
        QCOMPARE(finding->severity, Severity::Blocker);
        QVERIFY2(finding->message.contains(home + QStringLiteral("/bin/java")),
                 qPrintable(finding->message));
        QVERIFY(finding->message.contains(viaJavaHome ? QStringLiteral("from JAVA_HOME")
                                                      : QStringLiteral("from PATH")));
    }
}

void TestReviewRequirements::noJavaIsNotChecked()
{
    const ReviewReport report =
        review(bareRequest(QStringLiteral("1.7.5"), QStringLiteral("1.8.0")));
    QVERIFY(!findingOf(report, QStringLiteral("requirement-java")));
    QVERIFY(notCheckedHas(report, QStringLiteral("requirement-java"), QStringLiteral("no java")));
}

void TestReviewRequirements::unknownTargetIsRefused()
{
    const auto report = ReviewEngine::run(
        builtInCatalog(), bareRequest(QStringLiteral("1.3.0"), QStringLiteral("9.9.9")));
    QVERIFY(!report.ok());
    QVERIFY2(report.error().message.contains(QStringLiteral("9.9.9 is not a release")),
             qPrintable(report.error().message));
    QVERIFY(report.error().advice.contains(QStringLiteral("2.0.10")));
}

void TestReviewRequirements::reviewPastCoverageIsABlocker()
{
    // A catalog that covers up to 1.3.1 (the built-in one covers 2.0.10 now).
    const auto older = Catalog::parse({{QStringLiteral("coverage.yaml"), "coverage: 1.3.1\n"}});
    QVERIFY(older.ok());
    auto run = ReviewEngine::run(older.value(),
                                 bareRequest(QStringLiteral("1.3.0"), QStringLiteral("2.0.10")));
    QVERIFY(run.ok());
    const ReviewReport report = run.value();
    const Finding* gap = findingOf(report, QStringLiteral("omupgrade-coverage"));
    QVERIFY2(gap, qPrintable(report.summary()));
    QCOMPARE(gap->severity, Severity::Blocker);
    QCOMPARE(report.coverage, QStringLiteral("1.3.1"));
    // Named: every release after the coverage up to the target, grouped by line.
    QVERIFY2(gap->message.contains(QStringLiteral("1.3.2-1.3.4, 1.4.0-1.4.8")),
             qPrintable(gap->message));
    QVERIFY(gap->message.endsWith(QStringLiteral("2.0.0-2.0.10")));
    QVERIFY(report.notCovered.contains(QStringLiteral("2.0.10")));
    QVERIFY(!report.notCovered.contains(QStringLiteral("1.3.1")));
    QVERIFY(report.hasBlockers());
    QVERIFY(!report.summary().contains(QStringLiteral("Nothing")));
    QVERIFY(
        report.summary().startsWith(QStringLiteral("Not covered by this version of omupgrade")));
    const QJsonObject json = report.toJson();
    QCOMPARE(json.value(QStringLiteral("notCovered")).toArray().size(), report.notCovered.size());
}

void TestReviewRequirements::reviewWithinCoverageIsNot()
{
    // The built-in catalog covers every release from 1.1.0 to 2.0.10: no step between two
    // of them has a gap (from every line's first release to the newest, and within lines).
    const ReleaseRegistry& registry = ReleaseRegistry::builtIn();
    QCOMPARE(builtInCatalog().coverage(), registry.newest()->version);
    for (const auto& [from, to] : {std::pair{"1.1.5", "1.3.1"}, std::pair{"1.1.0", "2.0.10"},
                                   std::pair{"1.3.0", "2.0.10"}, std::pair{"1.13.6", "2.0.10"}}) {
        const ReviewReport report =
            review(bareRequest(QString::fromLatin1(from), QString::fromLatin1(to)));
        QVERIFY2(!findingOf(report, QStringLiteral("omupgrade-coverage")), from);
        QVERIFY(report.notCovered.isEmpty());
    }
}

void TestReviewRequirements::everyReleasePastCoverageIsNamed()
{
    // Fails for any release of the registry newer than the catalog covers that a review
    // would let through without the coverage blocker.
    const Version coverage = builtInCatalog().coverage();
    QVERIFY(!coverage.isNull());
    int checked = 0;
    for (const Release& release : ReleaseRegistry::builtIn().releases()) {
        if (!(coverage < release.version))
            continue;
        const ReviewReport report =
            review(bareRequest(coverage.toString(), release.version.toString()));
        QVERIFY2(findingOf(report, QStringLiteral("omupgrade-coverage")),
                 qPrintable(release.version.toString()));
        QVERIFY2(report.notCovered.contains(release.version.toString()),
                 qPrintable(release.version.toString()));
        ++checked;
    }
    // Until the catalog covers 2.0.10 there are releases to check; afterwards none.
    QCOMPARE(checked > 0, coverage < ReleaseRegistry::builtIn().newest()->version);
}

QTEST_GUILESS_MAIN(TestReviewRequirements)
#include "TestReviewRequirements.moc"

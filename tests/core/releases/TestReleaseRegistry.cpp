#include "releases/ReleaseRegistry.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace omu;

class TestReleaseRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInLoads();
    void everyGaReleaseIsPresent();
    void releasesAreInNumericOrder();
    void datesAscendWithinEachLine();
    void everyLineNamesItsSources();
    void requirementsFollowTheSources();
    void brokenFilesAreRejectedWithFileAndLine_data();
    void brokenFilesAreRejectedWithFileAndLine();
    void unknownTargetNamesTheNearestReleases();
    void currentMayBeAMigrationVersionOfAKnownLine();
    void describeGroupsRunsByLine();
};

namespace {

// The GA releases the registry must hold, written out here independently of its files:
// line -> (first patch, last patch).
const QList<std::tuple<QString, int, int>> expectedLines{
    {"1.1", 0, 7},   {"1.2", 0, 5},   {"1.3", 0, 4},  {"1.4", 0, 8},  {"1.5", 1, 15},
    {"1.6", 1, 11},  {"1.7", 0, 5},   {"1.8", 0, 12}, {"1.9", 0, 14}, {"1.10", 0, 14},
    {"1.11", 0, 13}, {"1.12", 0, 14}, {"1.13", 0, 6}, {"2.0", 0, 10},
};

QByteArray builtInText(const QString& name)
{
    QFile file(QDir(QStringLiteral(OMU_RELEASES_SOURCE_DIR)).filePath(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

void TestReleaseRegistry::builtInLoads()
{
    QVERIFY2(ReleaseRegistry::builtInError().isEmpty(),
             qPrintable(ReleaseRegistry::builtInError()));
    QVERIFY(!ReleaseRegistry::builtIn().isEmpty());
    // The compiled-in copy is the source folder's.
    const auto fromSource = ReleaseRegistry::loadFolder(QStringLiteral(OMU_RELEASES_SOURCE_DIR));
    QVERIFY2(fromSource.ok(), fromSource.ok() ? "" : qPrintable(fromSource.error().toString()));
    QCOMPARE(fromSource->versions(), ReleaseRegistry::builtIn().versions());
}

void TestReleaseRegistry::everyGaReleaseIsPresent()
{
    const ReleaseRegistry& registry = ReleaseRegistry::builtIn();
    QStringList expected;
    for (const auto& [line, first, last] : expectedLines)
        for (int patch = first; patch <= last; ++patch)
            expected << QStringLiteral("%1.%2").arg(line).arg(patch);
    QCOMPARE(registry.versions(), expected);
    QCOMPARE(registry.newest()->version.toString(), QStringLiteral("2.0.10"));
    QCOMPARE(registry.releases().first().version.toString(), QStringLiteral("1.1.0"));
    // No 1.5.0 or 1.6.0: their notes start at .1.
    QVERIFY(!registry.find(*Version::parse(QStringLiteral("1.5.0"))));
    QVERIFY(!registry.find(*Version::parse(QStringLiteral("1.6.0"))));
}

void TestReleaseRegistry::releasesAreInNumericOrder()
{
    const auto& releases = ReleaseRegistry::builtIn().releases();
    for (qsizetype i = 1; i < releases.size(); ++i)
        QVERIFY2(releases.at(i - 1).version < releases.at(i).version,
                 qPrintable(releases.at(i).version.toString()));
    // 1.10 comes after 1.9, not after 1.1.
    const QStringList versions = ReleaseRegistry::builtIn().versions();
    QVERIFY(versions.indexOf(QStringLiteral("1.10.0")) >
            versions.indexOf(QStringLiteral("1.9.14")));
    QVERIFY(versions.indexOf(QStringLiteral("1.10.0")) > versions.indexOf(QStringLiteral("1.2.5")));
}

void TestReleaseRegistry::datesAscendWithinEachLine()
{
    int dated = 0;
    for (const ReleaseLine& line : ReleaseRegistry::builtIn().lines()) {
        QString previous;
        for (const Release& release : line.releases) {
            QVERIFY2(!release.source.isEmpty(), qPrintable(release.version.toString()));
            if (release.date.isEmpty()) {
                QVERIFY2(!release.note.isEmpty(), qPrintable(release.version.toString()));
                continue;
            }
            ++dated;
            QVERIFY2(previous.isEmpty() || previous <= release.date,
                     qPrintable(release.version.toString() + QLatin1Char(' ') + release.date));
            previous = release.date;
        }
    }
    // First and last of every line are dated at least.
    QVERIFY(dated >= 2 * int(expectedLines.size()) - 4);
    QCOMPARE(ReleaseRegistry::builtIn().newest()->date, QStringLiteral("2026-11-24"));
}

void TestReleaseRegistry::everyLineNamesItsSources()
{
    for (const ReleaseLine& line : ReleaseRegistry::builtIn().lines()) {
        QCOMPARE(line.sources.size(), 8);
        for (auto it = line.sources.cbegin(); it != line.sources.cend(); ++it)
            QVERIFY2(!it.value().trimmed().isEmpty(),
                     qPrintable(line.name + QLatin1Char(' ') + it.key()));
        for (const RequirementValue& value : line.requirements.listing())
            QVERIFY2(!line.sourceOf(value.key).isEmpty(), qPrintable(line.name + value.key));
    }
}

void TestReleaseRegistry::requirementsFollowTheSources()
{
    const ReleaseRegistry& registry = ReleaseRegistry::builtIn();
    auto requirements = [&](const char* version) {
        return registry.lineOf(*Version::parse(QLatin1String(version)))->requirements;
    };
    const auto v = [](const char* text) { return *Version::parse(QLatin1String(text)); };
    // ES 8 and OpenSearch 2 up to 1.11; ES 9 / OpenSearch 3 from 1.12.
    QVERIFY(requirements("1.11.13").elasticsearch.contains(v("8.10.2")));
    QVERIFY(!requirements("1.11.13").elasticsearch.contains(v("9.0.0")));
    QVERIFY(!requirements("1.2.0").elasticsearch.contains(v("7.16.3")));
    QVERIFY(requirements("1.12.0").elasticsearch.contains(v("9.1.0")));
    QVERIFY(!requirements("1.12.0").elasticsearch.contains(v("8.10.2")));
    QVERIFY(requirements("2.0.10").openSearch.contains(v("3.0.0")));
    QVERIFY(!requirements("2.0.10").openSearch.contains(v("2.19.0")));
    // Java 17 from 1.2, 21 from 1.8.
    QCOMPARE(requirements("1.7.5").java, 17);
    QCOMPARE(requirements("1.8.0").java, 21);
    // bootstrap_storage.sh until 1.4, openmetadata-ops.sh from 1.3, only the latter from 1.5.1.
    QCOMPARE(requirements("1.2.5").migrationTools,
             QStringList{QStringLiteral("bootstrap_storage.sh")});
    QVERIFY(requirements("1.4.8").migrationTools.contains(QStringLiteral("bootstrap_storage.sh")));
    QCOMPARE(requirements("1.5.1").migrationTools,
             QStringList{QStringLiteral("openmetadata-ops.sh")});
    // pg_trgm from 1.11; database minimums rise with 1.12.
    QVERIFY(!requirements("1.10.14").postgresExtensions.contains(QStringLiteral("pg_trgm")));
    QVERIFY(requirements("1.11.0").postgresExtensions.contains(QStringLiteral("pg_trgm")));
    QCOMPARE(requirements("1.11.0").postgres.toString(), QStringLiteral("12"));
    QCOMPARE(requirements("2.0.0").mysql.toString(), QStringLiteral("8.0.42"));
    QCOMPARE(Requirements::pythonText(requirements("2.0.0").python), QStringLiteral("3.10-3.12"));
}

void TestReleaseRegistry::brokenFilesAreRejectedWithFileAndLine_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("expected");
    const QByteArray good = builtInText(QStringLiteral("1.12.yaml"));
    QVERIFY(!good.isEmpty());
    // Line numbers below are of 1.12.yaml as committed; find them rather than hard-code.
    const QList<QByteArray> lines = good.split('\n');
    auto lineOf = [&](const QByteArray& start) {
        for (int i = 0; i < lines.size(); ++i)
            if (lines.at(i).trimmed().startsWith(start))
                return QString::number(i + 1);
        return QStringLiteral("?");
    };
    // One broken copy of 1.12.yaml per row: `from` replaced by `to`, then what the error
    // must say ("" in `at`: no line to name).
    auto broken = [&](const char* tag, const QByteArray& from, const QByteArray& to,
                      QStringList expected, const QByteArray& at = {}) {
        QByteArray text = good;
        text.replace(from, to);
        if (!at.isEmpty())
            expected << QStringLiteral("(line %1)").arg(lineOf(at));
        QTest::newRow(tag) << QStringLiteral("1.12.yaml") << text << expected;
    };
    broken("release without a date", "{version: 1.12.3, date: unverified, ", "{version: 1.12.3, ",
           {QStringLiteral("1.12.yaml release 1.12.3 lacks the required field \"date\"")},
           "- {version: 1.12.3");
    broken("date not YYYY-MM-DD", "date: 2026-06-03", "date: 3 June 2026",
           {QStringLiteral("\"date\" is \"3 June 2026\"")}, "- {version: 1.12.10");
    broken("release of another line", "version: 1.12.4,", "version: 1.13.4,",
           {QStringLiteral("1.13.4 is not a release of the 1.12 line")}, "- {version: 1.12.4");
    broken("out of order", "version: 1.12.6,", "version: 1.12.1,",
           {QStringLiteral("oldest first: 1.12.1 after 1.12.5")}, "- {version: 1.12.6");
    broken("unknown field", "  mysql: 8.0.42", "  mysqll: 8.0.42",
           {QStringLiteral("unknown field \"mysqll\""),
            QStringLiteral("lacks the required field \"mysql\"")},
           "mysql: 8.0.42");
    broken("not YAML", "  java: 21\n", "  java: [21\n",
           {QStringLiteral("1.12.yaml:"), QStringLiteral("not valid YAML")});
    broken("empty range", "elasticsearch: {min: 9.0.0, below: 10.0.0}",
           "elasticsearch: {min: 9.0.0, below: 8.0.0}", {QStringLiteral("the range is empty")},
           "elasticsearch:");
    broken("gate via an unknown line", "releases:\n",
           "gates:\n  - {id: g, databaseAtLeast: 1.11.0, via: \"9.9\", why: w, source: "
           "s}\nreleases:\n",
           {QStringLiteral("gate g stops at line \"9.9\"")});
    QTest::newRow("file named after another line")
        << "1.13.yaml" << good << QStringList{QStringLiteral("must be named 1.12.yaml")};
}

void TestReleaseRegistry::brokenFilesAreRejectedWithFileAndLine()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, text);
    QFETCH(QStringList, expected);
    const auto registry = ReleaseRegistry::parse({{fileName, text}});
    QVERIFY(!registry.ok());
    const QString message = registry.error().toString();
    for (const QString& part : expected)
        QVERIFY2(message.contains(part),
                 qPrintable(message + QStringLiteral("\n  lacks: ") + part));
}

void TestReleaseRegistry::unknownTargetNamesTheNearestReleases()
{
    const ReleaseRegistry& registry = ReleaseRegistry::builtIn();
    const auto far = registry.resolveTarget(QStringLiteral("9.9.9"), QStringLiteral("--to"));
    QVERIFY(!far.ok());
    QVERIFY2(far.error().message.contains(QStringLiteral("--to 9.9.9 is not a release")),
             qPrintable(far.error().message));
    QVERIFY2(far.error().advice.contains(QStringLiteral("2.0.8, 2.0.9, 2.0.10")),
             qPrintable(far.error().advice));
    const auto gap = registry.resolveTarget(QStringLiteral("1.3.7"), QStringLiteral("--to"));
    QVERIFY(!gap.ok());
    QVERIFY2(gap.error().advice.contains(QStringLiteral("1.3.3, 1.3.4, 1.4.0")),
             qPrintable(gap.error().advice));
    QVERIFY(!registry.resolveTarget(QStringLiteral("latest"), QStringLiteral("--to")).ok());
    QCOMPARE(registry.resolveTarget(QStringLiteral("1.10.3"), QStringLiteral("--to"))->toString(),
             QStringLiteral("1.10.3"));
}

void TestReleaseRegistry::currentMayBeAMigrationVersionOfAKnownLine()
{
    const ReleaseRegistry& registry = ReleaseRegistry::builtIn();
    // 2.0 distributions carry 1.14.x migration folders; 1.14 is no line, so not accepted.
    QVERIFY(!registry.resolveCurrent(QStringLiteral("1.14.1"), QStringLiteral("--from")).ok());
    QVERIFY(registry.resolveCurrent(QStringLiteral("1.5.0"), QStringLiteral("--from")).ok());
    QVERIFY(!registry.resolveTarget(QStringLiteral("1.5.0"), QStringLiteral("--to")).ok());
}

void TestReleaseRegistry::describeGroupsRunsByLine()
{
    const ReleaseRegistry& registry = ReleaseRegistry::builtIn();
    const auto crossed = registry.between(*Version::parse(QStringLiteral("1.3.1")),
                                          *Version::parse(QStringLiteral("1.5.2")));
    QCOMPARE(describeReleases(crossed), QStringLiteral("1.3.2-1.3.4, 1.4.0-1.4.8, 1.5.1-1.5.2"));
}

QTEST_GUILESS_MAIN(TestReleaseRegistry)
#include "TestReleaseRegistry.moc"

#include "releases/UpgradePath.h"
#include "TestData.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace omu;

class TestUpgradePath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hopsFrom130To2010();
    void targetBehindTheDatabaseIsRefused();
    void unknownReleasesAreRefused();
    void sameReleaseHasNoHop();
    void gateWrittenAsDataForcesAStop();
    void gateThatCannotBePassedIsRefused();
    void jsonHasTheDesignShape();
};

namespace {

// The built-in registry plus the test data's 2.1-shaped line.
ReleaseRegistry withGate(const QByteArray& replaceVia = {})
{
    QList<QPair<QString, QByteArray>> files;
    const QDir source(QStringLiteral(OMU_RELEASES_SOURCE_DIR));
    for (const QString& name : source.entryList({QStringLiteral("*.yaml")})) {
        QFile file(source.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            files.append({name, file.readAll()});
    }
    QFile gate(test::dataPath(QStringLiteral("releases/gate-2.1/2.1.yaml")));
    if (!gate.open(QIODevice::ReadOnly))
        qFatal("cannot read the 2.1 test data");
    QByteArray text = gate.readAll();
    if (!replaceVia.isEmpty())
        text.replace("databaseAtLeast: 2.0.0", replaceVia);
    files.append({QStringLiteral("2.1.yaml"), text});
    auto registry = ReleaseRegistry::parse(files);
    if (!registry)
        qFatal("%s", qPrintable(registry.error().toString()));
    return std::move(registry).value();
}

const RequirementChange* changeOf(const UpgradeHop& hop, const QString& key)
{
    for (const auto& change : hop.changes)
        if (change.key == key)
            return &change;
    return nullptr;
}

} // namespace

void TestUpgradePath::hopsFrom130To2010()
{
    const auto path = UpgradePath::plan(ReleaseRegistry::builtIn(), QStringLiteral("1.3.0"),
                                        QStringLiteral("2.0.10"));
    QVERIFY2(path.ok(), path.ok() ? "" : qPrintable(path.error().toString()));
    QStringList ends;
    for (const UpgradeHop& hop : path->hops())
        ends << hop.to.toString();
    // Where what the deployment needs changes, then the target; nothing forces a stop.
    QCOMPARE(ends, (QStringList{"1.4.0", "1.5.1", "1.7.0", "1.8.0", "1.11.0", "1.12.0", "2.0.10"}));
    QVERIFY(path->requiredStops().isEmpty());
    QCOMPARE(path->hops().first().from.toString(), QStringLiteral("1.3.0"));
    const auto& hops = path->hops();
    // Each hop starts where the previous ended.
    for (qsizetype i = 1; i < hops.size(); ++i)
        QCOMPARE(hops.at(i).from, hops.at(i - 1).to);
    const auto* backup = changeOf(hops.at(0), QStringLiteral("backup"));
    QVERIFY(backup && backup->after.contains(QStringLiteral("metadata backup is deprecated")));
    const auto* tool = changeOf(hops.at(1), QStringLiteral("migrationTools"));
    QVERIFY(tool);
    QCOMPARE(tool->before, QStringLiteral("openmetadata-ops.sh or bootstrap_storage.sh"));
    QCOMPARE(tool->after, QStringLiteral("openmetadata-ops.sh"));
    const auto* java = changeOf(hops.at(3), QStringLiteral("java"));
    QVERIFY(java);
    QCOMPARE(java->before, QStringLiteral("17"));
    QCOMPARE(java->after, QStringLiteral("21"));
    const auto* trgm = changeOf(hops.at(4), QStringLiteral("postgresExtensions"));
    QVERIFY(trgm && trgm->after == QStringLiteral("pg_trgm"));
    const auto* es = changeOf(hops.at(5), QStringLiteral("elasticsearch"));
    QVERIFY(es);
    QVERIFY2(es->before.startsWith(QStringLiteral("8.x")), qPrintable(es->before));
    QVERIFY2(es->after.startsWith(QStringLiteral("9.x")), qPrintable(es->after));
    QVERIFY(changeOf(hops.at(5), QStringLiteral("mysql")));
    QVERIFY(changeOf(hops.at(5), QStringLiteral("postgres")));
    QVERIFY(hops.last().changes.isEmpty());
    QCOMPARE(hops.last().why, QStringLiteral("to the target"));
    QVERIFY(path->toText().contains(QStringLiteral("Java: 17 -> 21")));
}

void TestUpgradePath::targetBehindTheDatabaseIsRefused()
{
    const auto path = UpgradePath::plan(ReleaseRegistry::builtIn(), QStringLiteral("1.5.1"),
                                        QStringLiteral("1.3.0"));
    QVERIFY(!path.ok());
    QVERIFY2(
        path.error().message.contains(QStringLiteral("behind the database, which is at 1.5.1")),
        qPrintable(path.error().message));
    QVERIFY(path.error().advice.contains(QStringLiteral("restore")));
}

void TestUpgradePath::unknownReleasesAreRefused()
{
    const auto target = UpgradePath::plan(ReleaseRegistry::builtIn(), QStringLiteral("1.3.0"),
                                          QStringLiteral("9.9.9"));
    QVERIFY(!target.ok());
    QVERIFY(target.error().message.contains(QStringLiteral("9.9.9")));
    QVERIFY(target.error().advice.contains(QStringLiteral("2.0.10")));
    const auto from = UpgradePath::plan(ReleaseRegistry::builtIn(), QStringLiteral("0.13.1"),
                                        QStringLiteral("1.3.0"));
    QVERIFY(!from.ok());
    QVERIFY(from.error().message.contains(QStringLiteral("0.13.1")));
}

void TestUpgradePath::sameReleaseHasNoHop()
{
    const auto path = UpgradePath::plan(ReleaseRegistry::builtIn(), QStringLiteral("2.0.10"),
                                        QStringLiteral("2.0.10"));
    QVERIFY(path.ok());
    QVERIFY(path->hops().isEmpty());
    const auto direct = UpgradePath::plan(ReleaseRegistry::builtIn(), QStringLiteral("1.1.5"),
                                          QStringLiteral("1.1.7"));
    QVERIFY(direct.ok());
    QCOMPARE(direct->hops().size(), 1);
    QVERIFY(direct->hops().first().why.startsWith(QStringLiteral("direct")));
}

void TestUpgradePath::gateWrittenAsDataForcesAStop()
{
    const ReleaseRegistry registry = withGate();
    const Version v1136 = *Version::parse(QStringLiteral("1.13.6"));
    const Version v2010 = *Version::parse(QStringLiteral("2.0.10"));
    const Version v210 = *Version::parse(QStringLiteral("2.1.0"));
    // Straight from 1.13 into 2.1 is refused, even with --force ...
    const Status direct = UpgradePath::checkDirect(registry, v1136, v210, true);
    QVERIFY(!direct.ok());
    QVERIFY2(direct.error().message.contains(QStringLiteral("refuses a database at 1.13.6")),
             qPrintable(direct.error().message));
    QVERIFY(direct.error().advice.contains(QStringLiteral("Upgrade to 2.0.10 first")));
    // ... through the newest 2.0 it is allowed.
    QVERIFY(UpgradePath::checkDirect(registry, v1136, v2010).ok());
    QVERIFY(UpgradePath::checkDirect(registry, v2010, v210).ok());
    const auto path =
        UpgradePath::plan(registry, QStringLiteral("1.13.6"), QStringLiteral("2.1.0"));
    QVERIFY2(path.ok(), path.ok() ? "" : qPrintable(path.error().toString()));
    QCOMPARE(path->requiredStops(), QList<Version>{v2010});
    QCOMPARE(path->hops().last().from, v2010);
    QCOMPARE(path->hops().last().to, v210);
    bool stopSaid = false;
    for (const UpgradeHop& hop : path->hops())
        stopSaid = stopSaid || (hop.requiredStop && hop.to == v2010 &&
                                hop.why.startsWith(QStringLiteral("required stop")));
    QVERIFY(stopSaid);
    // From 2.0.x no stop is needed.
    const auto fromTwo =
        UpgradePath::plan(registry, QStringLiteral("2.0.3"), QStringLiteral("2.1.0"));
    QVERIFY(fromTwo.ok());
    QVERIFY(fromTwo->requiredStops().isEmpty());
    // Without the gate's line in the registry 2.1.0 is simply unknown.
    QVERIFY(!UpgradePath::plan(ReleaseRegistry::builtIn(), QStringLiteral("1.13.6"),
                               QStringLiteral("2.1.0"))
                 .ok());
}

void TestUpgradePath::gateThatCannotBePassedIsRefused()
{
    // A gate asking for a release no line of the registry reaches.
    const ReleaseRegistry registry = withGate("databaseAtLeast: 2.0.11");
    const auto path =
        UpgradePath::plan(registry, QStringLiteral("1.13.6"), QStringLiteral("2.1.0"));
    QVERIFY(!path.ok());
    QVERIFY2(path.error().message.contains(QStringLiteral("no upgrade path from 1.13.6 to 2.1.0")),
             qPrintable(path.error().message));
}

void TestUpgradePath::jsonHasTheDesignShape()
{
    const auto path = UpgradePath::plan(ReleaseRegistry::builtIn(), QStringLiteral("1.7.5"),
                                        QStringLiteral("1.8.2"));
    QVERIFY(path.ok());
    const QJsonObject json = path->toJson();
    QCOMPARE(json.value(QStringLiteral("from")).toString(), QStringLiteral("1.7.5"));
    QCOMPARE(json.value(QStringLiteral("to")).toString(), QStringLiteral("1.8.2"));
    const QJsonArray hops = json.value(QStringLiteral("hops")).toArray();
    QCOMPARE(hops.size(), 2);
    const QJsonObject first = hops.at(0).toObject();
    for (const char* key : {"from", "to", "why", "changes"})
        QVERIFY2(first.contains(QLatin1String(key)), key);
    const QJsonObject change = first.value(QStringLiteral("changes")).toArray().at(0).toObject();
    QCOMPARE(change.value(QStringLiteral("what")).toString(), QStringLiteral("Java"));
    QCOMPARE(change.value(QStringLiteral("before")).toString(), QStringLiteral("17"));
    QCOMPARE(change.value(QStringLiteral("after")).toString(), QStringLiteral("21"));
}

QTEST_GUILESS_MAIN(TestUpgradePath)
#include "TestUpgradePath.moc"

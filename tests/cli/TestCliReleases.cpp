// `omupgrade releases` and `omupgrade path` as a user runs them, and the review's honesty
// about what it covers: past the catalog's coverage it is a blocker (exit 2), never an
// all-clear, and a release it does not know is refused as bad usage (exit 64) naming the
// nearest known ones.
#include "AppRunner.h"
#include "TestData.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace omu;
using namespace omu::test;

namespace {

const AppRunner omupgrade(QStringLiteral(OMU_EXECUTABLE), std::chrono::seconds(120));

} // namespace

class TestCliReleases : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void releasesListsEveryRelease();
    void releasesJsonHasTheDesignShape();
    void pathShowsHopsAndWhatChanges();
    void pathJsonHasTheDesignShape();
    void pathRefusals_data();
    void pathRefusals();
    void reviewPastCoverageExits2();
    void checksThatCouldNotRunAreNoAllClear();
    void reviewOfAnUnknownTargetExits64();
    void reviewWithinCoverageNamesNoGap();
    void helpListsTheCommands();
};

void TestCliReleases::releasesListsEveryRelease()
{
    const AppRun run = omupgrade.run({QStringLiteral("releases")});
    QCOMPARE(run.exitCode, 0);
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(out.contains(QStringLiteral("2.0.10")), run.out.constData());
    QVERIFY(out.contains(QStringLiteral("2026-11-24")));
    QVERIFY(out.contains(QStringLiteral("from 1.1.0 to 2.0.10")));
    // Newest line first; 1.10 after 1.9 numerically, so listed before it.
    QVERIFY(out.indexOf(QStringLiteral("\n2.0.x")) < out.indexOf(QStringLiteral("\n1.13.x")));
    QVERIFY(out.indexOf(QStringLiteral("\n1.10.x")) < out.indexOf(QStringLiteral("\n1.9.x")));
    QVERIFY(out.contains(QStringLiteral("Java:")));
    // The catalog covers every release the registry knows.
    QVERIFY(out.contains(QStringLiteral("reviewed")));
    QVERIFY(!out.contains(QStringLiteral("not covered")));
    QVERIFY(run.err.isEmpty());
    verifyBadUsage(omupgrade, {QStringLiteral("releases"), QStringLiteral("extra")},
                   QStringLiteral("unexpected argument"));
}

void TestCliReleases::releasesJsonHasTheDesignShape()
{
    const AppRun run = omupgrade.run({QStringLiteral("releases"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonArray releases = run.json().value(QStringLiteral("releases")).toArray();
    QVERIFY(releases.size() > 100);
    // Upgrade order.
    QCOMPARE(releases.first().toObject().value(QStringLiteral("version")).toString(),
             QStringLiteral("1.1.0"));
    const QJsonObject last = releases.last().toObject();
    QCOMPARE(last.value(QStringLiteral("version")).toString(), QStringLiteral("2.0.10"));
    for (const char* key : {"version", "date", "line", "requires", "gates", "source"})
        QVERIFY2(last.contains(QLatin1String(key)), key);
    QCOMPARE(last.value(QStringLiteral("line")).toString(), QStringLiteral("2.0"));
    const QJsonObject needs = last.value(QStringLiteral("requires")).toObject();
    QCOMPARE(needs.value(QStringLiteral("java")).toInt(), 21);
    QCOMPARE(needs.value(QStringLiteral("elasticsearch"))
                 .toObject()
                 .value(QStringLiteral("min"))
                 .toString(),
             QStringLiteral("9.0.0"));
    QVERIFY(!needs.value(QStringLiteral("sources"))
                 .toObject()
                 .value(QStringLiteral("search"))
                 .toString()
                 .isEmpty());
    QVERIFY(!run.json().value(QStringLiteral("catalogCoverage")).toString().isEmpty());
}

void TestCliReleases::pathShowsHopsAndWhatChanges()
{
    const AppRun run =
        omupgrade.run({QStringLiteral("path"), QStringLiteral("--from"), QStringLiteral("1.3.0"),
                       QStringLiteral("--to"), QStringLiteral("2.0.10")});
    QCOMPARE(run.exitCode, 0);
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(out.contains(QStringLiteral("Upgrade path: OpenMetadata 1.3.0 -> 2.0.10")),
             run.out.constData());
    QVERIFY(out.contains(QStringLiteral("1.7.0 -> 1.8.0")));
    QVERIFY(out.contains(QStringLiteral("Java: 17 -> 21")));
    QVERIFY(out.contains(QStringLiteral(
        "Migration tool: openmetadata-ops.sh or bootstrap_storage.sh -> openmetadata-ops.sh")));
    QVERIFY(out.contains(QStringLiteral("What OpenMetadata 2.0.10 needs:")));
    QVERIFY(!out.contains(QStringLiteral("Not covered by this omupgrade's catalog")));
}

void TestCliReleases::pathJsonHasTheDesignShape()
{
    const AppRun run =
        omupgrade.run({QStringLiteral("path"), QStringLiteral("--from"), QStringLiteral("1.3.0"),
                       QStringLiteral("--to"), QStringLiteral("2.0.10"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject json = run.json();
    QCOMPARE(json.value(QStringLiteral("from")).toString(), QStringLiteral("1.3.0"));
    QCOMPARE(json.value(QStringLiteral("to")).toString(), QStringLiteral("2.0.10"));
    const QJsonArray hops = json.value(QStringLiteral("hops")).toArray();
    QCOMPARE(hops.size(), 7);
    for (const auto& value : hops) {
        const QJsonObject hop = value.toObject();
        for (const char* key : {"from", "to", "why", "changes"})
            QVERIFY2(hop.contains(QLatin1String(key)), key);
    }
    const QJsonObject change =
        hops.at(3).toObject().value(QStringLiteral("changes")).toArray().at(0).toObject();
    QCOMPARE(change.value(QStringLiteral("what")).toString(), QStringLiteral("Java"));
    QCOMPARE(change.value(QStringLiteral("before")).toString(), QStringLiteral("17"));
    QCOMPARE(change.value(QStringLiteral("after")).toString(), QStringLiteral("21"));
    // The catalog covers the whole way.
    QVERIFY(json.value(QStringLiteral("notCovered")).toArray().isEmpty());
}

void TestCliReleases::pathRefusals_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("no --to") << QStringList{"path", "--from", "1.3.0"} << 64
                             << "path needs --from VER and --to VER";
    QTest::newRow("unknown target")
        << QStringList{"path", "--from", "1.3.0", "--to", "9.9.9"} << 64 << "2.0.8, 2.0.9, 2.0.10";
    QTest::newRow("unknown current") << QStringList{"path", "--from", "0.9.0", "--to", "1.3.0"}
                                     << 64 << "0.9.0 is not a release";
    QTest::newRow("target behind")
        << QStringList{"path", "--from", "1.5.1", "--to", "1.3.0"} << 64 << "behind the database";
}

void TestCliReleases::pathRefusals()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const AppRun run = omupgrade.run(arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
}

void TestCliReleases::reviewPastCoverageExits2()
{
    // The built-in catalog covers 2.0.10 (the blocker for releases past the coverage is
    // tested in test_review_requirements with a catalog that covers less): 1.3.0 -> 2.0.10
    // names no gap, and says what it found rather than "nothing needs changing".
    const AppRun run =
        omupgrade.run({QStringLiteral("review"), QStringLiteral("--from"), QStringLiteral("1.3.0"),
                       QStringLiteral("--to"), QStringLiteral("2.0.10"), QStringLiteral("--config"),
                       dataPath(QStringLiteral("connection/openmetadata-1.2.yaml"))});
    QVERIFY2(run.exitCode == 1 || run.exitCode == 2, run.err.constData());
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(!out.contains(QStringLiteral("omupgrade-coverage")), run.out.constData());
    QVERIFY(!out.contains(QStringLiteral("Nothing in the files")));
    const AppRun json =
        omupgrade.run({QStringLiteral("review"), QStringLiteral("--from"), QStringLiteral("1.3.0"),
                       QStringLiteral("--to"), QStringLiteral("2.0.10"), QStringLiteral("--json")});
    QVERIFY(json.json().value(QStringLiteral("notCovered")).toArray().isEmpty());
    QCOMPARE(json.json().value(QStringLiteral("coverage")).toString(), QStringLiteral("2.0.10"));
}

void TestCliReleases::checksThatCouldNotRunAreNoAllClear()
{
    // A Java the target accepts (a FAKE java on JAVA_HOME), no database, no search engine,
    // no workflows: nothing is found, and the review says what it could not check instead
    // of "nothing needs changing", with exit 1.
    QTemporaryDir home;
    const QString java = home.filePath(QStringLiteral("bin/java"));
    QVERIFY(writeFile(java, "#!/bin/sh\n# FAKE java for omupgrade's tests\n"
                            "echo 'openjdk version \"21.0.5\" 2024-10-15' >&2\n"));
    QVERIFY(QFile::setPermissions(java, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    AppRunner runner(QStringLiteral(OMU_EXECUTABLE), std::chrono::seconds(120));
    runner.setEnvironment(QStringLiteral("JAVA_HOME"), home.path());
    runner.setEnvironment(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    const QStringList arguments{QStringLiteral("review"),
                                QStringLiteral("--from"),
                                QStringLiteral("2.0.9"),
                                QStringLiteral("--to"),
                                QStringLiteral("2.0.10"),
                                QStringLiteral("--config"),
                                dataPath(QStringLiteral("connection/openmetadata-1.2.yaml"))};
    const AppRun run = runner.run(arguments);
    QCOMPARE(run.exitCode, 1);
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(out.contains(QStringLiteral("Not an all-clear for 2.0.9 -> 2.0.10")),
             run.out.constData());
    QVERIFY2(!out.contains(QStringLiteral("Nothing in the files")), run.out.constData());
    const AppRun json = runner.run(arguments + QStringList{QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 1);
    QVERIFY(!json.json().value(QStringLiteral("notChecked")).toArray().isEmpty());
    QVERIFY2(out.contains(QStringLiteral("Blockers: 0   Warnings: 0   Notices: 0")),
             run.out.constData());
}

void TestCliReleases::reviewOfAnUnknownTargetExits64()
{
    const AppRun run =
        omupgrade.run({QStringLiteral("review"), QStringLiteral("--from"), QStringLiteral("1.3.0"),
                       QStringLiteral("--to"), QStringLiteral("9.9.9")});
    QCOMPARE(run.exitCode, 64);
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(err.contains(QStringLiteral("9.9.9 is not a release this version of omupgrade knows")),
             run.err.constData());
    QVERIFY(err.contains(QStringLiteral("2.0.8, 2.0.9, 2.0.10")));
    QVERIFY(run.out.isEmpty());
}

void TestCliReleases::reviewWithinCoverageNamesNoGap()
{
    const AppRun run =
        omupgrade.run({QStringLiteral("review"), QStringLiteral("--from"), QStringLiteral("1.1.5"),
                       QStringLiteral("--to"), QStringLiteral("1.3.1"), QStringLiteral("--json")});
    QVERIFY(run.exitCode == 0 || run.exitCode == 1 || run.exitCode == 2);
    QVERIFY(run.json().value(QStringLiteral("notCovered")).toArray().isEmpty());
    for (const auto& finding : run.json().value(QStringLiteral("findings")).toArray())
        QVERIFY(finding.toObject().value(QStringLiteral("id")).toString() !=
                QLatin1String("omupgrade-coverage"));
}

void TestCliReleases::helpListsTheCommands()
{
    const AppRun run = omupgrade.run({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("  releases"));
    QVERIFY(run.out.contains("  path"));
}

QTEST_GUILESS_MAIN(TestCliReleases)
#include "TestCliReleases.moc"

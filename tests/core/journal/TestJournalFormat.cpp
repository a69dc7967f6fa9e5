// The journal's format as core/journal/JOURNAL.md documents it: journals written by
// omupgrade 0.1.0 still resume, every recorder writes the documented step, event and keys,
// what one front end records the other reads, and every name is documented.
#include "after/AfterRecorder.h"
#include "backup/BackupRecorder.h"
#include "journal/JournalProgress.h"
#include "migration/MigrationGate.h"
#include "migration/MigrationRecorder.h"
#include "report/UpgradeReport.h"
#include "review/ReviewRecorder.h"
#include "TestData.h"
#include "tuning/TuningRecorder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace omu;

class TestJournalFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resumesAnInterruptedJournalOfRelease010();
    void readsAFinishedJournalOfRelease010();
    void recordersWriteTheDocumentedEntries();
    void whatTheCommandLineRecordsTheGateReads();
    void gateAdviceNamesTheCommandOrThePage();
    void everyNameIsDocumented();

private:
    static ConnectionProfile profile();
    // The fixture copied to where this deployment's journal lives under `dataFolder`.
    static UpgradeJournal install(const QString& fixture, const QString& dataFolder);
    static QJsonObject lastData(const UpgradeJournal& journal, const QString& step,
                                const QString& event);
};

ConnectionProfile TestJournalFormat::profile()
{
    ConnectionProfile p;
    p.engine = Engine::Postgres;
    p.host = QStringLiteral("db1");
    p.port = 5432;
    p.database = QStringLiteral("openmetadata_db");
    p.user = QStringLiteral("openmetadata_user");
    p.password = QStringLiteral("hunter2-secret");
    return p;
}

UpgradeJournal TestJournalFormat::install(const QString& fixture, const QString& dataFolder)
{
    UpgradeJournal journal = UpgradeJournal::forDeployment(profile(), dataFolder);
    QDir().mkpath(QFileInfo(journal.path()).absolutePath());
    if (!QFile::copy(omu::test::dataPath(QStringLiteral("journal/") + fixture), journal.path()))
        qFatal("cannot copy %s", qPrintable(fixture));
    QFile::setPermissions(journal.path(), QFile::ReadOwner | QFile::WriteOwner);
    return journal;
}

QJsonObject TestJournalFormat::lastData(const UpgradeJournal& journal, const QString& step,
                                        const QString& event)
{
    const auto entry = journal.latest(step, event);
    return entry ? entry->data : QJsonObject{{QStringLiteral("missing"), true}};
}

void TestJournalFormat::resumesAnInterruptedJournalOfRelease010()
{
    QTemporaryDir dir;
    const UpgradeJournal journal =
        install(QStringLiteral("release-0.1.0-interrupted.jsonl"), dir.path());
    auto progress = JournalProgress::forDeployment(profile(), dir.path());
    QVERIFY(progress.ok());
    QVERIFY(progress->backup);
    QCOMPARE(progress->migration, JournalProgress::MigrationState::Interrupted);
    QCOMPARE(progress->resumeAt(), JournalProgress::Step::Migration);
    QCOMPARE(progress->resumeStep(), QStringLiteral("migration"));
    QVERIFY(progress->tuningToRevert());
    const auto tuning = progress->tuningSummary();
    QCOMPARE(tuning.parameter, QStringLiteral("work_mem"));
    QCOMPARE(tuning.applied, QStringLiteral("20MB"));
    QCOMPARE(tuning.original, QStringLiteral("not set (the server's default)"));
    const auto started = progress->lastMigrationStart();
    QVERIFY(started);
    QCOMPARE(started->target, QStringLiteral("1.3.0"));
    QCOMPARE(started->current, QStringLiteral("1.1.5"));
    QCOMPARE(started->distribution, QStringLiteral("/opt/openmetadata-1.3.0"));
    QCOMPARE(started->mode, QStringLiteral("bare"));
    QCOMPARE(started->serverUrl, QStringLiteral("http://localhost:8585"));

    // Today's recorder appends after yesterday's torn line; the run's end reads back.
    MigrationOutcome outcome;
    outcome.ending = Ending::Succeeded;
    outcome.exitCode = 0;
    QVERIFY(MigrationRecorder(profile(), dir.path()).ended(outcome).ok());
    progress = JournalProgress::read(journal);
    QCOMPARE(progress->migration, JournalProgress::MigrationState::Succeeded);
    QCOMPARE(progress->resumeAt(), JournalProgress::Step::After);
    QCOMPARE(journal.entries()->size(), 6);
}

void TestJournalFormat::readsAFinishedJournalOfRelease010()
{
    QTemporaryDir dir;
    const UpgradeJournal journal =
        install(QStringLiteral("release-0.1.0-finished.jsonl"), dir.path());
    const auto progress = JournalProgress::read(journal);
    QVERIFY(progress.ok());
    QCOMPARE(progress->migration, JournalProgress::MigrationState::Succeeded);
    QVERIFY(progress->tuningSkipped());
    QVERIFY(!progress->tuningToRevert());
    QVERIFY(progress->afterVerified);
    QCOMPARE(progress->resumeAt(), JournalProgress::Step::Done);
    QCOMPARE(progress->migrationTarget(), QStringLiteral("1.3.1"));

    UpgradeReport::Options options;
    options.secrets << profile().password;
    const auto report = UpgradeReport::build(journal, options);
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().toString()));
    const QJsonObject summary = report->value(QStringLiteral("summary")).toObject();
    QCOMPARE(summary.value(QStringLiteral("from")).toString(), QStringLiteral("1.2.4"));
    QCOMPARE(summary.value(QStringLiteral("to")).toString(), QStringLiteral("1.3.1"));
    QCOMPARE(summary.value(QStringLiteral("verdict")).toString(), QStringLiteral("upgraded"));
    for (const QJsonValue& section : report->value(QStringLiteral("sections")).toArray())
        if (section.toObject().value(QStringLiteral("id")).toString() == QLatin1String("migration"))
            QCOMPARE(section.toObject().value(QStringLiteral("ending")).toString(),
                     QStringLiteral("succeeded"));
}

void TestJournalFormat::recordersWriteTheDocumentedEntries()
{
    QTemporaryDir dir;
    const ConnectionProfile target = profile();
    const UpgradeJournal journal = UpgradeJournal::forDeployment(target, dir.path());

    BackupManifest manifest;
    manifest.sha256 = QStringLiteral("ab12");
    manifest.openMetadataVersion = QStringLiteral("1.2.4");
    manifest.rows = 10;
    manifest.bytes = 2048;
    const BackupRecorder backup(target, dir.path());
    QVERIFY(
        backup.verified(QStringLiteral("/b/x.sql"), manifest, true, QStringLiteral("wizard")).ok());
    QJsonObject data = lastData(journal, QStringLiteral("backup"), QStringLiteral("verified"));
    for (const char* key :
         {"file", "sha256", "openMetadataVersion", "tables", "rows", "bytes", "deep", "by"})
        QVERIFY2(data.contains(QLatin1String(key)), key);
    QCOMPARE(data.value(QStringLiteral("openMetadataVersion")).toString(), QStringLiteral("1.2.4"));
    QVERIFY(backup.restored(QStringLiteral("/b/x.sql"), 10, true, QStringLiteral("1.2.4")).ok());
    QCOMPARE(lastData(journal, QStringLiteral("backup"), QStringLiteral("restored"))
                 .value(QStringLiteral("rows"))
                 .toInt(),
             10);

    TuningChange change;
    change.engine = Engine::Postgres;
    change.parameter = QStringLiteral("work_mem");
    change.route = TuningRoute::AlterDatabase;
    change.appliedValue = QStringLiteral("20MB");
    change.appliedBytes = 20 << 20;
    const TuningRecorder tuning(target, dir.path());
    QVERIFY(tuning.applying(change, false).ok());
    QVERIFY(tuning.applied(change, true, 20 << 20).ok());
    data = lastData(journal, QStringLiteral("tuning"), QStringLiteral("applied"));
    QCOMPARE(data.value(QStringLiteral("change"))
                 .toObject()
                 .value(QStringLiteral("parameter"))
                 .toString(),
             QStringLiteral("work_mem"));
    QVERIFY(data.value(QStringLiteral("verified")).toBool());
    QVERIFY(JournalProgress::read(journal)->tuningToRevert());
    QVERIFY(tuning.reverted(change, false, true, 0).ok());
    QVERIFY(!JournalProgress::read(journal)->tuningToRevert());
    QVERIFY(JournalProgress::read(journal)->tuningSummary().reverted);

    ReviewReport report;
    report.from = QStringLiteral("1.2.4");
    report.to = QStringLiteral("1.3.1");
    Finding blocker;
    blocker.id = QStringLiteral("om-1.3.0-x");
    blocker.severity = Severity::Blocker;
    blocker.file = QStringLiteral("/etc/om/openmetadata.yaml");
    blocker.message = QStringLiteral("old key");
    Finding other = blocker;
    other.id = QStringLiteral("om-1.3.0-y");
    report.findings << blocker << other;
    const ReviewCompletion completion = ReviewCompletion::of(
        report, {ReviewCompletion::acknowledgementKey(blocker)}, QStringLiteral("wizard"));
    QCOMPARE(completion.blockers, 2);
    QCOMPARE(completion.openBlockers, 1);
    QVERIFY(ReviewRecorder(target, dir.path()).completed(completion).ok());
    data = lastData(journal, QStringLiteral("review"), QStringLiteral("completed"));
    QCOMPARE(data.value(QStringLiteral("blockers")).toInt(), 1); // the open ones
    QCOMPARE(data.value(QStringLiteral("blockersFound")).toInt(), 2);
    QCOMPARE(data.value(QStringLiteral("acknowledged")).toArray().first().toString(),
             QStringLiteral("om-1.3.0-x"));
    QCOMPARE(data.value(QStringLiteral("openBlockerIds")).toArray().first().toString(),
             QStringLiteral("om-1.3.0-y"));
    // The command line acknowledges by id.
    QCOMPARE(ReviewCompletion::of(report, {QStringLiteral("om-1.3.0-y")}, {}).openBlockers, 1);

    MigrationPlan plan;
    plan.current = *Version::parse(QStringLiteral("1.2.4"));
    plan.target = *Version::parse(QStringLiteral("1.3.1"));
    plan.distributionRoot = QStringLiteral("/opt/openmetadata-1.3.1");
    ToolCommandLine command;
    command.mode = MigrationMode::Docker;
    const MigrationRecorder migration(target, dir.path());
    QVERIFY(
        migration.started(plan, command, migration.newLogFile(), QStringLiteral("http://om")).ok());
    data = lastData(journal, QStringLiteral("migration"), QStringLiteral("started"));
    for (const char* key : {"current", "target", "pending", "distribution", "mode", "force",
                            "command", "logFile", "serverUrl"})
        QVERIFY2(data.contains(QLatin1String(key)), key);
    QCOMPARE(JournalProgress::read(journal)->migration,
             JournalProgress::MigrationState::Interrupted);
    MigrationOutcome outcome;
    outcome.ending = Ending::Cancelled;
    QVERIFY(migration.ended(outcome).ok());
    QCOMPARE(lastData(journal, QStringLiteral("migration"), QStringLiteral("finished"))
                 .value(QStringLiteral("ending"))
                 .toString(),
             QStringLiteral("cancelled"));
    QVERIFY(migration.repaired(outcome).ok());
    QVERIFY(journal.latest(QStringLiteral("migration"), QStringLiteral("repair")));

    const AfterRecorder after(target, dir.path());
    AfterUpgrade::Verification verification;
    verification.holdsTarget = false;
    QVERIFY(after.verified(QStringLiteral("1.3.1"), verification).ok());
    QVERIFY(journal.latest(QStringLiteral("after"), QStringLiteral("verify-failed")));
    QVERIFY(!JournalProgress::read(journal)->afterVerified);
    verification.holdsTarget = true;
    QVERIFY(after.verified(QStringLiteral("1.3.1"), verification).ok());
    QVERIFY(JournalProgress::read(journal)->afterVerified);
    OpenMetadataServerClient::ReindexAnswer reindex;
    reindex.triggered = true;
    QVERIFY(after.reindexed(QStringLiteral("ops"), reindex).ok());
    QCOMPARE(lastData(journal, QStringLiteral("after"), QStringLiteral("reindex"))
                 .value(QStringLiteral("method"))
                 .toString(),
             QStringLiteral("ops"));
    QVERIFY(after.reported(QStringLiteral("/r.json"), QStringLiteral("/r.html")).ok());
    QCOMPARE(lastData(journal, QStringLiteral("after"), QStringLiteral("report"))
                 .value(QStringLiteral("html"))
                 .toString(),
             QStringLiteral("/r.html"));

    // Facts only: the password never reaches the file.
    QFile file(journal.path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("hunter2"));
}

void TestJournalFormat::whatTheCommandLineRecordsTheGateReads()
{
    QTemporaryDir dir;
    const ConnectionProfile target = profile();
    const QString by = QStringLiteral("omupgrade migrate");
    QVERIFY(
        BackupRecorder(target, dir.path())
            .acknowledged(QStringLiteral("nightly snapshot, 02:00"), QStringLiteral("1.2.4"), by)
            .ok());
    QVERIFY(TuningRecorder(target, dir.path()).skipped(QStringLiteral("small database"), by).ok());
    ReviewCompletion completion;
    completion.to = QStringLiteral("1.3.1");
    completion.by = QStringLiteral("omupgrade review");
    QVERIFY(ReviewRecorder(target, dir.path()).completed(completion).ok());

    MigrationGate::Inputs inputs;
    inputs.progress = JournalProgress::forDeployment(target, dir.path()).value();
    inputs.databaseVersion = QStringLiteral("1.2.4");
    inputs.server = MigrationGate::ServerState::NotAnswering;
    const GateReport gate = MigrationGate::evaluate(inputs);
    QVERIFY2(gate.passed(), qPrintable(gate.unmet().join(QLatin1Char(','))));
}

void TestJournalFormat::gateAdviceNamesTheCommandOrThePage()
{
    MigrationGate::Inputs inputs; // nothing recorded yet
    inputs.target = QStringLiteral("1.3.1");
    auto advice = [&inputs](const QString& id) {
        for (const auto& condition : MigrationGate::evaluate(inputs).conditions)
            if (condition.id == id)
                return condition.advice;
        return QString();
    };
    inputs.caller = MigrationGate::Caller::Wizard;
    QVERIFY(advice(QStringLiteral("review")).contains(QLatin1String("Go back to Review")));
    QVERIFY(advice(QStringLiteral("backup")).contains(QLatin1String("Go back to Backup")));
    QVERIFY(advice(QStringLiteral("tuning")).contains(QLatin1String("Go back to Tuning")));
    inputs.caller = MigrationGate::Caller::CommandLine;
    for (const char* id : {"review", "backup", "tuning", "server"})
        QVERIFY2(!advice(QLatin1String(id)).contains(QLatin1String("Go back")), id);
    QVERIFY(
        advice(QStringLiteral("review")).contains(QLatin1String("omupgrade review --to 1.3.1")));
    QVERIFY(advice(QStringLiteral("backup")).contains(QLatin1String("omupgrade backup")));
    QVERIFY(advice(QStringLiteral("tuning")).contains(QLatin1String("omupgrade tune apply")));
    QVERIFY(advice(QStringLiteral("server")).contains(QLatin1String("--server-stopped")));
}

void TestJournalFormat::everyNameIsDocumented()
{
    const QString root = QStringLiteral(OMU_TEST_SOURCE_DIR "/..");
    QFile header(root + QStringLiteral("/core/journal/JournalNames.h"));
    QFile page(root + QStringLiteral("/core/journal/JOURNAL.md"));
    QVERIFY(header.open(QIODevice::ReadOnly));
    QVERIFY(page.open(QIODevice::ReadOnly));
    const QString doc = QString::fromUtf8(page.readAll());
    static const QRegularExpression name(
        QStringLiteral("constexpr char \\w+\\[\\] = \"([^\"]+)\""));
    int names = 0;
    for (const auto& match : name.globalMatch(QString::fromUtf8(header.readAll()))) {
        ++names;
        const QString spelled = match.captured(1);
        QVERIFY2(doc.contains(QStringLiteral("`%1`").arg(spelled)) ||
                     doc.contains(QStringLiteral("| %1 ").arg(spelled)),
                 qPrintable(spelled + QStringLiteral(" is not in JOURNAL.md")));
    }
    QVERIFY(names >= 20);
}

QTEST_GUILESS_MAIN(TestJournalFormat)
#include "TestJournalFormat.moc"

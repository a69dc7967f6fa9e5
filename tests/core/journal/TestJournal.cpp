#include "journal/UpgradeJournal.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace omu;

class TestJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendsAndReadsBack();
    void survivesATornLastLine();
    void isPrivateAndPerDeployment();
};

static ConnectionProfile profile(const QString& host)
{
    ConnectionProfile p;
    p.engine = Engine::Postgres;
    p.host = host;
    p.port = 5432;
    p.database = QStringLiteral("openmetadata_db");
    p.password = QStringLiteral("hunter2-secret");
    return p;
}

void TestJournal::appendsAndReadsBack()
{
    QTemporaryDir dir;
    auto journal = UpgradeJournal::forDeployment(profile(QStringLiteral("db1")), dir.path());
    QVERIFY(journal
                .append(QStringLiteral("tuning"), QStringLiteral("applied"),
                        {{QStringLiteral("original"), QStringLiteral("4MB")}})
                .ok());
    QVERIFY(journal.append(QStringLiteral("tuning"), QStringLiteral("reverted")).ok());
    const auto entries = journal.entries();
    QVERIFY(entries.ok());
    QCOMPARE(entries.value().size(), 2);
    QCOMPARE(entries.value().at(0).data.value(QStringLiteral("original")).toString(),
             QStringLiteral("4MB"));
    QCOMPARE(journal.latest(QStringLiteral("tuning"))->event, QStringLiteral("reverted"));
    QCOMPARE(journal.latest(QStringLiteral("tuning"), QStringLiteral("applied"))->event,
             QStringLiteral("applied"));
    QVERIFY(!journal.latest(QStringLiteral("backup")));
    QFile file(journal.path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("hunter2"));
}

void TestJournal::survivesATornLastLine()
{
    QTemporaryDir dir;
    UpgradeJournal journal(dir.filePath(QStringLiteral("journal.jsonl")));
    QVERIFY(journal.append(QStringLiteral("backup"), QStringLiteral("verified")).ok());
    QFile file(journal.path());
    QVERIFY(file.open(QIODevice::Append));
    file.write("{\"time\":\"2026-");
    file.close();
    const auto entries = journal.entries();
    QVERIFY(entries.ok());
    QCOMPARE(entries.value().size(), 1);
    // The next entry is not glued to the torn line: it reads back.
    QVERIFY(journal.append(QStringLiteral("backup"), QStringLiteral("again")).ok());
    QCOMPARE(journal.entries().value().size(), 2);
    QCOMPARE(journal.latest(QStringLiteral("backup"))->event, QStringLiteral("again"));
}

void TestJournal::isPrivateAndPerDeployment()
{
    QTemporaryDir dir;
    auto first = UpgradeJournal::forDeployment(profile(QStringLiteral("db1")), dir.path());
    auto second = UpgradeJournal::forDeployment(profile(QStringLiteral("db2")), dir.path());
    QVERIFY(first.path() != second.path());
    QCOMPARE(UpgradeJournal::forDeployment(profile(QStringLiteral("DB1")), dir.path()).path(),
             first.path());
    QVERIFY(first.append(QStringLiteral("x"), QStringLiteral("y")).ok());
    struct stat info
    {
    };
    QCOMPARE(::stat(first.path().toLocal8Bit().constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);
}

QTEST_GUILESS_MAIN(TestJournal)
#include "TestJournal.moc"

#include "common/AtomicFile.h"
#include "common/Version.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace omu;

class TestCommon : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionsCompareNumerically_data();
    void versionsCompareNumerically();
    void versionRejectsGarbage();
    void atomicWriteCreatesPrivateFile();
    void atomicWriteRefusesToOverwrite();
    void atomicWriteReportsUnwritableFolder();
};

void TestCommon::versionsCompareNumerically_data()
{
    QTest::addColumn<QString>("lower");
    QTest::addColumn<QString>("higher");
    QTest::newRow("minor") << "1.9.0"
                           << "1.10.0";
    QTest::newRow("patch") << "1.1.5"
                           << "1.2.0";
    QTest::newRow("short") << "1.2"
                           << "1.2.1";
    QTest::newRow("suffix ignored") << "1.1.0-collate"
                                    << "1.1.1";
    QTest::newRow("four parts") << "1.3.0.1"
                                << "1.3.1";
}

void TestCommon::versionsCompareNumerically()
{
    QFETCH(QString, lower);
    QFETCH(QString, higher);
    const auto a = Version::parse(lower);
    const auto b = Version::parse(higher);
    QVERIFY(a && b);
    QVERIFY(*a < *b);
    QVERIFY(*b > *a);
    QVERIFY(!(*a == *b));
    QCOMPARE(Version::parse(QStringLiteral("1.2"))->canonical(), QStringLiteral("1.2.0"));
    QVERIFY(*Version::parse(QStringLiteral("1.1.0-baseline")) ==
            *Version::parse(QStringLiteral("1.1.0")));
}

void TestCommon::versionRejectsGarbage()
{
    QVERIFY(!Version::parse(QString()));
    QVERIFY(!Version::parse(QStringLiteral("latest")));
    QVERIFY(!Version::parse(QStringLiteral("1..2")));
}

void TestCommon::atomicWriteCreatesPrivateFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("secret.json"));
    QVERIFY(AtomicFile::write(path, "one").ok());
    QVERIFY(AtomicFile::write(path, "two").ok());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("two"));
    struct stat info
    {
    };
    QCOMPARE(::stat(path.toLocal8Bit().constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1); // no temporary left behind
}

void TestCommon::atomicWriteRefusesToOverwrite()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("backup.sql"));
    QVERIFY(
        AtomicFile::write(path, "first", AtomicFile::Access::Private, AtomicFile::Existing::Refuse)
            .ok());
    const auto second = AtomicFile::write(path, "second", AtomicFile::Access::Private,
                                          AtomicFile::Existing::Refuse);
    QVERIFY(!second.ok());
    QVERIFY(second.error().message.contains(QStringLiteral("already exists")));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("first"));
}

void TestCommon::atomicWriteReportsUnwritableFolder()
{
    const auto result = AtomicFile::write(QStringLiteral("/nonexistent-folder/x.json"), "x");
    QVERIFY(!result.ok());
    QCOMPARE(result.error().where, QStringLiteral("/nonexistent-folder"));
    QVERIFY(!result.error().advice.isEmpty());
}

QTEST_GUILESS_MAIN(TestCommon)
#include "TestCommon.moc"

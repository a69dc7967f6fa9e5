#include "common/AtomicFile.h"
#include "common/DisplayText.h"
#include "common/PrivateFolder.h"
#include "common/SecretMasker.h"
#include "common/Version.h"

#include <QJsonDocument>
#include <QJsonObject>

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
    void maskerHidesGivenSecretsInEveryForm();
    void maskerHidesValuesOfSecretNames_data();
    void maskerHidesValuesOfSecretNames();
    void maskerLeavesOrdinaryTextAlone_data();
    void maskerLeavesOrdinaryTextAlone();
    void maskerMasksWholeFileLines();
    void maskerMasksJsonBySecretKeys();
    void displayTextEscapesControlsAndCutsLongValues();
    void privateFoldersIgnoreTheUmask();
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

void TestCommon::maskerHidesGivenSecretsInEveryForm()
{
    SecretMasker masker;
    masker.add(QStringLiteral("Pw-\"q'x/y"));
    masker.add(QStringLiteral("ab")); // too short to mask: it would garble every message
    const QString text =
        QStringLiteral("plain Pw-\"q'x/y, json \"Pw-\\\"q'x/y\", url Pw-%22q%27x%2Fy, ab");
    const QString masked = masker.mask(text);
    QVERIFY2(!masked.contains(QStringLiteral("q'x")), qPrintable(masked));
    QVERIFY(!masked.contains(QStringLiteral("%27x")));
    QCOMPARE(masked.count(QStringLiteral("***")), 3);
    QVERIFY(masked.endsWith(QStringLiteral(", ab")));
    // Errors: every part.
    const Error error =
        masker.mask(makeError(QStringLiteral("bad Pw-\"q'x/y"), QStringLiteral("Pw-\"q'x/y"),
                              QStringLiteral("not Pw-\"q'x/y")));
    QVERIFY(!error.toString().contains(QStringLiteral("q'x")));
}

void TestCommon::maskerHidesValuesOfSecretNames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("secret");
    QTest::newRow("env") << "DB_USER_PASSWORD=s3cr3t-env"
                         << "s3cr3t-env";
    QTest::newRow("env quoted") << "AWS_SECRET_ACCESS_KEY=\"k3y value\""
                                << "k3y value";
    QTest::newRow("yaml") << "password: s3cr3t-yaml"
                          << "s3cr3t-yaml";
    QTest::newRow("camel") << "clientSecret: abc123xyz"
                           << "abc123xyz";
    QTest::newRow("token") << "jwtToken=eyJhbGciOiJIUzI1NiJ9.e30.sig"
                           << "eyJhbGciOiJIUzI1NiJ9";
    QTest::newRow("api key") << "apiKey: q1w2e3r4"
                             << "q1w2e3r4";
    QTest::newRow("PGPASSWORD") << "PGPASSWORD=pgpg-secret psql"
                                << "pgpg-secret";
    QTest::newRow("ODBC PWD") << "Driver={ODBC};UID=sa;PWD=odbc-secret;"
                              << "odbc-secret";
    QTest::newRow("json") << R"({"password": "j5on-secret", "user": "x"})"
                          << "j5on-secret";
    QTest::newRow("url userinfo") << "jdbc:mysql://bob:url-secret@db:3306/x"
                                  << "url-secret";
    QTest::newRow("query string") << "db?user=bob&password=q-secret&ssl=1"
                                  << "q-secret";
    QTest::newRow("bearer") << "Authorization: Bearer abcdef.ghijk"
                            << "abcdef.ghijk";
    QTest::newRow("sql") << "ALTER USER bob PASSWORD 'sql-secret'"
                         << "sql-secret";
    QTest::newRow("identified by") << "CREATE USER x IDENTIFIED BY 'id-secret'"
                                   << "id-secret";
}

void TestCommon::maskerHidesValuesOfSecretNames()
{
    QFETCH(QString, text);
    QFETCH(QString, secret);
    const QString masked = SecretMasker().mask(text);
    QVERIFY2(!masked.contains(secret), qPrintable(masked));
    QVERIFY2(masked.contains(QStringLiteral("***")), qPrintable(masked));
}

void TestCommon::maskerLeavesOrdinaryTextAlone_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("secrets manager") << "secretsManager: db";
    QTest::newRow("manager config") << "secretsManagerConfiguration:";
    QTest::newRow("expiry") << "tokenExpiry: 3600";
    QTest::newRow("host") << "DB_HOST=mysql";
    QTest::newRow("url") << "https://example.com/path";
    QTest::newRow("message") << "Error: the table is locked";
    QTest::newRow("masked already") << "DB_USER_PASSWORD=***";
}

void TestCommon::maskerLeavesOrdinaryTextAlone()
{
    QFETCH(QString, text);
    QCOMPARE(SecretMasker().mask(text), text);
}

void TestCommon::maskerMasksWholeFileLines()
{
    const SecretMasker masker;
    // A value with spaces: all of it, not just the first word.
    QCOMPARE(masker.maskFileLine(QStringLiteral("  password: correct horse battery")),
             QStringLiteral("  password: ***"));
    QCOMPARE(masker.maskFileLine(QStringLiteral("export DB_USER_PASSWORD=\"a b c\"")),
             QStringLiteral("export DB_USER_PASSWORD=***"));
    QCOMPARE(masker.maskFileLine(QStringLiteral("  password: ${DB_USER_PASSWORD:-default pw}")),
             QStringLiteral("  password: ***"));
    // A bare reference holds no secret and says where the value comes from.
    QCOMPARE(masker.maskFileLine(QStringLiteral("  password: ${DB_USER_PASSWORD}")),
             QStringLiteral("  password: ${DB_USER_PASSWORD}"));
    QCOMPARE(masker.maskFileLine(QStringLiteral("  - name: x")), QStringLiteral("  - name: x"));
    QCOMPARE(masker.maskFileLine(QStringLiteral("  secretsManager: noop")),
             QStringLiteral("  secretsManager: noop"));
}

void TestCommon::maskerMasksJsonBySecretKeys()
{
    SecretMasker masker;
    masker.add(QStringLiteral("given-secret"));
    const QJsonObject in{{QStringLiteral("password"), QStringLiteral("anything")},
                         {QStringLiteral("nested"),
                          QJsonObject{{QStringLiteral("botToken"), QStringLiteral("t0k")},
                                      {QStringLiteral("note"), QStringLiteral("given-secret")}}},
                         {QStringLiteral("host"), QStringLiteral("db")}};
    const QByteArray out = QJsonDocument(masker.mask(in).toObject()).toJson();
    QVERIFY2(!out.contains("anything") && !out.contains("t0k") && !out.contains("given-secret"),
             out.constData());
    QVERIFY(out.contains("\"db\""));
}

void TestCommon::displayTextEscapesControlsAndCutsLongValues()
{
    QCOMPARE(DisplayText::escaped(QStringLiteral("a\x1b[31mred\x07\n\tb")),
             QStringLiteral("a\\e[31mred\\a\\n\\tb"));
    QCOMPARE(DisplayText::escaped(QStringLiteral("col\tcol"), true), QStringLiteral("col\tcol"));
    const QString huge(5 * 1024 * 1024, QLatin1Char('h'));
    const QString shown = DisplayText::value(huge, 60);
    QVERIFY(shown.size() < 120);
    QVERIFY(shown.startsWith(QString(60, QLatin1Char('h')) + QStringLiteral("\u2026")));
    QVERIFY2(shown.contains(QStringLiteral("5,242,880")), qPrintable(shown));
    QCOMPARE(DisplayText::value(QStringLiteral("short")), QStringLiteral("short"));
}

void TestCommon::privateFoldersIgnoreTheUmask()
{
    QTemporaryDir dir;
    const mode_t old = ::umask(0);
    const QString deep = dir.filePath(QStringLiteral("data/deployments/one"));
    const Status made = PrivateFolder::create(deep);
    // An existing folder of ours that an older run left open is narrowed.
    const QString open = dir.filePath(QStringLiteral("open"));
    ::mkdir(QFile::encodeName(open).constData(), 0777);
    const Status narrowed = PrivateFolder::create(open);
    // One the user chose is left as it is.
    const QString chosen = dir.filePath(QStringLiteral("chosen"));
    ::mkdir(QFile::encodeName(chosen).constData(), 0755);
    const Status kept = PrivateFolder::create(chosen, PrivateFolder::Existing::Keep);
    ::umask(old);
    QVERIFY(made.ok() && narrowed.ok() && kept.ok());
    auto mode = [](const QString& path) {
        struct stat info
        {
        };
        ::stat(QFile::encodeName(path).constData(), &info);
        return info.st_mode & 07777;
    };
    QCOMPARE(mode(dir.filePath(QStringLiteral("data"))), 0700u);
    QCOMPARE(mode(dir.filePath(QStringLiteral("data/deployments"))), 0700u);
    QCOMPARE(mode(deep), 0700u);
    QCOMPARE(mode(open), 0700u);
    QCOMPARE(mode(chosen), 0755u);
}

QTEST_GUILESS_MAIN(TestCommon)
#include "TestCommon.moc"

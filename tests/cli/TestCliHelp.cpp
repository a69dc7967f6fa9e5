// The command line as a newcomer meets it: help per command with its own options and an
// example, "did you mean" for a mistyped command or option, a connection failure said once,
// and no display: a message naming the headless commands, exit 2, no crash.
#include "AppRunner.h"
#include "FakeServiceListener.h"

#include <QProcess>
#include <QTcpServer>
#include <QTest>

using namespace omu::test;

namespace {

const AppRunner omupgrade(QStringLiteral(OMU_EXECUTABLE), std::chrono::seconds(60));

int closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    return server.serverPort(); // free again once `server` is gone
}

} // namespace

class TestCliHelp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generalHelpListsCommandsWithoutLeftovers();
    void commandHelpShowsItsOwnOptionsAndExample_data();
    void commandHelpShowsItsOwnOptionsAndExample();
    void commandHelpDiffersFromGeneralHelp();
    void everyCommandHasItsOwnExample();
    void mistypedCommandSuggestsTheNearest_data();
    void mistypedCommandSuggestsTheNearest();
    void mistypedOptionSuggestsTheNearest();
    void connectionFailureIsSaidOnce();
    void nonDatabasePortIsNamedOnce();
    void noDisplayExits2WithHeadlessCommands_data();
    void noDisplayExits2WithHeadlessCommands();
};

void TestCliHelp::generalHelpListsCommandsWithoutLeftovers()
{
    const auto run = omupgrade.run({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("inspect"));
    QVERIFY2(!run.out.contains("Not in this build yet"), run.out.constData());
    QVERIFY(run.out.contains("omupgrade <command> --help"));
}

void TestCliHelp::commandHelpShowsItsOwnOptionsAndExample_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("absent");
    QTest::newRow("inspect") << "inspect"
                             << QStringList{"Usage: omupgrade inspect", "--config", "--env-file",
                                            "--password-file", "omupgrade inspect --config"}
                             << QStringList{"--output", "--distribution", "Commands:"};
    QTest::newRow("backup") << "backup"
                            << QStringList{"Usage: omupgrade backup --output DIR",
                                           "Options of backup:", "--filename", "--host",
                                           "omupgrade backup --config"}
                            << QStringList{"--scratch-database", "--distribution"};
    QTest::newRow("tune") << "tune"
                          << QStringList{"show|apply|revert", "--value", "omupgrade tune apply"}
                          << QStringList{"--output"};
    QTest::newRow("migrate") << "migrate"
                             << QStringList{"--distribution", "--mode", "kubernetes-job",
                                            "omupgrade migrate --config"}
                             << QStringList{"--scratch-database"};
    // No database involved: no connection options.
    QTest::newRow("path") << "path"
                          << QStringList{"Usage: omupgrade path --from VERSION --to VERSION",
                                         "omupgrade path --from 1.1.5 --to 2.0.10"}
                          << QStringList{"--password-file", "--host", "--data-folder"};
}

void TestCliHelp::commandHelpShowsItsOwnOptionsAndExample()
{
    QFETCH(QString, command);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);
    const auto run = omupgrade.run({command, QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.err.isEmpty());
    QVERIFY(run.out.contains("Example:"));
    for (const QString& text : present)
        QVERIFY2(run.out.contains(text.toUtf8()),
                 qPrintable(QStringLiteral("missing \"%1\" in:\n%2").arg(text, run.out)));
    for (const QString& text : absent)
        QVERIFY2(!run.out.contains(text.toUtf8()),
                 qPrintable(QStringLiteral("unexpected \"%1\" in:\n%2").arg(text, run.out)));
}

void TestCliHelp::commandHelpDiffersFromGeneralHelp()
{
    const auto general = omupgrade.run({QStringLiteral("--help")});
    const auto inspect = omupgrade.run({QStringLiteral("inspect"), QStringLiteral("--help")});
    const auto inspectShort = omupgrade.run({QStringLiteral("inspect"), QStringLiteral("-h")});
    QVERIFY(general.out != inspect.out);
    QCOMPARE(inspectShort.out, inspect.out);
}

void TestCliHelp::everyCommandHasItsOwnExample()
{
    // Every command the general help lists, so that a new one cannot come without one.
    const auto general = omupgrade.run({QStringLiteral("--help")});
    const QByteArray commands = general.out.mid(general.out.indexOf("Commands:\n") + 10);
    int seen = 0;
    for (const QByteArray& line : commands.split('\n')) {
        if (!line.startsWith("  "))
            break;
        const QString name = QString::fromUtf8(line.trimmed().split(' ').value(0));
        const auto run = omupgrade.run({name, QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        // Qt's own complaint about an option declared twice is not for the user's eyes.
        QVERIFY2(!run.err.contains("QCommandLineParser"), run.err.constData());
        QVERIFY2(run.out.contains("Usage: omupgrade " + name.toUtf8()), run.out.constData());
        QVERIFY2(run.out.contains("Example:\n  omupgrade " + name.toUtf8() + ' '),
                 run.out.constData());
        ++seen;
    }
    QVERIFY2(seen >= 12, general.out.constData());
}

void TestCliHelp::mistypedCommandSuggestsTheNearest_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("suggested");
    QTest::newRow("swapped letters") << "inspcet"
                                     << "Did you mean \"inspect\"?";
    QTest::newRow("missing letter") << "migrte"
                                    << "Did you mean \"migrate\"?";
    QTest::newRow("prefix") << "rel"
                            << "Did you mean \"releases\"?";
    QTest::newRow("nothing close") << "frobnicate" << QString();
}

void TestCliHelp::mistypedCommandSuggestsTheNearest()
{
    QFETCH(QString, typed);
    QFETCH(QString, suggested);
    const auto run = omupgrade.run({typed});
    QCOMPARE(run.exitCode, 64);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains("unknown command"), run.err.constData());
    if (suggested.isEmpty())
        QVERIFY2(!run.err.contains("Did you mean"), run.err.constData());
    else
        QVERIFY2(run.err.contains(suggested.toUtf8()), run.err.constData());
}

void TestCliHelp::mistypedOptionSuggestsTheNearest()
{
    const auto run = omupgrade.run(
        {QStringLiteral("backup"), QStringLiteral("--ouptut"), QStringLiteral("/tmp")});
    QCOMPARE(run.exitCode, 64);
    QVERIFY2(run.err.contains("Did you mean --output?"), run.err.constData());
    QVERIFY2(run.err.contains("omupgrade backup --help"), run.err.constData());
}

void TestCliHelp::connectionFailureIsSaidOnce()
{
    const int port = closedPort();
    const auto run = omupgrade.run(
        {QStringLiteral("inspect"), QStringLiteral("--engine"), QStringLiteral("postgres"),
         QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
         QString::number(port), QStringLiteral("--user"), QStringLiteral("openmetadata_user"),
         QStringLiteral("--database"), QStringLiteral("openmetadata_db")},
        QStringLiteral("pw"));
    QCOMPARE(run.exitCode, 2);
    const QByteArray summary = "Nothing accepted the connection";
    QVERIFY2(run.err.count(summary) == 1, run.err.constData());
    QVERIFY2(!run.out.contains(summary), run.out.constData());
    QVERIFY(run.err.contains("What to do:"));
    QVERIFY(run.out.contains("port")); // the connection it tried is still shown
}

void TestCliHelp::nonDatabasePortIsNamedOnce()
{
    FakeServiceListener web(FakeServiceListener::Kind::Http);
    QVERIFY(web.port() > 0);
    const auto run = omupgrade.run(
        {QStringLiteral("inspect"), QStringLiteral("--engine"), QStringLiteral("mysql"),
         QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
         QString::number(web.port()), QStringLiteral("--user"), QStringLiteral("u"),
         QStringLiteral("--database"), QStringLiteral("openmetadata_db"),
         QStringLiteral("--connect-timeout"), QStringLiteral("2")},
        QStringLiteral("pw"));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.count("web server (HTTP)") == 1, run.err.constData());
    QVERIFY(run.err.contains("(not-a-database)"));
    QVERIFY(!run.out.contains("web server"));
    QVERIFY(!run.err.contains("TLS"));
}

void TestCliHelp::noDisplayExits2WithHeadlessCommands_data()
{
    QTest::addColumn<QString>("platform"); // QT_QPA_PLATFORM, or empty to unset it
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("platform unset") << QString() << QStringList{};
    QTest::newRow("xcb") << QStringLiteral("xcb") << QStringList{};
    QTest::newRow("wizard with options") << QString() << QStringList{"--host", "db.internal"};
}

void TestCliHelp::noDisplayExits2WithHeadlessCommands()
{
    QFETCH(QString, platform);
    QFETCH(QStringList, arguments);
    QProcess process;
    auto environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    if (!platform.isEmpty())
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
    process.setProcessEnvironment(environment);
    process.start(omupgrade.program(), arguments);
    QVERIFY(process.waitForFinished(30'000));
    const QByteArray err = process.readAllStandardError();
    QCOMPARE(process.exitStatus(), QProcess::NormalExit); // not SIGABRT
    QCOMPARE(process.exitCode(), 2);
    QVERIFY2(err.contains("no display"), err.constData());
    for (const char* command : {"omupgrade inspect", "omupgrade backup", "omupgrade verify",
                                "omupgrade review", "omupgrade migrate", "omupgrade after"})
        QVERIFY2(err.contains(command), err.constData());
    QVERIFY2(!err.contains("Reinstalling the application"), err.constData());
    QVERIFY(process.readAllStandardOutput().isEmpty());
}

QTEST_GUILESS_MAIN(TestCliHelp)
#include "TestCliHelp.moc"

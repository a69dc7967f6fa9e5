// The report in a real browser: headless Chromium, through scripts/report-screenshot (the
// script the README names), renders the sample report. The screenshot must be the page
// as styled (the verdict's colour on the summary card, the page background) at the width
// asked for, and at scale 2 twice as wide.
#include "report/UpgradeReport.h"
#include "ReportSample.h"

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace omu;
using omu::test::ReportSample;

namespace {

QString writeReport(const QString& folder, ReportSample::Ending ending)
{
    const auto report = ReportSample::write(folder, ending).writeReport(folder);
    return report ? report->files.htmlFile : QString();
}

QImage screenshot(const QString& html, const QString& png, int scale)
{
    QProcess script;
    script.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    script.start(QStringLiteral(OMU_TEST_SOURCE_DIR "/../scripts/report-screenshot"),
                 {QStringLiteral("--html"), html, QStringLiteral("--out"), png,
                  QStringLiteral("--width"), QStringLiteral("1024"), QStringLiteral("--height"),
                  QStringLiteral("900"), QStringLiteral("--scale"), QString::number(scale)});
    if (!script.waitForFinished(180000)) {
        script.kill();
        script.waitForFinished();
        return {};
    }
    return script.exitCode() == 0 ? QImage(png) : QImage();
}

// Pixels of exactly this colour.
int pixelsOf(const QImage& image, QRgb colour)
{
    int found = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            found += (image.pixel(x, y) & 0xffffff) == (colour & 0xffffff);
    return found;
}

} // namespace

class TestReportInBrowser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void upgradedReportRenders();
    void contradictedSuccessRendersAsFailure();

private:
    QTemporaryDir m_dir;
};

void TestReportInBrowser::upgradedReportRenders()
{
    const QString html =
        writeReport(m_dir.filePath(QStringLiteral("up")), ReportSample::Ending::Upgraded);
    QVERIFY(!html.isEmpty());
    const QImage image = screenshot(html, m_dir.filePath(QStringLiteral("up.png")), 1);
    QVERIFY2(!image.isNull(), "Chromium made no screenshot");
    QCOMPARE(image.size(), QSize(1024, 900));
    QCOMPARE(image.pixel(2, 2) & 0xffffff, qRgb(0xf2, 0xf4, 0xf6) & 0xffffff); // page background
    QVERIFY(pixelsOf(image, qRgb(0x17, 0x64, 0x2f)) > 50);    // the verdict's green edge
    QCOMPARE(pixelsOf(image, qRgb(0xa3, 0x16, 0x1a)), 0);     // no failure red above the fold
    QVERIFY(pixelsOf(image, qRgb(0xff, 0xff, 0xff)) > 10000); // the cards

    const QImage doubled = screenshot(html, m_dir.filePath(QStringLiteral("up-2x.png")), 2);
    QCOMPARE(doubled.size(), QSize(2048, 1800));
}

void TestReportInBrowser::contradictedSuccessRendersAsFailure()
{
    const QString html =
        writeReport(m_dir.filePath(QStringLiteral("nc")), ReportSample::Ending::NotConfirmed);
    const QImage image = screenshot(html, m_dir.filePath(QStringLiteral("nc.png")), 1);
    QVERIFY2(!image.isNull(), "Chromium made no screenshot");
    QVERIFY(pixelsOf(image, qRgb(0xa3, 0x16, 0x1a)) > 50); // the verdict's red edge
    QCOMPARE(pixelsOf(image, qRgb(0x17, 0x64, 0x2f)), 0);
}

QTEST_GUILESS_MAIN(TestReportInBrowser)
#include "TestReportInBrowser.moc"

#include "JavaRuntimeDetector.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

namespace omu {

namespace {

// The java the release's scripts would start: $JAVA_HOME/bin/java, else the first java on PATH.
QString javaOf(const QProcessEnvironment& environment, QString* how)
{
    const QString home = environment.value(QStringLiteral("JAVA_HOME"));
    if (!home.isEmpty()) {
        *how = QStringLiteral("JAVA_HOME");
        return QDir(home).filePath(QStringLiteral("bin/java"));
    }
    *how = QStringLiteral("PATH");
    const QStringList path =
        environment.value(QStringLiteral("PATH")).split(QLatin1Char(':'), Qt::SkipEmptyParts);
    return QStandardPaths::findExecutable(QStringLiteral("java"), path);
}

} // namespace

JavaRuntimeDetector::JavaRuntimeDetector(QString target, int java)
    : m_target(std::move(target)), m_java(java)
{
}

int JavaRuntimeDetector::majorVersion(const QString& output)
{
    static const QRegularExpression pattern(QStringLiteral(R"(version\s+"(\d+)(?:\.(\d+))?)"));
    const auto match = pattern.match(output);
    if (!match.hasMatch())
        return 0;
    const int first = match.captured(1).toInt();
    return first == 1 ? match.captured(2).toInt() : first; // 1.8 is Java 8
}

DetectorFindings JavaRuntimeDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    QString how;
    const QString java = javaOf(context.environment, &how);
    if (java.isEmpty() || !QFileInfo(java).isExecutable()) {
        result.notChecked =
            how == QLatin1String("JAVA_HOME")
                ? QStringLiteral("JAVA_HOME points at %1, which has no bin/java").arg(java)
                : QStringLiteral("no java on this machine's PATH (Docker and Kubernetes "
                                 "deployments bring their own; a bare-metal server needs Java %1)")
                      .arg(m_java);
        return result;
    }
    QProcess process;
    process.setProcessEnvironment(context.environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(java, {QStringLiteral("-version")});
    if (!process.waitForFinished(15'000)) {
        process.kill();
        process.waitForFinished(2000);
        result.notChecked = QStringLiteral("%1 -version did not answer within 15 s").arg(java);
        return result;
    }
    const QString output = QString::fromLocal8Bit(process.readAll());
    const int major = majorVersion(output);
    if (major == 0) {
        result.notChecked = QStringLiteral("%1 -version printed no version: %2")
                                .arg(java, output.left(200).trimmed());
        return result;
    }
    if (major < m_java)
        result.hits.append(DetectorHit{
            {},
            0,
            0,
            QStringLiteral("%1 (from %2) is Java %3; OpenMetadata %4 needs Java %5 to run bare "
                           "metal. Docker and Kubernetes images bring their own Java: there, "
                           "acknowledge this.")
                .arg(java, how)
                .arg(major)
                .arg(m_target)
                .arg(m_java),
            {}});
    return result;
}

} // namespace omu

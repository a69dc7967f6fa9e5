#pragma once

#include "Detector.h"

namespace omu {

// From the release registry: the Java a bare-metal release would run on this machine,
// as its scripts pick it ($JAVA_HOME/bin/java, else java on PATH), against the target's
// Java. Docker and Kubernetes deployments bring their own Java; the finding says so.
class JavaRuntimeDetector : public Detector
{
public:
    JavaRuntimeDetector(QString target, int java);

    QString type() const override { return QStringLiteral("requirement-java"); }
    Needs needs() const override { return Needs::Nothing; }
    DetectorFindings run(const DetectorContext& context) const override;

    // The major version in `java -version` output ("1.8.0_292" -> 8, "21.0.2" -> 21); 0
    // when none is found.
    static int majorVersion(const QString& output);

private:
    QString m_target;
    int m_java = 0;
};

} // namespace omu

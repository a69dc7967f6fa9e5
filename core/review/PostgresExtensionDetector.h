#pragma once

#include "Detector.h"

namespace omu {

// From the release registry: an extension the target's PostgreSQL migration creates
// (pg_trgm from 1.11). Fine when it is already in the database; otherwise it must be
// available on the server, allow-listed where the service keeps a list (Azure's
// azure.extensions), and creatable by the migration's user (superuser, or a trusted
// extension and CREATE on the database). MySQL has nothing to check.
class PostgresExtensionDetector : public Detector
{
public:
    PostgresExtensionDetector(QString target, QString extension);

    QString type() const override { return QStringLiteral("requirement-postgres-extension"); }
    Needs needs() const override { return Needs::Database; }
    DetectorFindings run(const DetectorContext& context) const override;

private:
    QString m_target;
    QString m_extension;
};

} // namespace omu

#pragma once

#include "Detector.h"

namespace omu {

// From the release registry: the database server's version against the target's
// minimum for MySQL or PostgreSQL. MariaDB, which OpenMetadata does not support, is
// reported as such instead of being compared with a MySQL version.
class DatabaseVersionDetector : public Detector
{
public:
    DatabaseVersionDetector(QString target, Version mysql, Version postgres);

    QString type() const override { return QStringLiteral("requirement-database-version"); }
    Needs needs() const override { return Needs::Database; }
    DetectorFindings run(const DetectorContext& context) const override;

private:
    QString m_target;
    Version m_mysql;
    Version m_postgres;
};

} // namespace omu

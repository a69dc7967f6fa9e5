#pragma once

#include "Detector.h"

#include <QStringList>

namespace omu {

class SpecReader;

// `db-rows`: rows of the metadata database that a release treats differently, counted and
// named, e.g. policies that use EditTags (split in 1.6) or custom properties whose names
// 1.13 rejects. The entry gives one query per engine (`mysql`, `postgres`), run for each
// of `tables` that exists ({table} is that table, {table:other} another one, both quoted
// for the engine); the first column of each row names it. `what` is the singular and
// plural of what a row is, `message` what the rows have in common. The queries run in a
// read-only transaction.
class DatabaseRowsDetector : public Detector
{
public:
    static constexpr int namesShown = 10;

    static Result<std::shared_ptr<Detector>> create(SpecReader& reader);

    QString type() const override { return QStringLiteral("db-rows"); }
    Needs needs() const override { return Needs::Database; }
    DetectorFindings run(const DetectorContext& context) const override;

private:
    QStringList m_tables;
    QString m_mysql;
    QString m_postgres;
    QString m_singular;
    QString m_plural;
    QString m_message;
    bool m_showTable = false;
};

} // namespace omu

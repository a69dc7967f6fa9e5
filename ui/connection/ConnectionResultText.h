#pragma once

#include "connection/ConnectionFailure.h"
#include "connection/InspectionReport.h"

#include <QString>

namespace omu::ui::connectiontext {

// A failed test: what went wrong by kind, what to do, what the server said.
QString failureHtml(const ConnectionFailure& failure);
// A good test: the OpenMetadata version, the server, schema, tables, privileges, warnings.
QString successHtml(const InspectionReport& report);

} // namespace omu::ui::connectiontext

#pragma once

// The journal's step and event names, the one place writers (the recorders) and readers
// (JournalProgress, the gate, the report) take them from. They are on disk in every
// user's journal: never rename one, only add (see core/journal/JOURNAL.md).
namespace omu::journal {

namespace step {
inline constexpr char backup[] = "backup";
inline constexpr char tuning[] = "tuning";
inline constexpr char review[] = "review";
inline constexpr char migration[] = "migration";
inline constexpr char after[] = "after";
inline constexpr char rollback[] = "rollback";
} // namespace step

namespace event {
// backup
inline constexpr char verified[] = "verified";
inline constexpr char acknowledged[] = "acknowledged";
inline constexpr char restored[] = "restored";
// tuning
inline constexpr char applying[] = "applying";
inline constexpr char applied[] = "applied";
inline constexpr char applyFailed[] = "apply-failed";
inline constexpr char reverted[] = "reverted";
inline constexpr char revertFailed[] = "revert-failed";
inline constexpr char skipped[] = "skipped";
// review
inline constexpr char completed[] = "completed";
// migration
inline constexpr char started[] = "started";
inline constexpr char finished[] = "finished";
inline constexpr char repair[] = "repair";
// after ("verified" as above)
inline constexpr char verifyFailed[] = "verify-failed";
inline constexpr char serverVersion[] = "server-version";
inline constexpr char reindex[] = "reindex";
inline constexpr char ingestionCommands[] = "ingestion-commands";
inline constexpr char tuningRevert[] = "tuning-revert";
inline constexpr char report[] = "report";
// rollback ("started", "verified", "finished" as above)
inline constexpr char built[] = "built";
inline constexpr char swapped[] = "swapped";
} // namespace event

} // namespace omu::journal

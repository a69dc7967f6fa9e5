#!/usr/bin/env bash
# Everything the wizard and the command line record goes through core's recorders
# (core/*/*Recorder, names in core/journal/JournalNames.h). This fails, naming file:line,
# when a file in ui/ or app/ touches the journal itself:
#   - the journal class (UpgradeJournal), its append or its raw entries (->data, .event,
#     the tuning change's JSON);
#   - a step or event name spelled as a string literal next to a journal call, a step or
#     an event;
#   - in ui/, the journal's file or JSON parsed by hand (pages read JournalProgress).
# and when a reader in core outside core/journal spells a name instead of JournalNames.h.
# Usage: check_journal_use.sh <source root>
set -euo pipefail
root=${1:?usage: check_journal_use.sh <source root>}
names="$root/core/journal/JournalNames.h"
[ -f "$names" ] || { echo "no $names" >&2; exit 2; }

# Every name the header defines: inline constexpr char x[] = "name";
mapfile -t all < <(sed -n 's/.*constexpr char [A-Za-z]*\[\] = "\([^"]*\)";.*/\1/p' "$names" | sort -u)
[ ${#all[@]} -ge 10 ] || { echo "could not read the names from $names" >&2; exit 2; }

failures=0
flag() {
    echo "$1: $2" >&2
    failures=$((failures + 1))
}

# One pattern for every name: a quoted name after a journal call, a step or an event.
alternation=$(IFS='|'; echo "${all[*]}")
named="(append|latest|record|[Ee]vent|[Ss]tep)\\b[^;]*\"($alternation)\""
direct='\bUpgradeJournal\b|journal/JournalNames\.h|\bjournal::(step|event)::|(->|\.)data\.value\(|(->|\.)(event|step)\b|tuningChange\('

while IFS= read -r hit; do
    flag "${hit%%:*}:$(cut -d: -f2 <<<"$hit")" "uses the journal directly (${hit#*:*:}); go through a recorder in core"
done < <(cd "$root" && grep -rnE "$direct" --include='*.cpp' --include='*.h' ui app || true)
while IFS= read -r hit; do
    flag "${hit%%:*}:$(cut -d: -f2 <<<"$hit")" "spells a journal name (${hit#*:*:}); use the step's recorder or JournalProgress"
done < <(cd "$root" && grep -rnE "$named" --include='*.cpp' --include='*.h' ui app || true)
while IFS= read -r hit; do
    flag "${hit%%:*}:$(cut -d: -f2 <<<"$hit")" "parses the journal by hand (${hit#*:*:}); read it through JournalProgress"
done < <(cd "$root" && grep -rnE 'journal\.jsonl|QJsonDocument' --include='*.cpp' --include='*.h' ui || true)
# Readers in core compare against the header's constants too (comment lines aside).
while IFS= read -r hit; do
    flag "${hit%%:*}:$(cut -d: -f2 <<<"$hit")" "spells a journal name (${hit#*:*:}); use journal::step / journal::event"
done < <(cd "$root" && grep -rnE "$named" --include='*.cpp' --include='*.h' core \
    | grep -v '^core/journal/' | grep -vE '^[^:]+:[0-9]+:[[:space:]]*//' || true)

if [ "$failures" -gt 0 ]; then
    echo "$failures place(s) read or write the journal themselves." >&2
    exit 1
fi
echo "ui/ and app/: no journal writes or parsing; core: names from JournalNames.h (${#all[@]} names checked)."

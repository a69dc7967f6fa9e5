#!/usr/bin/env bash
# check_journal_use.sh must fail on each kind of fault it claims to find: each case below
# injects one into a copy of the tree and expects a failure naming the file, then a clean
# copy must pass. Usage: check_journal_use_selftest.sh <source root>
set -euo pipefail
root=${1:?usage: check_journal_use_selftest.sh <source root>}
check="$(dirname "$0")/check_journal_use.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fresh_copy() {
    rm -rf "$work/tree"
    mkdir -p "$work/tree"
    cp -r "$root/core" "$root/ui" "$root/app" "$work/tree/"
}

expect() { # <name> <file relative to the tree> <line to append>
    fresh_copy
    printf '%s\n' "$3" >>"$work/tree/$2"
    if out=$(bash "$check" "$work/tree" 2>&1); then
        echo "FAIL $1: the check passed with: $3" >&2
        exit 1
    fi
    grep -q "^$2:" <<<"$out" || { echo "FAIL $1: the failure does not name $2: $out" >&2; exit 1; }
    echo "ok   $1"
}

fresh_copy
bash "$check" "$work/tree" >/dev/null || { echo "FAIL: the clean tree does not pass" >&2; exit 1; }
echo "ok   clean tree passes"

expect "append in a page" ui/review/ReviewPage.cpp \
    'static void f(Journal& j) { j.append(QStringLiteral("review"), QStringLiteral("completed"), {}); }'
expect "journal class in the CLI" app/cli/AfterCommand.cpp '#include "journal/UpgradeJournal.h"'
expect "event name next to an event" app/cli/AfterCommand.cpp \
    'static bool g(const E& e) { return e.event == QLatin1String("verified"); }'
expect "page parses the journal file" ui/after/AfterPage.cpp \
    'static auto h(const QString& d) { return QJsonDocument::fromJson(readAll(d + "/journal.jsonl")); }'
expect "core reader spells a name" core/report/ReportStepsRun.cpp \
    'static bool k(const E& entry) { return entry.event == QLatin1String("swapped"); }'
echo "check_journal_use.sh fails on every fault it names."

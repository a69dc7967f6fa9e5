#!/usr/bin/env bash
# Benchmark of omupgrade's rollback against the stock tools, in one run, on the same
# OpenMetadata-shaped database: builds a fixture of the given size on throwaway MariaDB
# and PostgreSQL servers (like scripts/test), takes omupgrade's backup of it, then times
#   omupgrade rollback (build beside on two connections, verify every table, swap, check)
#   psql replaying a plain pg_dump into an empty database      (PostgreSQL)
#   mariadb replaying mariadb-dump's output into an empty one  (MariaDB)
# and prints seconds, peak resident memory (/usr/bin/time -v) and the ratios. The dumps
# themselves are taken before and not timed: a rollback starts from a backup too.
#
#   bench/rollback.sh [--megabytes N] [--engines postgres,mysql] [--rounds N] [--build-dir DIR]
#
# Each tool runs --rounds times (default 2), the two taking turns, each from a settled
# server (PostgreSQL: VACUUM ANALYZE and CHECKPOINT first, so neither pays for the other's
# or the fixture's writes); the ratios compare the fastest round of each.
# Targets (issue 15): rollback faster than both replays; peak RSS under 64 MB.
usage_lines=2,17p
rounds_default=2
source "$(dirname "$0")/lib/bench.sh"
[ "$rounds" -ge 1 ] 2>/dev/null || rounds=1
stopped=http://127.0.0.1:9 # nothing listens: the OpenMetadata server counts as stopped

bench_postgres() {
    local h p u conn r
    postgres_connection
    omu_log "postgres: building a ${megabytes} MB fixture"
    "$fixture" "${conn[@]}" --database bench_src --create-database --megabytes "$megabytes" --seed 1 >/dev/null 2>&1
    mkdir -p "$work/pg"
    "$omupgrade" backup "${conn[@]}" --database bench_src --output "$work/pg" --filename ours.sql >/dev/null 2>&1
    pg_dump -h "$h" -p "$p" -U "$u" -f "$work/pg/plain.sql" bench_src
    settle() {
        psql -X -q -h "$h" -p "$p" -U "$u" -d bench_src -c 'VACUUM (ANALYZE)' -c 'CHECKPOINT' >/dev/null
    }
    for ((r = 1; r <= rounds; r++)); do
        settle
        measure postgres "omupgrade rollback ($r)" "$omupgrade" rollback "${conn[@]}" --database bench_src \
            --input "$work/pg/ours.sql" --yes --keep-tuning --server-url "$stopped" \
            --data-folder "$work/data"
        PGOPTIONS='-c client_min_messages=warning' psql -X -q -h "$h" -p "$p" -U "$u" -d postgres \
            -c 'DROP DATABASE IF EXISTS bench_psql' \
            -c 'CREATE DATABASE bench_psql' >/dev/null
        settle
        measure postgres "psql -f (plain pg_dump) ($r)" psql -X -q -h "$h" -p "$p" -U "$u" -d bench_psql \
            -v ON_ERROR_STOP=1 -o /dev/null -f "$work/pg/plain.sql"
    done
    record postgres 'backup bytes' "$(stat -c %s "$work/pg/ours.sql")"
    rm -f "$work/pg/"*.sql
}

bench_mysql() {
    local h p u conn client r
    mysql_connection
    omu_log "mariadb: building a ${megabytes} MB fixture"
    "$fixture" "${conn[@]}" --database bench_src --create-database --megabytes "$megabytes" --seed 1 >/dev/null 2>&1
    mkdir -p "$work/my"
    "$omupgrade" backup "${conn[@]}" --database bench_src --output "$work/my" --filename ours.sql >/dev/null 2>&1
    mariadb-dump "${client[@]}" --single-transaction --result-file="$work/my/dump.sql" bench_src
    for ((r = 1; r <= rounds; r++)); do
        measure mariadb "omupgrade rollback ($r)" "$omupgrade" rollback "${conn[@]}" --database bench_src \
            --input "$work/my/ours.sql" --yes --keep-tuning --server-url "$stopped" \
            --data-folder "$work/data"
        mariadb "${client[@]}" -e 'DROP DATABASE IF EXISTS bench_client; CREATE DATABASE bench_client'
        measure mariadb "mariadb < (mariadb-dump) ($r)" sh -c 'exec mariadb "$@" < "$0"' "$work/my/dump.sql" \
            "${client[@]}" bench_client
    done
    record mariadb 'backup bytes' "$(stat -c %s "$work/my/ours.sql")"
    rm -f "$work/my/"*.sql
}

[[ $engines == *postgres* ]] && bench_postgres
[[ $engines == *mysql* ]] && bench_mysql

printf '\nomupgrade rollback benchmark, fixture of %s MB, %s, %s cores, %s\n\n' "$megabytes" \
    "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$("$omupgrade" --version)"
printf '%-9s %-32s %9s %12s\n' engine step seconds "peak RSS"
awk -F'\t' '$2 != "backup bytes" { printf "%-9s %-32s %9.1f %9.1f MB\n", $1, $2, $3, $4 / 1024 }' "$results"
printf '\nRatios of the fastest rounds (target < 1):\n'
[[ $engines == *postgres* ]] && printf '  postgres  omupgrade rollback / psql replaying pg_dump      = %s\n' \
    "$(ratio "$(best_seconds_of postgres 'omupgrade rollback')" "$(best_seconds_of postgres 'psql -f (plain pg_dump)')")"
[[ $engines == *mysql* ]] && printf '  mariadb   omupgrade rollback / mariadb replaying the dump = %s\n' \
    "$(ratio "$(best_seconds_of mariadb 'omupgrade rollback')" "$(best_seconds_of mariadb 'mariadb < (mariadb-dump)')")"
printf '  peak RSS of omupgrade rollback: %s MB (< 64)\n' \
    "$(peak_rss_of_ours)"
printf '\n"omupgrade rollback" builds the old state beside the live one on two connections,\nchecks every table'"'"'s lines against the manifest and reads every table back to compare\nit, swaps, and checks the schema again.\n'

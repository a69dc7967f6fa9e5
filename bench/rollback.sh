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
#   bench/rollback.sh [--megabytes N] [--engines postgres,mysql] [--build-dir DIR]
#
# Targets (issue 15): rollback faster than both replays; peak RSS under 64 MB.
usage_lines=2,13p
source "$(dirname "$0")/lib/bench.sh"
stopped=http://127.0.0.1:9 # nothing listens: the OpenMetadata server counts as stopped

bench_postgres() {
    local h p u conn
    postgres_connection
    omu_log "postgres: building a ${megabytes} MB fixture"
    "$fixture" "${conn[@]}" --database bench_src --create-database --megabytes "$megabytes" --seed 1 >/dev/null 2>&1
    psql -X -q -h "$h" -p "$p" -U "$u" -d postgres -c 'CREATE DATABASE bench_psql' >/dev/null
    mkdir -p "$work/pg"
    "$omupgrade" backup "${conn[@]}" --database bench_src --output "$work/pg" --filename ours.sql >/dev/null 2>&1
    pg_dump -h "$h" -p "$p" -U "$u" -f "$work/pg/plain.sql" bench_src
    measure postgres "omupgrade rollback" "$omupgrade" rollback "${conn[@]}" --database bench_src \
        --input "$work/pg/ours.sql" --yes --keep-tuning --server-url "$stopped" \
        --data-folder "$work/data"
    measure postgres "psql -f (plain pg_dump)" psql -X -q -h "$h" -p "$p" -U "$u" -d bench_psql \
        -v ON_ERROR_STOP=1 -o /dev/null -f "$work/pg/plain.sql"
    record postgres 'backup bytes' "$(stat -c %s "$work/pg/ours.sql")"
    rm -f "$work/pg/"*.sql
}

bench_mysql() {
    local h p u conn client
    mysql_connection
    omu_log "mariadb: building a ${megabytes} MB fixture"
    "$fixture" "${conn[@]}" --database bench_src --create-database --megabytes "$megabytes" --seed 1 >/dev/null 2>&1
    mariadb "${client[@]}" -e 'CREATE DATABASE bench_client'
    mkdir -p "$work/my"
    "$omupgrade" backup "${conn[@]}" --database bench_src --output "$work/my" --filename ours.sql >/dev/null 2>&1
    mariadb-dump "${client[@]}" --single-transaction --result-file="$work/my/dump.sql" bench_src
    measure mariadb "omupgrade rollback" "$omupgrade" rollback "${conn[@]}" --database bench_src \
        --input "$work/my/ours.sql" --yes --keep-tuning --server-url "$stopped" \
        --data-folder "$work/data"
    measure mariadb "mariadb < (mariadb-dump)" sh -c 'exec mariadb "$@" < "$0"' "$work/my/dump.sql" \
        "${client[@]}" bench_client
    record mariadb 'backup bytes' "$(stat -c %s "$work/my/ours.sql")"
    rm -f "$work/my/"*.sql
}

[[ $engines == *postgres* ]] && bench_postgres
[[ $engines == *mysql* ]] && bench_mysql

printf '\nomupgrade rollback benchmark, fixture of %s MB, %s, %s cores, %s\n\n' "$megabytes" \
    "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$("$omupgrade" --version)"
printf '%-9s %-28s %9s %12s\n' engine step seconds "peak RSS"
awk -F'\t' '$2 != "backup bytes" { printf "%-9s %-28s %9.1f %9.1f MB\n", $1, $2, $3, $4 / 1024 }' "$results"
printf '\nRatios (target < 1):\n'
[[ $engines == *postgres* ]] && printf '  postgres  omupgrade rollback / psql replaying pg_dump      = %s\n' \
    "$(ratio "$(seconds_of postgres 'omupgrade rollback')" "$(seconds_of postgres 'psql -f (plain pg_dump)')")"
[[ $engines == *mysql* ]] && printf '  mariadb   omupgrade rollback / mariadb replaying the dump = %s\n' \
    "$(ratio "$(seconds_of mariadb 'omupgrade rollback')" "$(seconds_of mariadb 'mariadb < (mariadb-dump)')")"
printf '  peak RSS of omupgrade rollback: %s MB (< 64)\n' \
    "$(peak_rss_of_ours)"
printf '\n"omupgrade rollback" builds the old state beside the live one on two connections,\nchecks every table'"'"'s lines against the manifest and reads every table back to compare\nit, swaps, and checks the schema again.\n'

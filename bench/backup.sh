#!/usr/bin/env bash
# Benchmark of omupgrade's backup and restore against the stock tools, in one run, on the
# same OpenMetadata-shaped database: builds a fixture of the given size on throwaway
# MariaDB and PostgreSQL servers (like scripts/test), then times
#   omupgrade backup | pg_dump --inserts | pg_dump (COPY) | mariadb-dump
#   omupgrade restore of our file | psql -f / mariadb < of the same file
#   omupgrade verify (quick) of our file
# and prints seconds, throughput, peak resident memory (/usr/bin/time -v) and the ratios
# the targets are about. Speed is measured here, never asserted in tests.
#
#   bench/backup.sh [--megabytes N] [--engines postgres,mysql] [--build-dir DIR]
#
# Targets: backup <= pg_dump --inserts (PostgreSQL) and <= mariadb-dump (MariaDB); our
# restore faster than psql -f / mariadb <; peak RSS of backup, verify, restore < 64 MB.
usage_lines=2,14p
source "$(dirname "$0")/lib/bench.sh"

bench_postgres() {
    local h p u conn
    postgres_connection
    omu_log "postgres: building a ${megabytes} MB fixture"
    "$fixture" "${conn[@]}" --database bench_src --create-database --megabytes "$megabytes" --seed 1 >"$work/fixture-pg.txt" 2>/dev/null
    for target in bench_ours bench_psql; do
        "$fixture" "${conn[@]}" --database "$target" --create-database --rows 1 --seed 2 >/dev/null 2>&1
    done
    psql -X -q -h "$h" -p "$p" -U "$u" -d bench_src -c 'VACUUM ANALYZE' >/dev/null
    pg_dump -h "$h" -p "$p" -U "$u" -f /dev/null bench_src # warm the caches for everyone
    mkdir -p "$work/pg"
    measure postgres "omupgrade backup" "$omupgrade" backup "${conn[@]}" --database bench_src \
        --output "$work/pg" --filename ours.sql
    measure postgres "pg_dump --inserts" pg_dump -h "$h" -p "$p" -U "$u" --inserts -f "$work/pg/inserts.sql" bench_src
    measure postgres "pg_dump (COPY)" pg_dump -h "$h" -p "$p" -U "$u" -f "$work/pg/copy.sql" bench_src
    measure postgres "omupgrade verify" "$omupgrade" verify --input "$work/pg/ours.sql"
    measure postgres "omupgrade restore" "$omupgrade" restore "${conn[@]}" --database bench_ours \
        --input "$work/pg/ours.sql" --yes
    measure postgres "psql -f (same file)" psql -X -q -h "$h" -p "$p" -U "$u" -d bench_psql \
        -v ON_ERROR_STOP=1 -o /dev/null -f "$work/pg/ours.sql"
    record postgres 'file bytes' "$(stat -c %s "$work/pg/ours.sql")"
    rm -f "$work/pg/"*.sql
}

bench_mysql() {
    local h p u conn client
    mysql_connection
    omu_log "mariadb: building a ${megabytes} MB fixture"
    "$fixture" "${conn[@]}" --database bench_src --create-database --megabytes "$megabytes" --seed 1 >"$work/fixture-my.txt" 2>/dev/null
    for target in bench_ours bench_client; do
        "$fixture" "${conn[@]}" --database "$target" --create-database --rows 1 --seed 2 >/dev/null 2>&1
    done
    mariadb-dump "${client[@]}" --single-transaction bench_src >/dev/null # warm the caches
    mkdir -p "$work/my"
    measure mariadb "omupgrade backup" "$omupgrade" backup "${conn[@]}" --database bench_src \
        --output "$work/my" --filename ours.sql
    measure mariadb "mariadb-dump" mariadb-dump "${client[@]}" --single-transaction \
        --result-file="$work/my/dump.sql" bench_src
    measure mariadb "omupgrade verify" "$omupgrade" verify --input "$work/my/ours.sql"
    measure mariadb "omupgrade restore" "$omupgrade" restore "${conn[@]}" --database bench_ours \
        --input "$work/my/ours.sql" --yes
    measure mariadb "mariadb < (same file)" sh -c 'exec mariadb "$@" < "$0"' "$work/my/ours.sql" \
        "${client[@]}" bench_client
    record mariadb 'file bytes' "$(stat -c %s "$work/my/ours.sql")"
    rm -f "$work/my/"*.sql
}

[[ $engines == *postgres* ]] && bench_postgres
[[ $engines == *mysql* ]] && bench_mysql

# The table.
printf '\nomupgrade backup benchmark, fixture of %s MB, %s, %s cores, SHA-256 via %s\n\n' "$megabytes" \
    "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$("$omupgrade" --version)"
printf '%-9s %-26s %9s %10s %12s\n' engine step seconds "MB/s*" "peak RSS"
for engine in postgres mariadb; do
    bytes=$(awk -F'\t' -v e="$engine" '$1 == e && $2 == "file bytes" {print $3}' "$results")
    [ -n "$bytes" ] || continue
    awk -F'\t' -v e="$engine" -v bytes="$bytes" '$1 == e && $2 != "file bytes" {
        mbs = ($3 > 0) ? bytes / 1048576 / $3 : 0
        printf "%-9s %-26s %9.1f %10.1f %9.1f MB\n", $1, $2, $3, mbs, $4 / 1024 }' "$results"
done
printf '* MB/s: the size of our backup file divided by the time, for every row alike.\n'
printf '\nRatios (target):\n'
if [[ $engines == *postgres* ]]; then
    printf '  postgres  backup  omupgrade / pg_dump --inserts = %s (<= 1)   omupgrade / pg_dump COPY = %s\n' \
        "$(ratio "$(seconds_of postgres 'omupgrade backup')" "$(seconds_of postgres 'pg_dump --inserts')")" \
        "$(ratio "$(seconds_of postgres 'omupgrade backup')" "$(seconds_of postgres 'pg_dump (COPY)')")"
    printf '  postgres  restore omupgrade / psql -f          = %s (< 1)\n' \
        "$(ratio "$(seconds_of postgres 'omupgrade restore')" "$(seconds_of postgres 'psql -f (same file)')")"
fi
if [[ $engines == *mysql* ]]; then
    printf '  mariadb   backup  omupgrade / mariadb-dump     = %s (<= 1)\n' \
        "$(ratio "$(seconds_of mariadb 'omupgrade backup')" "$(seconds_of mariadb 'mariadb-dump')")"
    printf '  mariadb   restore omupgrade / mariadb <        = %s (< 1)\n' \
        "$(ratio "$(seconds_of mariadb 'omupgrade restore')" "$(seconds_of mariadb 'mariadb < (same file)')")"
fi
printf '  peak RSS of omupgrade backup/verify/restore: %s MB (< 64)\n' \
    "$(peak_rss_of_ours)"
printf '\n"omupgrade backup" includes reading the file back against its manifest (a quick verify);\n"omupgrade verify" is that check alone.\n'

#!/usr/bin/env bash
# Benchmark of omupgrade's rollback against the stock tools, in one run, on the same
# OpenMetadata-shaped database: builds a fixture of the given size on throwaway MariaDB
# and PostgreSQL servers (like scripts/test), takes omupgrade's backup of it, then times
#   omupgrade rollback (build beside, verify every table, swap, check)
#   psql replaying a plain pg_dump into an empty database      (PostgreSQL)
#   mariadb replaying mariadb-dump's output into an empty one  (MariaDB)
# and prints seconds, peak resident memory (/usr/bin/time -v) and the ratios. The dumps
# themselves are taken before and not timed: a rollback starts from a backup too.
#
#   bench/rollback.sh [--megabytes N] [--engines postgres,mysql] [--build-dir DIR]
#
# Targets (issue 15): rollback faster than both replays; peak RSS under 64 MB.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/lib/common.sh"
source "$root/scripts/lib/servers.sh"

megabytes=1024
engines=postgres,mysql
build_dir=${OMU_BUILD_DIR:-"$root/build"}
while [ $# -gt 0 ]; do
    case "$1" in
        --megabytes) megabytes=$2; shift 2 ;;
        --engines) engines=$2; shift 2 ;;
        --build-dir) build_dir=$2; shift 2 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 64 ;;
    esac
done
omupgrade="$build_dir/app/omupgrade"
fixture="$build_dir/tests/support/fixture/omupgrade-fixture"
for tool in "$omupgrade" "$fixture"; do
    [ -x "$tool" ] || { omu_log "missing $tool: build first (cmake --build $build_dir)"; exit 1; }
done
for tool in /usr/bin/time pg_dump psql mariadb-dump mariadb; do
    command -v "$tool" >/dev/null || { omu_log "missing $tool"; exit 1; }
done

export OMU_SERVERS_DIR
OMU_SERVERS_DIR=$(mktemp -d /tmp/omupgrade-bench.XXXXXX)
chmod 755 "$OMU_SERVERS_DIR"
work="$OMU_SERVERS_DIR/work"
mkdir -p "$work"
trap omu_stop_servers EXIT
trap 'exit 130' INT TERM
[[ $engines == *mysql* ]] && omu_start_mariadb
[[ $engines == *postgres* ]] && omu_start_postgres

results="$work/results.tsv"
: >"$results"
stopped=http://127.0.0.1:9 # nothing listens: the OpenMetadata server counts as stopped

n=0
measure() {
    local engine=$1 label=$2; shift 2
    n=$((n + 1))
    local report="$work/time.$n"
    omu_log "$engine: $label"
    if ! /usr/bin/time -v -o "$report" "$@" >"$work/out.$n" 2>"$work/err.$n"; then
        omu_log "$label failed:"; tail -5 "$work/err.$n" >&2; tail -3 "$report" >&2
        exit 1
    fi
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$report" |
        awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$report")
    printf '%s\t%s\t%s\t%s\n' "$engine" "$label" "$wall" "$rss" >>"$results"
}

seconds_of() { awk -F'\t' -v e="$1" -v l="$2" '$1 == e && $2 == l {print $3}' "$results"; }

bench_postgres() {
    export PGPASSWORD=$OMU_TEST_PG_PASSWORD OMU_DB_PASSWORD=$OMU_TEST_PG_PASSWORD
    local h=$OMU_TEST_PG_HOST p=$OMU_TEST_PG_PORT u=$OMU_TEST_PG_USER
    local conn=(--engine postgres --host "$h" --port "$p" --user "$u")
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
    printf 'postgres\tbackup bytes\t%s\t\n' "$(stat -c %s "$work/pg/ours.sql")" >>"$results"
    rm -f "$work/pg/"*.sql
}

bench_mysql() {
    export MYSQL_PWD=$OMU_TEST_MARIADB_PASSWORD OMU_DB_PASSWORD=$OMU_TEST_MARIADB_PASSWORD
    local h=$OMU_TEST_MARIADB_HOST p=$OMU_TEST_MARIADB_PORT u=$OMU_TEST_MARIADB_USER
    local conn=(--engine mysql --host "$h" --port "$p" --user "$u")
    local client=(--no-defaults -h "$h" -P "$p" -u "$u" --default-character-set=utf8mb4)
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
    printf 'mariadb\tbackup bytes\t%s\t\n' "$(stat -c %s "$work/my/ours.sql")" >>"$results"
    rm -f "$work/my/"*.sql
}

[[ $engines == *postgres* ]] && bench_postgres
[[ $engines == *mysql* ]] && bench_mysql

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
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
    "$(awk -F'\t' '$2 ~ /^omupgrade/ && $4 > m {m = $4} END {printf "%.1f", m / 1024}' "$results")"
printf '\n"omupgrade rollback" checks the backup against its manifest, builds the old state beside\nthe live one, reads every table back to compare it, swaps, and checks the schema again.\n'

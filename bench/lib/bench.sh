# Shared by the database benchmarks (bench/backup.sh, bench/rollback.sh): options, tool
# checks, throwaway servers, and timing under /usr/bin/time -v into one results table.
# Source it after setting `usage_lines` (the script's help, as a sed range like 2,14p).
set -euo pipefail
bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$bench_root/scripts/lib/common.sh"
source "$bench_root/scripts/lib/servers.sh"

megabytes=1024
engines=postgres,mysql
rounds=${rounds_default:-1}
build_dir=${OMU_BUILD_DIR:-"$bench_root/build"}
while [ $# -gt 0 ]; do
    case "$1" in
        --megabytes) megabytes=$2; shift 2 ;;
        --engines) engines=$2; shift 2 ;;
        --build-dir) build_dir=$2; shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
        -h|--help) sed -n "$usage_lines" "$0"; exit 0 ;;
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

# measure <engine> <label> <command...>: runs it under /usr/bin/time -v, records seconds
# and peak RSS; stdout goes to $work/out.<n>, stderr to $work/err.<n>.
bench_runs=0
measure() {
    local engine=$1 label=$2; shift 2
    bench_runs=$((bench_runs + 1))
    local report="$work/time.$bench_runs"
    omu_log "$engine: $label"
    if ! /usr/bin/time -v -o "$report" "$@" >"$work/out.$bench_runs" 2>"$work/err.$bench_runs"; then
        omu_log "$label failed:"; tail -5 "$work/err.$bench_runs" >&2; tail -3 "$report" >&2
        exit 1
    fi
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$report" |
        awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$report")
    printf '%s\t%s\t%s\t%s\n' "$engine" "$label" "$wall" "$rss" >>"$results"
}

# record <engine> <label> <value>: a number that is not a timing (a file's size).
record() { printf '%s\t%s\t%s\t\n' "$1" "$2" "$3" >>"$results"; }
seconds_of() { awk -F'\t' -v e="$1" -v l="$2" '$1 == e && $2 == l {print $3}' "$results"; }
# The fastest of the rounds whose label starts with the given one ("omupgrade rollback (2)").
best_seconds_of() {
    awk -F'\t' -v e="$1" -v l="$2" '$1 == e && index($2, l) == 1 && (m == "" || $3 < m) {m = $3}
        END {print m}' "$results"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
peak_rss_of_ours() {
    awk -F'\t' '$2 ~ /^omupgrade/ && $4 > m {m = $4} END {printf "%.1f", m / 1024}' "$results"
}

# The connection of each engine's throwaway server, as omupgrade's options and the client's.
postgres_connection() {
    export PGPASSWORD=$OMU_TEST_PG_PASSWORD OMU_DB_PASSWORD=$OMU_TEST_PG_PASSWORD
    h=$OMU_TEST_PG_HOST p=$OMU_TEST_PG_PORT u=$OMU_TEST_PG_USER
    conn=(--engine postgres --host "$h" --port "$p" --user "$u")
}
mysql_connection() {
    export MYSQL_PWD=$OMU_TEST_MARIADB_PASSWORD OMU_DB_PASSWORD=$OMU_TEST_MARIADB_PASSWORD
    h=$OMU_TEST_MARIADB_HOST p=$OMU_TEST_MARIADB_PORT u=$OMU_TEST_MARIADB_USER
    conn=(--engine mysql --host "$h" --port "$p" --user "$u")
    client=(--no-defaults -h "$h" -P "$p" -u "$u" --default-character-set=utf8mb4)
}

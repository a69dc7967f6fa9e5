#!/usr/bin/env bash
# Benchmark of `omupgrade review` on a large deployment folder: generates N workflow YAMLs
# (the connectors the releases after 1.3 touched, some of them with old keys) and M files in
# a scripts folder (shell scripts, crontabs, systemd units, Dockerfiles, compose, CI,
# Kubernetes YAML, requirements, Python), then times the review 1.3.0 -> 2.0.10 of it with
# /usr/bin/time -v (wall clock and peak resident memory) a few times, and prints the best
# and worst run next to two baselines measured in the same run on the same files:
# `cat` of every file (reading them) and one `grep -E` over them (one pattern, where the
# review applies every entry's). Speed is measured here, never asserted in tests.
#
#   bench/review.sh [--workflows N] [--scripts M] [--runs R] [--build-dir DIR] [--keep]
#
# Target: under 2 s and 100 MB for 1,000 workflows and 5,000 scripts.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/lib/common.sh"

workflows=1000
scripts=5000
runs=3
keep=false
build_dir=${OMU_BUILD_DIR:-"$root/build"}
while [ $# -gt 0 ]; do
    case "$1" in
        --workflows) workflows=$2; shift 2 ;;
        --scripts) scripts=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --build-dir) build_dir=$2; shift 2 ;;
        --keep) keep=true; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 64 ;;
    esac
done
omupgrade="$build_dir/app/omupgrade"
[ -x "$omupgrade" ] || { omu_log "missing $omupgrade: build first (cmake --build $build_dir)"; exit 1; }
for tool in /usr/bin/time python3 grep; do
    command -v "$tool" >/dev/null || { omu_log "missing $tool"; exit 1; }
done

work=$(mktemp -d /tmp/omupgrade-bench-review.XXXXXX)
$keep || trap 'rm -rf "$work"' EXIT
omu_log "generating $workflows workflows and $scripts scripts in $work"
python3 - "$work" "$workflows" "$scripts" <<'PY'
import os, random, sys
work, nworkflows, nscripts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(1)
wf_dir = os.path.join(work, "workflows"); sc_dir = os.path.join(work, "scripts")
os.makedirs(wf_dir); os.makedirs(sc_dir)
connectors = [
    ("tableau", "Tableau", "DashboardMetadata", "hostPort: https://tableau.example.com\n      siteName: analytics",
     "dbServiceNames:\n        - redshift_prod"),
    ("redshift", "Redshift", "DatabaseMetadata", "hostPort: rs.example.com:5439\n      username: om\n      password: ${RS_PASSWORD}",
     "overrideViewLineage: true"),
    ("redshift", "Redshift", "Profiler", "hostPort: rs.example.com:5439\n      username: om\n      authType:\n        password: x",
     "profileSample: 20\n      generateSampleData: true"),
    ("databricks", "Databricks", "DatabaseMetadata", "scheme: databricks+connector\n      hostPort: adb.example.net:443\n      token: x",
     "includeViews: true"),
    ("dbtcloud", "DBTCloud", "PipelineMetadata", "host: https://cloud.getdbt.com\n      accountId: \"1\"\n      jobId: \"2\"\n      token: x",
     "includeOwners: true"),
    ("mysql", "Mysql", "DatabaseMetadata", "hostPort: db:3306\n      username: om\n      authType:\n        password: x",
     "markDeletedTables: true"),
    ("snowflake", "Snowflake", "DatabaseMetadata", "account: acme\n      username: om\n      password: x\n      warehouse: WH",
     "includeTags: true\n      includeViews: true"),
]
for i in range(nworkflows):
    kind, ctype, stype, conn, extra = connectors[i % len(connectors)]
    tables = "\n".join(f"          - ^sales_{i}_{t}$" for t in range(random.randint(2, 12)))
    with open(os.path.join(wf_dir, f"{kind}_{i:05d}.yaml"), "w") as f:
        f.write(f"""source:
  type: {kind}
  serviceName: {kind}_{i}
  serviceConnection:
    config:
      type: {ctype}
      {conn}
  sourceConfig:
    config:
      type: {stype}
      {extra}
      tableFilterPattern:
        includes:
{tables}
sink:
  type: metadata-rest
  config: {{}}
workflowConfig:
  loggerLevel: INFO
  openMetadataServerConfig:
    hostPort: http://openmetadata:8585/api
    authProvider: openmetadata
    securityConfig:
      jwtToken: ${{OM_JWT}}
""")
filler = "\n".join(f"echo step {n}: rsync -a /data/in/{n} /data/out/{n} && sleep 1" for n in range(40))
kinds = [
    ("jobs/job_{i}.sh", "#!/usr/bin/env bash\nset -euo pipefail\n" + filler + "\n{hit}\n"),
    ("cron.d/job_{i}", "# m h dom mon dow user command\n" + "\n".join(f"{m} 2 * * * etl /opt/etl/run_{m}.sh" for m in range(30)) + "\n{hit}\n"),
    ("units/job_{i}.service", "[Unit]\nDescription=job {i}\n\n[Service]\nUser=etl\nExecStart=/opt/etl/run.sh\n{hit}\n"),
    ("images/job_{i}/Dockerfile", "FROM python:3.11-slim\nRUN apt-get update && apt-get install -y curl\nCOPY . /app\n{hit}\n"),
    ("k8s/job_{i}.yaml", "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: job-{i}\nspec:\n  schedule: \"0 3 * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: job\n              image: registry.example.com/etl:{i}\n              command: [\"/bin/sh\", \"-c\", \"{hit}\"]\n"),
    ("reqs/requirements_{i}.txt", "requests==2.32.4\npandas==2.1.4\nsqlalchemy==2.0.30\n{hit}\n"),
    ("dags/dag_{i}.py", "\"\"\"DAG {i}.\"\"\"\nfrom airflow import DAG\n\n" + "\n".join(f"def task_{n}():\n    return {n}\n" for n in range(25)) + "\n# {hit}\n"),
]
hits = ["metadata backup -u om -H mysql -d openmetadata_db", "./bootstrap/bootstrap_storage.sh migrate-all",
        "pip install openmetadata-ingestion==1.3.1.0", "curl http://om/api/v1/tables?fields=owner", "true", "true", "true"]
for i in range(nscripts):
    path, template = kinds[i % len(kinds)]
    full = os.path.join(sc_dir, path.format(i=i))
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(template.replace("{i}", str(i)).replace("{hit}", hits[random.randrange(len(hits))]))
with open(os.path.join(sc_dir, "docker-compose.yml"), "w") as f:
    f.write("services:\n  openmetadata-server:\n    image: docker.getcollate.io/openmetadata/server:1.3.0\n    deploy:\n      replicas: 2\n")
PY
bytes=$(du -sb "$work/workflows" "$work/scripts" | awk '{s += $1} END {print s}')
files=$(find "$work/workflows" "$work/scripts" -type f | wc -l)

# measure <label> <command...>: wall seconds and peak RSS (kB) of one run.
measure() {
    local label=$1; shift
    local report="$work/time.txt"
    if ! /usr/bin/time -v -o "$report" "$@" >"$work/out.txt" 2>"$work/err.txt"; then
        # review exits 1 or 2 when it finds something: that is its answer, not a failure
        local code; code=$(awk -F': ' '/Exit status/ {print $2}' "$report")
        if [[ $label != review* || $code -gt 2 ]]; then
            omu_log "$label failed:"; tail -5 "$work/err.txt" >&2; exit 1
        fi
    fi
    local wall rss cpu
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$report" |
        awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$report")
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$report")
    printf '%s\t%s\t%s\t%s\n' "$label" "$wall" "$rss" "$cpu" >>"$work/results.tsv"
}

: >"$work/results.tsv"
review=("$omupgrade" review --from 1.3.0 --to 2.0.10 --workflows "$work/workflows" --scripts "$work/scripts" --json)
"${review[@]}" >/dev/null 2>&1 || true # warm the page cache for everyone
for _ in $(seq "$runs"); do
    measure "review 1.3.0 -> 2.0.10" "${review[@]}"
    measure "cat every file" sh -c 'find "$0" -type f -exec cat {} + >/dev/null' "$work"
    measure "grep -rE one pattern" sh -c 'grep -rIE "metadata +(backup|restore)" "$0" >/dev/null || true' "$work"
done
"${review[@]}" >"$work/report.json" 2>/dev/null || true
findings=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["findings"]), "findings,", len(d["problems"]), "problems")' "$work/report.json")

printf '\nomupgrade review benchmark: %s workflows + %s scripts (%s files, %.1f MB), %s, %s cores, %s\n' \
    "$workflows" "$scripts" "$files" "$(awk -v b="$bytes" 'BEGIN {print b / 1048576}')" \
    "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$("$omupgrade" --version)"
printf 'review result: %s\n\n' "$findings"
printf '%-24s %10s %10s %10s %14s\n' step "best s" "worst s" "cpu s" "peak RSS MB"
awk -F'\t' '{ n = $1; if (!(n in best) || $2 < best[n]) { best[n] = $2; cpu[n] = $4 } if ($2 > worst[n]) worst[n] = $2;
              if ($3 > rss[n]) rss[n] = $3; if (!(n in seen)) { seen[n] = 1; order[++count] = n } }
     END { for (i = 1; i <= count; ++i) { n = order[i]; printf "%-24s %10.2f %10.2f %10.2f %14.1f\n", n, best[n], worst[n], cpu[n], rss[n] / 1024 } }' \
    "$work/results.tsv"
awk -F'\t' '{ if (!($1 in best) || $2 < best[$1]) best[$1] = $2 }
     END { r = best["review 1.3.0 -> 2.0.10"]; c = best["cat every file"]; g = best["grep -rE one pattern"];
           printf "\nratios (best runs): review / cat = %.1f, review / grep = %.1f\n", (c > 0 ? r / c : 0), (g > 0 ? r / g : 0) }' \
    "$work/results.tsv"
printf 'cpu s: user + system time of the best run; on a loaded machine the wall clock also\n'
printf 'counts the time the review waited for a core. Load average now: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'targets: review under 2 s and under 100 MB peak RSS\n'

#!/usr/bin/env bash
# Starts a MariaDB or PostgreSQL server of a test's own in the folder $2 (which must not
# exist yet), for a test that freezes server processes with SIGSTOP: the shared servers
# scripts/test started are never disturbed. Usage: throwaway-server.sh mariadb|postgres DIR
# prints three lines: port, password of the admin account omu_admin, the server's pid
# (mysqld, or PostgreSQL's postmaster); throwaway-server.sh stop DIR thaws and stops it
# and removes DIR. scripts/test's cleanup stops any left below $OMU_SERVERS_DIR/throwaway-*.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../scripts/lib/common.sh"
source "$here/../../scripts/lib/servers.sh"
engine=$1
export OMU_SERVERS_DIR=$2
if [ "$engine" = stop ]; then
    for pidfile in "$OMU_SERVERS_DIR/mariadb/run/mysqld.pid" \
        "$OMU_SERVERS_DIR/postgres/data/postmaster.pid"; do
        [ -f "$pidfile" ] || continue
        pid=$(head -1 "$pidfile")
        pkill -CONT -P "$pid" || true # a frozen backend would hold up the shutdown
        kill -CONT "$pid" || true
    done
    omu_stop_servers
    exit 0
fi
mkdir -p "$OMU_SERVERS_DIR"
chmod 755 "$OMU_SERVERS_DIR"
if [ "$engine" = mariadb ]; then
    # A small server: it only holds a small fixture.
    OMU_MARIADB_EXTRA_OPTIONS="--innodb-buffer-pool-size=32M --innodb-log-file-size=16M" \
        omu_start_mariadb >&2
    printf '%s\n%s\n%s\n' "$OMU_TEST_MARIADB_PORT" "$OMU_TEST_MARIADB_PASSWORD" \
        "$(cat "$OMU_SERVERS_DIR/mariadb/run/mysqld.pid")"
else
    omu_start_postgres >&2
    printf '%s\n%s\n%s\n' "$OMU_TEST_PG_PORT" "$OMU_TEST_PG_PASSWORD" \
        "$(head -1 "$OMU_SERVERS_DIR/postgres/data/postmaster.pid")"
fi

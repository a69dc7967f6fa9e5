#!/usr/bin/env bash
# Starts a MariaDB server of a test's own in the folder $1 (which must not exist yet), for
# a test that freezes it with SIGSTOP: the shared server scripts/test started is never
# disturbed. Prints three lines: port, admin password (user omu_admin), server pid. The
# caller stops it (kill the pid); scripts/test's cleanup kills any left below
# $OMU_SERVERS_DIR/throwaway-*.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../scripts/lib/common.sh"
source "$here/../../scripts/lib/servers.sh"
OMU_SERVERS_DIR=$1
mkdir -p "$OMU_SERVERS_DIR"
# A small server: it only has to hold a small fixture.
OMU_MARIADB_EXTRA_OPTIONS="--innodb-buffer-pool-size=32M --innodb-log-file-size=16M" \
    omu_start_mariadb >&2
printf '%s\n%s\n%s\n' "$OMU_TEST_MARIADB_PORT" "$OMU_TEST_MARIADB_PASSWORD" \
    "$(cat "$OMU_SERVERS_DIR/mariadb/run/mysqld.pid")"

# Throwaway MariaDB and PostgreSQL servers on free loopback ports, in data folders below
# $OMU_SERVERS_DIR. Source it; call omu_start_mariadb / omu_start_postgres, and make sure
# omu_stop_servers runs however the caller ends (trap it on EXIT).
#
# Exports for the tests:
#   OMU_TEST_MARIADB_{HOST,PORT,USER,PASSWORD}  an admin account with every privilege
#   OMU_TEST_PG_{HOST,PORT,USER,PASSWORD}       a superuser, password auth over TCP

omu_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

omu_random_password() {
    # Letters, digits and a few punctuation marks that need quoting in SQL and URLs.
    printf '%s' "Pw-$(head -c 18 /dev/urandom | base64 | tr -d '/+=' | head -c 20)'x\""
}

omu_wait_for() { # seconds command...
    local deadline=$((SECONDS + $1)); shift
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -ge $deadline ] && return 1
        sleep 0.2
    done
}

# Binary logging is on, as MySQL 8 has it by default: the review's 1.11 check of Airflow's
# MySQL database looks at it.
omu_start_mariadb() {
    local dir="$OMU_SERVERS_DIR/mariadb"
    mkdir -p "$dir/data" "$dir/run"
    local port; port=$(omu_free_port)
    local user; user=$(id -un)
    if ! mariadb-install-db --no-defaults --datadir="$dir/data" --user="$user" \
        --auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1; then
        omu_log "mariadb-install-db failed, see $dir/install.log"; tail -20 "$dir/install.log" >&2; return 1
    fi
    mariadbd --no-defaults --datadir="$dir/data" --user="$user" --bind-address=127.0.0.1 \
        --port="$port" --socket="$dir/run/mysqld.sock" --pid-file="$dir/run/mysqld.pid" \
        --log-error="$dir/error.log" --innodb-buffer-pool-size=256M --innodb-log-file-size=128M \
        --innodb-flush-log-at-trx-commit=2 --max-allowed-packet=256M \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        --log-bin="$dir/data/binlog" --server-id=1 \
        ${OMU_MARIADB_EXTRA_OPTIONS:-} >/dev/null 2>&1 &
    if ! omu_wait_for 60 mariadb --no-defaults --socket="$dir/run/mysqld.sock" -uroot -e 'SELECT 1'; then
        omu_log "MariaDB did not start, see $dir/error.log"; tail -20 "$dir/error.log" >&2; return 1
    fi
    local password; password=$(omu_random_password)
    local quoted=${password//\\/\\\\}; quoted=${quoted//\'/\'\'}
    mariadb --no-defaults --socket="$dir/run/mysqld.sock" -uroot <<SQL || return 1
CREATE USER 'omu_admin'@'%' IDENTIFIED BY '$quoted';
CREATE USER 'omu_admin'@'localhost' IDENTIFIED BY '$quoted';
GRANT ALL PRIVILEGES ON *.* TO 'omu_admin'@'%' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'omu_admin'@'localhost' WITH GRANT OPTION;
SQL
    export OMU_TEST_MARIADB_HOST=127.0.0.1 OMU_TEST_MARIADB_PORT=$port
    export OMU_TEST_MARIADB_USER=omu_admin OMU_TEST_MARIADB_PASSWORD=$password
    export OMU_TEST_MARIADB_SOCKET="$dir/run/mysqld.sock"
    omu_log "MariaDB $(mariadbd --version | awk '{print $3}') on 127.0.0.1:$port"
}

omu_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

# PostgreSQL refuses to run as root, so as root the server runs as the 'postgres' account.
omu_as_pg_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

omu_start_postgres() {
    local bin; bin=$(omu_pg_bin)
    [ -n "$bin" ] || { omu_log "PostgreSQL server binaries not found"; return 1; }
    local dir="$OMU_SERVERS_DIR/postgres"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    local port; port=$(omu_free_port)
    local password; password=$(omu_random_password)
    printf '%s\n' "$password" >"$dir/pwfile"
    chmod 600 "$dir/pwfile"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir/pwfile"
    if ! omu_as_pg_owner "$bin/initdb" -D "$dir/data" -U omu_admin --pwfile="$dir/pwfile" \
        --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
        omu_log "initdb failed, see $dir/initdb.log"; tail -20 "$dir/initdb.log" >&2; return 1
    fi
    rm -f "$dir/pwfile"
    if ! omu_as_pg_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c shared_buffers=128MB -c max_connections=200" \
        start >/dev/null; then
        omu_log "PostgreSQL did not start, see $dir/server.log"; tail -20 "$dir/server.log" >&2; return 1
    fi
    export OMU_TEST_PG_HOST=127.0.0.1 OMU_TEST_PG_PORT=$port
    export OMU_TEST_PG_USER=omu_admin OMU_TEST_PG_PASSWORD=$password
    export OMU_TEST_PG_SOCKET_DIR="$dir"
    omu_log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

omu_stop_servers() {
    local dir=${OMU_SERVERS_DIR:-}
    [ -n "$dir" ] && [ -d "$dir" ] || return 0
    # Servers a test started for itself (tests/support/throwaway-server.sh), should the test
    # have died before stopping them; their processes may be frozen (SIGSTOP).
    local extra pid
    for extra in "$dir"/throwaway-*/mariadb/run/mysqld.pid "$dir"/throwaway-*/postgres/data/postmaster.pid; do
        [ -f "$extra" ] || continue
        pid=$(head -1 "$extra" 2>/dev/null)
        [ -n "$pid" ] || continue
        pkill -CONT -P "$pid" 2>/dev/null || true
        kill -CONT "$pid" 2>/dev/null || true
        pkill -KILL -P "$pid" 2>/dev/null || true
        kill -KILL "$pid" 2>/dev/null || true
    done
    if [ -f "$dir/postgres/data/postmaster.pid" ]; then
        omu_as_pg_owner "$(omu_pg_bin)/pg_ctl" -D "$dir/postgres/data" -m immediate -w -t 30 stop \
            >/dev/null 2>&1 || true
    fi
    if [ -f "$dir/mariadb/run/mysqld.pid" ]; then
        local pid; pid=$(cat "$dir/mariadb/run/mysqld.pid" 2>/dev/null)
        if [ -n "$pid" ]; then
            kill "$pid" 2>/dev/null
            local i
            for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -9 "$pid" 2>/dev/null || true
        fi
    fi
    rm -rf "$dir"
}

#!/usr/bin/env bash
# A disposable PostgreSQL cluster on a free loopback port, for the test suite.
#
#   eval "$(scripts/pg-throwaway.sh start)"   # sets PG_THROWAWAY_DIR and DATABASE_URL
#   scripts/pg-throwaway.sh stop "$PG_THROWAWAY_DIR"
#
# `start` prints two shell assignments on stdout (everything else goes to stderr):
#   PG_THROWAWAY_DIR=/tmp/kuzbas-pg.XXXXXX
#   DATABASE_URL=postgres://kuzbas:<random>@127.0.0.1:<port>/kuzbas
# The role is a superuser: pytest-django creates test_kuzbas beside it, and the secret-ballot
# tests read raw pages with pageinspect.
# `stop` shuts the cluster down and deletes its folder; it is safe to call twice.
#
# initdb and postgres refuse to run as root, so as root the cluster belongs to the `postgres`
# system user (created by Debian's postgresql package) and lives under /tmp, which that user can
# reach even when the checkout sits in root's private home.
# Binaries: $PG_BIN if set, else the newest /usr/lib/postgresql/<version>/bin, else pg_config/PATH.
set -euo pipefail

log() { echo "pg-throwaway: $*" >&2; }
die() { log "$*"; exit 1; }

find_bin() {
    if [[ -n "${PG_BIN:-}" ]]; then
        echo "$PG_BIN"
        return
    fi
    local newest
    newest="$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' 2>/dev/null \
        | sort -V | tail -n 1)"
    if [[ -n "$newest" ]]; then
        dirname "$newest"
    elif command -v pg_config >/dev/null && [[ -x "$(pg_config --bindir)/initdb" ]]; then
        pg_config --bindir
    elif command -v initdb >/dev/null; then
        dirname "$(command -v initdb)"
    else
        die "no PostgreSQL server binaries found (apt-get install postgresql, or set PG_BIN)."
    fi
}

# as_owner CMD...: run a command as the cluster's owner (ourselves, or postgres when we are root).
# From /, because postgres may not be allowed into the caller's folder (root's private home).
as_owner() {
    if [[ "$(id -u)" -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
    local bin dir port password attempt
    bin="$(find_bin)"
    if [[ "$(id -u)" -eq 0 ]]; then
        getent passwd postgres >/dev/null \
            || die "running as root, and there is no 'postgres' user to own the cluster."
        command -v runuser >/dev/null || die "running as root, and runuser is missing (util-linux)."
    fi

    dir="${1:-}"
    if [[ -z "$dir" ]]; then
        dir="$(mktemp -d "${TMPDIR:-/tmp}/kuzbas-pg.XXXXXX")"
    else
        mkdir -p "$dir"
        [[ -z "$(ls -A "$dir")" ]] || die "$dir is not empty; give a new or empty folder."
        dir="$(cd "$dir" && pwd)"
    fi
    touch "$dir/.kuzbas-pg-throwaway"   # stop deletes only folders carrying this mark
    [[ "$(id -u)" -eq 0 ]] && chown -R postgres: "$dir"
    chmod 700 "$dir"

    password="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
    printf '%s\n' "$password" >"$dir/superuser-password"
    [[ "$(id -u)" -eq 0 ]] && chown postgres: "$dir/superuser-password"

    log "initdb with $bin into $dir"
    as_owner "$bin/initdb" --pgdata="$dir/data" --username=postgres --encoding=UTF8 --locale=C \
        --auth-local=trust --auth-host=scram-sha-256 --pwfile="$dir/superuser-password" \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; stop "$dir"; die "initdb failed."; }

    # The port is free when we look; another process may take it before postgres binds. Retry.
    for attempt in 1 2 3 4 5; do
        port="$(free_port)"
        # Durability is pointless for a cluster that is deleted after the run; speed is not.
        if as_owner "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait \
            --timeout=60 start --options="-c listen_addresses=127.0.0.1 -c port=$port \
            -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off \
            -c full_page_writes=off -c max_connections=100" >&2; then
            break
        fi
        log "start on port $port failed (attempt $attempt); server log:"
        tail -n 20 "$dir/server.log" >&2 || true
        port=""
    done
    [[ -n "$port" ]] || { stop "$dir"; die "could not start PostgreSQL."; }
    echo "$port" >"$dir/port"

    local ready=""
    for _ in $(seq 1 60); do
        if as_owner "$bin/pg_isready" --host="$dir" --port="$port" --quiet; then
            ready=yes
            break
        fi
        sleep 0.5
    done
    [[ -n "$ready" ]] || { stop "$dir"; die "PostgreSQL did not become ready on port $port."; }

    password="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
    as_owner "$bin/psql" --host="$dir" --port="$port" --username=postgres --dbname=postgres \
        --quiet --no-psqlrc --set=ON_ERROR_STOP=1 >&2 <<SQL || { stop "$dir"; die "could not create the role and database."; }
-- A superuser: the secret-ballot tests read every table's raw pages, dead tuples included,
-- which pageinspect allows only a superuser (tests/meetings/test_secret_box_on_disk.py).
CREATE ROLE kuzbas LOGIN CREATEDB SUPERUSER PASSWORD '$password';
CREATE DATABASE kuzbas OWNER kuzbas;
SQL

    log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$port"
    echo "PG_THROWAWAY_DIR=$dir"
    echo "DATABASE_URL=postgres://kuzbas:$password@127.0.0.1:$port/kuzbas"
}

stop() {
    local dir="${1:-${PG_THROWAWAY_DIR:-}}"
    [[ -n "$dir" ]] || die "stop needs the folder printed by start (or PG_THROWAWAY_DIR)."
    [[ -d "$dir" ]] || { log "$dir is already gone."; return 0; }
    [[ -f "$dir/.kuzbas-pg-throwaway" ]] || die "$dir was not made by pg-throwaway.sh; not touching it."
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        local bin
        bin="$(find_bin)"
        if ! as_owner "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait --timeout=30 \
            stop >/dev/null 2>&1; then
            # pg_ctl could not do it; end the postmaster by the id it recorded, and only that one.
            local pid
            pid="$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)"
            [[ "$pid" =~ ^[0-9]+$ ]] && kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -rf -- "$dir"
    log "stopped and deleted $dir"
}

case "${1:-}" in
    start) shift; start "$@" ;;
    stop) shift; stop "$@" ;;
    *) echo "usage: $0 start [EMPTY_DIR] | stop [DIR]" >&2; exit 2 ;;
esac

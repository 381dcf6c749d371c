#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 cluster, then removes it.
#   tools/with-postgres.sh COMMAND [ARGS...]
# The cluster lives in a temp dir, listens on a unix socket only, runs with
# fsync=off, and is stopped and deleted on exit, failure or interrupt.
# Exported to COMMAND: PGHOST PGPORT PGUSER PGDATABASE PGKEEL_TEST_PGBIN.
# initdb refuses root, so as root the server runs as the `postgres` user.
set -euo pipefail

pgbin="${PGKEEL_PGBIN:-}"
if [[ -z "$pgbin" ]]; then
    for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        [[ -x "$d/initdb" ]] && { pgbin="$d"; break; }
    done
fi
[[ -x "$pgbin/initdb" ]] || { echo "with-postgres: initdb not found (install postgresql-15)" >&2; exit 1; }

dir="$(mktemp -d /tmp/pgkeel-pg.XXXXXX)"
chmod 755 "$dir"
as_pg=()
if [[ "$(id -u)" == 0 ]]; then
    chown postgres: "$dir"
    as_pg=(runuser -u postgres --)
fi
port="${PGKEEL_TEST_PORT:-5432}"

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -f "$dir/pgbouncer.pid" ]]; then
        kill "$(cat "$dir/pgbouncer.pid")" >/dev/null 2>&1 || true
    fi
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        "${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${as_pg[@]}" "$pgbin/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
# A password role for authentication-failure tests; everyone else is trusted.
printf 'local all pgkeel_pw scram-sha-256\nlocal all all trust\n' >"$dir/data/pg_hba.conf"
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
    -o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" start \
    || { cat "$dir/server.log" >&2; exit 1; }

export PGHOST="$dir" PGPORT="$port" PGUSER=postgres PGDATABASE=postgres PGKEEL_TEST_PGBIN="$pgbin"
# Roles the test schemas grant to and own objects as.
"$pgbin/psql" -qX -v ON_ERROR_STOP=1 -c "CREATE ROLE app_reader NOLOGIN; CREATE ROLE app_writer NOLOGIN; CREATE ROLE app_owner NOLOGIN; CREATE ROLE pgkeel_pw LOGIN PASSWORD 'right-password';" >/dev/null
# A database that pgbouncer serves with a single server connection (below).
"$pgbin/psql" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE pgkeel_one_server" >/dev/null

# pgbouncer in transaction pooling mode in front of the cluster, for the
# pooler tests (PGKEEL_TEST_PGBOUNCER: its conninfo without dbname). Every
# database gets a pool of 10 server connections, except pgkeel_one_server:
# one, so a client that wants a second one waits (up to query_wait_timeout).
pgbouncer_bin="$(command -v pgbouncer || echo /usr/sbin/pgbouncer)"
if [[ -x "$pgbouncer_bin" ]]; then
    bport=$((port + 1000))
    printf '"postgres" ""\n' >"$dir/userlist.txt"
    printf '%s\n' "[databases]" "pgkeel_one_server = host=$dir port=$port pool_size=1" "* = host=$dir port=$port" \
        "[pgbouncer]" "listen_addr =" "listen_port = $bport" "query_wait_timeout = 120" \
        "unix_socket_dir = $dir" "auth_type = trust" "auth_file = $dir/userlist.txt" "pool_mode = transaction" \
        "max_client_conn = 200" "default_pool_size = 10" "logfile = $dir/pgbouncer.log" "pidfile = $dir/pgbouncer.pid" \
        >"$dir/pgbouncer.ini"
    if [[ "$(id -u)" == 0 ]]; then chown postgres: "$dir/pgbouncer.ini" "$dir/userlist.txt"; fi
    if "${as_pg[@]}" "$pgbouncer_bin" -d "$dir/pgbouncer.ini" >"$dir/pgbouncer.out" 2>&1; then
        for _ in $(seq 50); do [[ -S "$dir/.s.PGSQL.$bport" ]] && break; sleep 0.1; done
        export PGKEEL_TEST_PGBOUNCER="host=$dir port=$bport user=postgres"
    else
        echo "with-postgres: pgbouncer did not start; pooler tests will fail" >&2
        cat "$dir/pgbouncer.out" >&2
    fi
fi

"$@"

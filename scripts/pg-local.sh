#!/usr/bin/env bash
# A throwaway local PostgreSQL server for tests and trying the services on PostgreSQL (README, "Running on PostgreSQL").
#
#   eval "$(scripts/pg-local.sh start)"   # initdb + pg_ctl in a new temp folder on a free 127.0.0.1 port;
#                                         # prints `export DATABASE_URL=... PG_LOCAL_DIR=...` for eval
#   scripts/pg-local.sh stop              # stops the server in $PG_LOCAL_DIR and deletes the folder
#
# Uses Debian's postgresql binaries (/usr/lib/postgresql/<version>/bin, newest first, or initdb on PATH). Run as
# root, the server runs as the unprivileged `postgres` user (else `nobody`), since PostgreSQL refuses to run as root.
# Authentication is `trust` on 127.0.0.1 only and the data lives in the temp folder: for tests, never for real data.
set -euo pipefail

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  echo "pg-local: no PostgreSQL server binaries (install Debian's postgresql: apt-get install -y postgresql)" >&2
  exit 1
}

# as_user CMD...: runs CMD as the unprivileged server user when we are root, else as ourselves.
as_user() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$PG_USER" -- "$@"
  else
    "$@"
  fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

cmd=${1:-}
case "$cmd" in
  start)
    bin=$(pg_bin)
    PG_USER=postgres
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then PG_USER=nobody; fi
    dir=$(mktemp -d "${TMPDIR:-/tmp}/pg-local.XXXXXX")
    chmod 700 "$dir"
    if [ "$(id -u)" = 0 ]; then chown "$PG_USER" "$dir"; fi
    port=$(free_port)
    as_user "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    # small and fast: loopback only, socket in the temp folder; synchronous_commit=off lets commits return before
    # their WAL flush, which loses nothing here: the crash tests kill the services, never the database (fsync stays on)
    as_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=300 -c synchronous_commit=off" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    as_user "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres eid
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/eid PG_LOCAL_DIR=$dir"
    ;;
  stop)
    dir=${2:-${PG_LOCAL_DIR:-}}
    if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then echo "pg-local: no server folder (PG_LOCAL_DIR)" >&2; exit 1; fi
    bin=$(pg_bin)
    PG_USER=$(stat -c %U "$dir")
    as_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: eval \"\$($0 start)\"  |  $0 stop [dir]" >&2
    exit 2
    ;;
esac

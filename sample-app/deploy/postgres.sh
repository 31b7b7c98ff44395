#!/usr/bin/env bash
# A throwaway PostgreSQL server for the guestbook, on loopback only: used by deploy/run.sh and by
# the sample's tests (io.jwsgi.sample.TestPostgres), so there is one place that knows how to start one.
#
#   postgres.sh start DIR PORT   # initdb into DIR/pgdata (first time), start on 127.0.0.1:PORT
#   postgres.sh stop DIR         # fast shutdown
#
# The first start creates the database "guestbook", owned by the superuser "guestbook" whose
# password is $PGPASSWORD (default "guestbook"); connections over TCP must give it (scram-sha-256).
# No Unix socket is opened, and the server listens on 127.0.0.1 only.
#
# The server binaries are taken from $PG_BIN, else the newest /usr/lib/postgresql/*/bin (Debian's
# "postgresql" package), else the directory of "initdb" on the PATH. PostgreSQL refuses to run as
# root, so as root the server runs as the user "postgres" (or "nobody" where there is none), through
# runuser, and DIR is handed to that user.
#
# Exit status: 0 started or stopped; 3 no PostgreSQL binaries found (callers skip and say so);
# anything else a failure, with the server's log on stderr.
set -euo pipefail

die() { echo "postgres.sh: $*" >&2; exit 1; }

find_bin() {
  if [ -n "${PG_BIN:-}" ]; then
    [ -x "$PG_BIN/initdb" ] || die "PG_BIN=$PG_BIN has no initdb"
    echo "$PG_BIN"; return
  fi
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
  done
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  echo "postgres.sh: no PostgreSQL server binaries (initdb, pg_ctl, postgres): install Debian's" \
    "postgresql package (apt-get install -y postgresql) or set PG_BIN" >&2
  exit 3
}

# Runs a command as the server's user: ourselves, or an unprivileged user when we are root.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$OWNER" -- "$@"
  else
    "$@"
  fi
}

[ $# -ge 2 ] || die "usage: postgres.sh start DIR PORT | postgres.sh stop DIR"
command=$1
dir=$2
BIN=$(find_bin)
OWNER=postgres
id -u postgres >/dev/null 2>&1 || OWNER=nobody
data=$dir/pgdata

case "$command" in
  start)
    [ $# -eq 3 ] || die "usage: postgres.sh start DIR PORT"
    port=$3
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    data=$dir/pgdata
    if [ "$(id -u)" = 0 ]; then
      chown "$OWNER" "$dir"
      as_owner test -w "$dir" || die "$dir is not reachable by the user $OWNER (check the parent directories' permissions)"
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
      password=${PGPASSWORD:-guestbook}
      pwfile=$dir/.pwfile
      (umask 077 && printf '%s\n' "$password" >"$pwfile")
      [ "$(id -u)" = 0 ] && chown "$OWNER" "$pwfile"
      as_owner "$BIN/initdb" -D "$data" -U guestbook --pwfile="$pwfile" -E UTF8 --locale=C \
        --auth-host=scram-sha-256 --auth-local=scram-sha-256 >"$dir/initdb.log" 2>&1 \
        || { rm -f "$pwfile"; cat "$dir/initdb.log" >&2; die "initdb failed"; }
      rm -f "$pwfile"
      cat >>"$data/postgresql.conf" <<EOF

# postgres.sh: loopback only, no Unix socket, the port comes from the command line.
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
EOF
      created=1
    fi
    as_owner "$BIN/pg_ctl" start -D "$data" -w -t 120 -l "$dir/server.log" -o "-p $port" >/dev/null \
      || { cat "$dir/server.log" >&2; die "the server did not start on 127.0.0.1:$port"; }
    if [ -n "${created:-}" ]; then
      PGPASSWORD=${PGPASSWORD:-guestbook} "$BIN/createdb" -h 127.0.0.1 -p "$port" -U guestbook guestbook \
        || die "createdb guestbook failed"
    fi
    echo "postgres.sh: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port," \
      "database guestbook, user guestbook, data in $data"
    ;;
  stop)
    if [ -f "$data/postmaster.pid" ]; then
      as_owner "$BIN/pg_ctl" stop -D "$data" -m fast -w -t 60 >/dev/null || die "pg_ctl stop failed"
    fi
    ;;
  *)
    die "unknown command $command; use start or stop"
    ;;
esac

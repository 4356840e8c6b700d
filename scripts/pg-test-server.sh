#!/bin/sh
# A throw-away PostgreSQL server for the test suite: `start DIR` makes a cluster in DIR (an empty
# or missing folder), starts it on 127.0.0.1 on a free port and prints its URL (export it as
# CRMDESK_TEST_DATABASE_URL); `stop DIR` stops it and removes the cluster. The role "crmdesk" logs
# in without a password from loopback; any other role needs its password (scram-sha-256), so the
# tests can try refused credentials. Durability is off (fsync): the data lives as long as a run.
# As root the server runs as the "postgres" user (Debian's package creates it): PostgreSQL
# refuses to run as root.
set -eu

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
dir=$2

bindir() {
  if command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return
  fi
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$found" ]; then
    echo "$0: PostgreSQL's initdb is not installed (Debian: apt-get install -y postgresql)" >&2
    exit 1
  fi
  echo "$found"
}

# Run a command as the server's owner: ourselves, or "postgres" when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/sh -c "$1"
  else
    sh -c "$1"
  fi
}

case $action in
  start)
    bin=$(bindir)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" -eq 0 ]; then
      id postgres >/dev/null 2>&1 || { echo "$0: as root, a 'postgres' user must exist" >&2; exit 1; }
      chown postgres "$dir"
    fi
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "'$bin/initdb' -D '$dir/data' -U crmdesk -E UTF8 --locale=C.UTF-8 -A trust >'$dir/initdb.log' 2>&1" \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    cat >"$dir/data/pg_hba.conf" <<HBA
local all all trust
host all crmdesk 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
HBA
    as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 60 start -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" >/dev/null" \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://crmdesk@127.0.0.1:$port/postgres"
    ;;
  stop)
    bin=$(bindir)
    [ -d "$dir/data" ] || exit 0
    as_owner "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop >/dev/null" || true
    rm -rf "$dir/data" "$dir/initdb.log" "$dir/server.log"
    ;;
  *) usage ;;
esac

# Sourced by scripts/test: start and stop a throw-away PostgreSQL server on loopback.
# PostgreSQL refuses to run as root, so the cluster belongs to the `postgres` user
# when we are root, or to the current user otherwise.

PG_PORT="${PG_PORT:-55432}"

pg_bindir() {
  if command -v pg_config >/dev/null && [[ -x "$(pg_config --bindir)/initdb" ]]; then
    pg_config --bindir
  else
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
  fi
}

as_pg_user() {
  if [[ $(id -u) -eq 0 ]]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

start_postgres() {
  local bindir; bindir="$(pg_bindir)"
  if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
    echo "PostgreSQL server binaries not found: PostgreSQL tests will be skipped."
    return 0
  fi
  PG_DIR="$(mktemp -d /tmp/anjungan-pg.XXXXXX)"
  [[ $(id -u) -eq 0 ]] && chown postgres "$PG_DIR"
  as_pg_user "'$bindir/initdb' -D '$PG_DIR/data' -A trust -U postgres >'$PG_DIR/initdb.log' 2>&1"
  as_pg_user "'$bindir/pg_ctl' -D '$PG_DIR/data' -l '$PG_DIR/server.log' -w -o \"-k '$PG_DIR' -p $PG_PORT -c listen_addresses=127.0.0.1 -c fsync=off\" start >/dev/null"
  as_pg_user "'$bindir/createdb' -h 127.0.0.1 -p $PG_PORT -U postgres anjungan_test"
  export KIOSK_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/anjungan_test"
  export PG_BINDIR="$bindir" PG_DIR
  echo "PostgreSQL test server on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  if [[ -n "${PG_DIR:-}" ]]; then
    as_pg_user "'$PG_BINDIR/pg_ctl' -D '$PG_DIR/data' -m fast stop >/dev/null 2>&1" || true
    rm -rf "$PG_DIR"
  fi
}

#!/usr/bin/env bash
# Starts, stops and reports the development and test databases.
#
#   scripts/db.sh up      start both (docker compose when a Docker engine answers, else local clusters)
#   scripts/db.sh down    stop both
#   scripts/db.sh status  say what is running
#
# Local clusters live under .pgdata/ (git-ignored), listen on 127.0.0.1 at PG_DEV_PORT and
# PG_TEST_PORT, and trust local connections. initdb and postgres refuse to run as root, so under
# root they run as the unprivileged `postgres` user, which owns the data folders.
#
# A server already answering on one of the ports is used only when it is this repository's: a
# cluster of this checkout or of another worktree of the same repository (its data folder lies
# in that worktree's .pgdata, or carries this repository's marker). Anyone else's server is
# refused unless DB_REUSE=1; pick other ports with PG_DEV_PORT / PG_TEST_PORT in .env.local.
#
# Settings (scripts/env.sh): process environment > .env.local > .env.dev.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# shellcheck source=env.sh
source "$root/scripts/env.sh"
PG_USER="$(envval PG_USER stripe)"
DEV_PORT="$(envval PG_DEV_PORT 5434)"
TEST_PORT="$(envval PG_TEST_PORT 5435)"
DEV_DB="$(envval PG_DEV_DB stripe_db_dev)"
TEST_DB="$(envval PG_TEST_DB stripe_db_test)"
DATA_ROOT="${STRIPE_OLTP_PGDATA:-$root/.pgdata}"

log() { echo "db: $*"; }
die() { echo "db: $*" >&2; exit 1; }

docker_ok() {
  [ "${STRIPE_OLTP_NO_DOCKER:-}" = "1" ] && return 1
  command -v docker >/dev/null 2>&1 || return 1
  timeout 5 docker info >/dev/null 2>&1 || return 1
  docker compose version >/dev/null 2>&1
}

pg_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
  fi
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  return 1
}

# Runs a command as the cluster owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

ensure_owner_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
  fi
}

# Picks a data root the cluster owner can reach; falls back to /var/tmp when the checkout's
# parent folders are closed to it, and links .pgdata there.
prepare_data_root() {
  mkdir -p "$DATA_ROOT"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$DATA_ROOT"
    if ! runuser -u postgres -- test -w "$DATA_ROOT"; then
      local alt="/var/tmp/stripe-oltp-pgdata-$(echo "$root" | md5sum | cut -c1-10)"
      log "$DATA_ROOT is not reachable by user postgres; using $alt"
      rmdir "$DATA_ROOT" 2>/dev/null || true
      mkdir -p "$alt"
      chown postgres "$alt"
      [ -e "$DATA_ROOT" ] || ln -s "$alt" "$DATA_ROOT"
      DATA_ROOT="$alt"
    fi
  fi
}

# Who this repository is: its git common folder (shared by all its worktrees), else the checkout.
repository_id() {
  local dir
  dir="$(git -C "$root" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)"
  echo "${dir:-$root}"
}
MARKER_NAME="stripe-oltp-repository"

# The .pgdata folders of every worktree of this repository (this checkout's included), resolved.
repository_data_roots() {
  local path
  readlink -f "$DATA_ROOT" 2>/dev/null || echo "$DATA_ROOT"
  git -C "$root" worktree list --porcelain 2>/dev/null | sed -n 's/^worktree //p' | while read -r path; do
    [ -e "$path/.pgdata" ] && readlink -f "$path/.pgdata"
  done
  return 0
}

# Succeeds when the server on PORT is this repository's; prints its data folder.
server_is_ours() { # port
  local data resolved marker candidate
  data="$(PGCONNECT_TIMEOUT=3 psql "postgres://$PG_USER@127.0.0.1:$1/postgres" -tAc "SHOW data_directory" 2>/dev/null || true)"
  [ -n "$data" ] || return 1
  resolved="$(readlink -f "$data" 2>/dev/null || echo "$data")"
  marker="$(cat "$resolved/$MARKER_NAME" 2>/dev/null || true)"
  if [ -n "$marker" ]; then
    [ "$marker" = "$(repository_id)" ] && { echo "$resolved"; return 0; }
    return 1
  fi
  while read -r candidate; do
    [ -n "$candidate" ] || continue
    case "$resolved" in "$candidate"/*) echo "$resolved"; return 0 ;; esac
  done < <(repository_data_roots)
  return 1
}

# Decides about a server that already answers on PORT for the NAME cluster: use it when it is
# this repository's or DB_REUSE=1, else stop with how to pick other ports.
adopt_running_server() { # name port
  local name="$1" port="$2" data variable
  variable="PG_$(echo "$name" | tr '[:lower:]' '[:upper:]')_PORT"
  if data="$(server_is_ours "$port")"; then
    log "$name: using this repository's cluster on 127.0.0.1:$port ($data)"
    return 0
  fi
  if [ "$(envval DB_REUSE)" = "1" ]; then
    log "$name: DB_REUSE=1: using the PostgreSQL server on 127.0.0.1:$port that this checkout did not start"
    return 0
  fi
  die "$name: a PostgreSQL server that this checkout did not start already answers on 127.0.0.1:$port; refusing to use it.
  Pick free ports in .env.local, for example:
      $variable=$((port + 1000))
  (PG_DEV_PORT and PG_TEST_PORT; the database URLs follow them), or set DB_REUSE=1 to use that server anyway."
}

reachable() { # port db
  PGCONNECT_TIMEOUT=3 psql "postgres://$PG_USER@127.0.0.1:$1/postgres" -tAc "SELECT 1" >/dev/null 2>&1
}

cluster_up() { # name port fast
  local name="$1" port="$2" fast="$3" bindir dir
  dir="$DATA_ROOT/$name"
  # A server on the port that is not this cluster: decide before creating anything.
  if ! { [ -f "$dir/postmaster.pid" ] && [ "$(sed -n 4p "$dir/postmaster.pid" 2>/dev/null)" = "$port" ] \
         && kill -0 "$(head -n 1 "$dir/postmaster.pid")" 2>/dev/null; } && reachable "$port"; then
    adopt_running_server "$name" "$port"
    return 0
  fi
  bindir="$(pg_bindir)" || die "no PostgreSQL server binaries found: run 'make deps' (installs postgresql)"
  if [ ! -f "$dir/PG_VERSION" ]; then
    log "initializing $name cluster in $dir"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    chmod 700 "$dir"
    as_owner "$bindir/initdb" -D "$dir" -U "$PG_USER" --auth=trust -E UTF8 --locale=C.UTF-8 >"$DATA_ROOT/$name-initdb.log" 2>&1 \
      || as_owner "$bindir/initdb" -D "$dir" -U "$PG_USER" --auth=trust -E UTF8 --no-locale >"$DATA_ROOT/$name-initdb.log" 2>&1 \
      || die "initdb failed for $name: see $DATA_ROOT/$name-initdb.log"
    {
      echo "# stripe-oltp local $name cluster"
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $port"
      echo "unix_socket_directories = ''"
      echo "max_connections = 200"
      echo "shared_buffers = 256MB"
      echo "max_wal_size = 4GB"
      echo "log_min_messages = warning"
      if [ "$fast" = "1" ]; then
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
      fi
    } | as_owner tee -a "$dir/postgresql.conf" >/dev/null
    repository_id | as_owner tee "$dir/$MARKER_NAME" >/dev/null
  fi
  if as_owner "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    log "$name cluster already running on port $port"
    return 0
  fi
  log "starting $name cluster on 127.0.0.1:$port"
  as_owner "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 -o "-p $port" start >/dev/null \
    || { tail -n 20 "$dir/server.log" >&2 || true; die "could not start the $name cluster (log: $dir/server.log)"; }
}

cluster_down() { # name
  local name="$1" bindir dir
  dir="$DATA_ROOT/$name"
  [ -f "$dir/PG_VERSION" ] || return 0
  bindir="$(pg_bindir)" || return 0
  if as_owner "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    log "stopping $name cluster"
    as_owner "$bindir/pg_ctl" -D "$dir" -w -m fast stop >/dev/null
  fi
}

ensure_database() { # port db
  local port="$1" db="$2" exists
  for _ in $(seq 1 30); do reachable "$port" && break; sleep 1; done
  reachable "$port" || die "no database server answers on 127.0.0.1:$port"
  exists="$(psql "postgres://$PG_USER@127.0.0.1:$port/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")"
  if [ "$exists" != "1" ]; then
    log "creating database $db on 127.0.0.1:$port"
    psql "postgres://$PG_USER@127.0.0.1:$port/postgres" -q -c "CREATE DATABASE \"$db\"" >/dev/null
  fi
}

case "${1:-up}" in
  up)
    if docker_ok; then
      log "Docker engine answers: docker compose up"
      PG_USER="$PG_USER" PG_DEV_PORT="$DEV_PORT" PG_TEST_PORT="$TEST_PORT" PG_DEV_DB="$DEV_DB" PG_TEST_DB="$TEST_DB" \
        docker compose up -d --wait
    else
      ensure_owner_user
      prepare_data_root
      cluster_up dev "$DEV_PORT" 0
      cluster_up test "$TEST_PORT" 1
    fi
    log "dev database:  $(database_url dev | sed -E 's#://[^@/]*@#://#')"
    log "test database: $(database_url test | sed -E 's#://[^@/]*@#://#')"
    ensure_database "$DEV_PORT" "$DEV_DB"
    ensure_database "$TEST_PORT" "$TEST_DB"
    ;;
  down)
    if docker_ok; then docker compose down; fi
    [ -L "$DATA_ROOT" ] && DATA_ROOT="$(readlink -f "$DATA_ROOT")"
    cluster_down dev
    cluster_down test
    ;;
  status)
    for pair in "dev:$DEV_PORT" "test:$TEST_PORT"; do
      if reachable "${pair#*:}"; then log "${pair%%:*} up on 127.0.0.1:${pair#*:}"; else log "${pair%%:*} down (127.0.0.1:${pair#*:})"; fi
    done
    ;;
  *)
    die "usage: scripts/db.sh up|down|status"
    ;;
esac

#!/usr/bin/env bash
# Script-level test of scripts/db.sh and scripts/env.sh against a throwaway PostgreSQL server:
#   - a server this checkout did not start, on a port taken from .env.local, is refused (and
#     nothing is initialized), with the way to pick other ports and DB_REUSE named;
#   - DB_REUSE=1 uses it; the written database is named as host:port/dbname;
#   - a worktree of the repository whose .pgdata holds the server recognizes it as its own;
#   - the checkout that started it sees its own running cluster.
# Needs the PostgreSQL server binaries (make deps). Runs in a few seconds.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
[ -x "$bindir/initdb" ] || bindir="$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")"
[ -x "$bindir/initdb" ] || { echo "db-ownership-test: no PostgreSQL server binaries (run 'make deps')" >&2; exit 1; }

work="$(mktemp -d /tmp/stripe-oltp-dbtest.XXXXXX)"
chmod 755 "$work"
as_owner() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
data="$work/main/.pgdata/dev"
cleanup() {
  as_owner "$bindir/pg_ctl" -D "$data" -w -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
check() { # description command…
  local what="$1"; shift
  if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; failures=$((failures + 1)); fi
}
contains() { grep -qF -- "$2" "$1"; }
lacks() { ! grep -qF -- "$2" "$1"; }

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"

# A repository "main" (with a worktree "wt") whose dev cluster is the throwaway server, and an
# unrelated checkout "other" configured, through .env.local, onto the same port.
mkdir -p "$work/main/scripts"
cp "$repo/scripts/db.sh" "$repo/scripts/env.sh" "$work/main/scripts/"
cp "$repo/.env.dev" "$work/main/"
printf '.pgdata/\n.env.local\n' > "$work/main/.gitignore"
git -C "$work/main" init -q
git -C "$work/main" -c user.email=t@example.com -c user.name=t add -A
git -C "$work/main" -c user.email=t@example.com -c user.name=t commit -qm init
git -C "$work/main" worktree add -q "$work/wt" 2>/dev/null
cp -r "$work/main" "$work/other"
rm -rf "$work/other/.git"
for checkout in main wt other; do
  printf 'PG_DEV_PORT=%s\nPG_TEST_PORT=%s\n' "$port" "$port" > "$work/$checkout/.env.local"
done

mkdir -p "$data"
[ "$(id -u)" -eq 0 ] && { id postgres >/dev/null 2>&1 || useradd --system --shell /bin/sh postgres; chown -R postgres "$work/main/.pgdata"; }
chmod 700 "$data"
as_owner "$bindir/initdb" -N -D "$data" -U stripe --auth=trust -E UTF8 --no-locale >/dev/null
printf "listen_addresses = '127.0.0.1'\nport = %s\nunix_socket_directories = ''\nfsync = off\n" "$port" \
  | as_owner tee -a "$data/postgresql.conf" >/dev/null
as_owner "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w -t 30 start >/dev/null

export STRIPE_OLTP_NO_DOCKER=1
unset PG_DEV_PORT PG_TEST_PORT DATABASE_URL TEST_DATABASE_URL DB_REUSE STRIPE_OLTP_PGDATA STRIPE_OLTP_ENV_DIR

set +e
(cd "$work/other" && scripts/db.sh up) >"$work/refused.out" 2>&1; refused=$?
(cd "$work/other" && scripts/db.sh status) >"$work/status.out" 2>&1
(cd "$work/other" && DB_REUSE=1 scripts/db.sh up) >"$work/reuse.out" 2>&1; reused=$?
(cd "$work/wt" && scripts/db.sh up) >"$work/worktree.out" 2>&1; worktree=$?
(cd "$work/main" && scripts/db.sh up) >"$work/own.out" 2>&1; own=$?
(cd "$work/other" && scripts/env.sh database-url test) >"$work/url.out" 2>&1
env_wins="$(cd "$work/other" && PG_DEV_PORT=4242 scripts/env.sh PG_DEV_PORT)"
empty_falls_through="$(cd "$work/other" && PG_DEV_PORT= scripts/env.sh PG_DEV_PORT)"
dev_default="$(cd "$work/other" && scripts/env.sh PG_DEV_DB)"
set -e

check "another checkout's server is refused" test "$refused" -ne 0
check "the refusal says this checkout did not start it" contains "$work/refused.out" "did not start"
check "the refusal names PG_DEV_PORT, .env.local and DB_REUSE" \
  bash -c "grep -qF PG_DEV_PORT '$work/refused.out' && grep -qF .env.local '$work/refused.out' && grep -qF DB_REUSE=1 '$work/refused.out'"
check "nothing was initialized in the refusing checkout" test ! -e "$work/other/.pgdata/dev/PG_VERSION"
check "status reads the port from .env.local" contains "$work/status.out" "dev up on 127.0.0.1:$port"
check "DB_REUSE=1 uses the server" test "$reused" -eq 0
check "DB_REUSE=1 says so" contains "$work/reuse.out" "DB_REUSE=1: using the PostgreSQL server on 127.0.0.1:$port"
check "the databases written to are named host:port/dbname" contains "$work/reuse.out" "dev database:  postgres://127.0.0.1:$port/stripe_db_dev"
check "a worktree of the same repository recognizes the cluster" test "$worktree" -eq 0
check "the worktree says whose cluster it uses" contains "$work/worktree.out" "this repository's cluster on 127.0.0.1:$port"
check "the worktree needed no DB_REUSE" lacks "$work/worktree.out" "DB_REUSE"
check "the checkout that started the cluster sees it running" test "$own" -eq 0
check "the owning checkout reports its cluster running" contains "$work/own.out" "dev cluster already running"
check "the process environment wins over .env.local" test "$env_wins" = 4242
check "an empty variable falls through to .env.local" test "$empty_falls_through" = "$port"
check ".env.dev gives what .env.local leaves out" test "$dev_default" = stripe_db_dev
check "database URLs follow the .env.local ports" contains "$work/url.out" "postgres://stripe@127.0.0.1:$port/stripe_db_test"

if [ "$failures" -ne 0 ]; then
  for f in refused status reuse worktree own; do echo "--- $f"; cat "$work/$f.out"; done
  echo "db-ownership-test: $failures check(s) failed"
  exit 1
fi
echo "db-ownership-test: all checks passed"

#!/usr/bin/env bash
# Script-level test of `make install`: installs stripe-oltp and stripe-oltp-emulator into a
# temporary prefix and, from an unrelated empty directory with only that prefix on PATH,
# migrates a fresh database, ingests fixtures/sample and checks it (the migrations come from
# inside the binary). Installs the debug build make test made (INSTALL_CONFIG=debug), so it adds
# no release build. Needs TEST_DATABASE_URL (make test sets it) and psql.
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
[ -n "${TEST_DATABASE_URL:-}" ] || { echo "install-test: TEST_DATABASE_URL is unset (make test sets it)" >&2; exit 1; }
command -v psql >/dev/null || { echo "install-test: psql is missing (run 'make deps')" >&2; exit 1; }
work="$(mktemp -d /tmp/stripe-oltp-installtest.XXXXXX)"
db="stripe_oltp_install_test_$$"
url="$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' \
  "$TEST_DATABASE_URL" "$db")"
cleanup() {
  psql -q "$TEST_DATABASE_URL" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
failures=0
check() { local what="$1"; shift; if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; failures=$((failures + 1)); fi; }

psql -q "$TEST_DATABASE_URL" -c "CREATE DATABASE $db" >/dev/null
make -s install PREFIX="$work/prefix" INSTALL_CONFIG=debug >"$work/install.out" 2>&1; installed=$?
check "make install PREFIX=… succeeds" test "$installed" -eq 0
check "it installs both executables into PREFIX/bin" test -x "$work/prefix/bin/stripe-oltp" -a -x "$work/prefix/bin/stripe-oltp-emulator"

mkdir "$work/elsewhere"
cd "$work/elsewhere"
run() { env -i PATH="$work/prefix/bin:/usr/bin:/bin" HOME="$work" "$@"; }
run stripe-oltp migrate up --database-url "$url" >"$work/migrate.out" 2>&1; migrated=$?
run stripe-oltp ingest all --dir "$repo/fixtures/sample" --database-url "$url" >"$work/ingest.out" 2>&1; ingested=$?
run stripe-oltp check --dir "$repo/fixtures/sample" --database-url "$url" >"$work/check.out" 2>&1; checked=$?
run stripe-oltp-emulator --help >"$work/emulator.out" 2>&1; emulator=$?
cd "$repo"

check "the installed stripe-oltp migrates a fresh database from an unrelated directory" test "$migrated" -eq 0
check "migrate applied every file of migrations/" \
  test "$(psql -tA "$url" -c 'SELECT count(*) FROM stripe_oltp.schema_migrations')" -eq "$(ls migrations/*.sql | wc -l)"
check "it ingests fixtures/sample from there" test "$ingested" -eq 0
check "the customers are in the database" test "$(psql -tA "$url" -c 'SELECT count(*) FROM stripe.customers WHERE NOT is_placeholder')" -gt 0
check "check finds the database matching the dumps" test "$checked" -eq 0
check "the installed emulator runs" test "$emulator" -eq 0
if [ "$failures" -ne 0 ]; then
  for f in install migrate ingest check emulator; do echo "--- $f"; tail -n 20 "$work/$f.out"; done
fi
exit "$((failures > 0))"

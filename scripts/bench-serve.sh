#!/usr/bin/env bash
# make bench-serve: a release `stripe-oltp serve` on a fresh database of the dev server, loaded by
# scripts/bench_serve.py (BENCH_SERVE_SENDERS concurrent keep-alive senders, default 16, sending
# BENCH_SERVE_EVENTS distinct pre-signed events, default 10000), waiting until serve's queue has
# applied them all; then the database is compared
# with the sent set: every event stored once, every customer once (none lost, none doubled).
set -euo pipefail
bin="$1"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/env.sh
events="${BENCH_SERVE_EVENTS:-10000}"
senders="${BENCH_SERVE_SENDERS:-16}"
connections="${BENCH_SERVE_CONNECTIONS:-8}"
# Extra serve options, e.g. BENCH_SERVE_ARGS=--inline (apply before answering) or "--batch-size 200".
read -r -a extra <<< "${BENCH_SERVE_ARGS:-}"
dev_url="$(database_url dev)"
server="${dev_url%/*}"
bench_db="stripe_oltp_bench_serve"
bench_url="$server/$bench_db"
secret="whsec_bench_$(date +%s)_secret"
tag="$(date +%s)"
log="$(mktemp)"

PGOPTIONS="-c client_min_messages=warning" psql "$server/postgres" -q -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" -c "CREATE DATABASE $bench_db" >/dev/null
"$bin" --quiet migrate up --database-url "$bench_url" >/dev/null
STRIPE_WEBHOOK_SECRET="$secret" "$bin" serve --port 0 --connections "$connections" ${extra[@]+"${extra[@]}"} --database-url "$bench_url" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
url=""
for _ in $(seq 1 200); do
  url="$(grep -o 'http://[0-9.]*:[0-9]*' "$log" | head -n 1 || true)"
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.05
done
[ -n "$url" ] || { echo "bench-serve: serve did not start" >&2; exit 1; }
echo "bench-serve: serve at $url with $connections database connections ${BENCH_SERVE_ARGS:-(queued)}; $events events, $senders senders; $(uptime)"
status=0
python3 scripts/bench_serve.py "$url/webhooks/stripe" "$secret" "$events" "$senders" "$tag" || status=$?
read -r stored distinct customers < <(psql "$bench_url" -At -F ' ' -c \
  "SELECT (SELECT count(*) FROM stripe.events WHERE id LIKE 'evt_bench_${tag}_%'),
          (SELECT count(DISTINCT id) FROM stripe.events WHERE id LIKE 'evt_bench_${tag}_%'),
          (SELECT count(*) FROM stripe.customers WHERE id LIKE 'cus_bench_${tag}_%')")
echo "bench-serve: database holds $stored events ($distinct distinct) and $customers customers of $events sent"
if [ "$stored" -ne "$events" ] || [ "$distinct" -ne "$events" ] || [ "$customers" -ne "$events" ]; then
  echo "bench-serve: MISMATCH: events lost or doubled" >&2
  status=1
fi
curl -s "$url/metrics" | grep -E "^stripe_webhook_(events_(received|queued|applied|duplicate)_total|queue_depth)" | sed 's/^/bench-serve: /' || true
exit "$status"

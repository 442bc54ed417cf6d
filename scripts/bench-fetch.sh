#!/usr/bin/env bash
# make bench-fetch (also run by make bench): the fetch speed target.
# Seeds the local Stripe-compatible server with a generated data set of a few thousand customers,
# has it add 150 ms of latency to every request, allow 25 requests/s (429 above) and answer every
# 10th request with 429, then runs a full fetch and reports requests/s and whether every object
# arrived exactly once.
set -euo pipefail
bin="$1"; emulator="$2"; customers="${3:-2000}"; seed="${4:-bench-data/fetch-seed}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ ! -f "$seed/.customers" ] || [ "$(cat "$seed/.customers")" != "$customers" ]; then
  echo "bench-fetch: generating $customers customers into $seed"
  rm -rf "$seed"
  "$bin" generate --customers "$customers" --out "$seed" >/dev/null
  echo "$customers" > "$seed/.customers"
fi

work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$emulator" --port "$port" --seed-dir "$seed" --latency-ms 150 --rate-limit-per-second 25 --rate-limit-every 10 --quiet \
  > "$work/emulator.log" 2>&1 &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do
  curl -fsS "http://127.0.0.1:$port/_emulator/health" >/dev/null 2>&1 && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.log"; echo "bench-fetch: the emulator did not start" >&2; exit 1; }
  sleep 0.2
done

echo "bench-fetch: fetching from the emulator on port $port (150 ms latency, 25 requests/s, every 10th request 429)"
STRIPE_SECRET_KEY="sk_test_benchfetch0000" STRIPE_API_BASE="http://127.0.0.1:$port" \
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" fetch --full --restart --out "$work/out" > "$work/fetch.txt"
read -r seconds rss_kb < "$work/time"
cat "$work/fetch.txt"

python3 - "$seed" "$work/out" $("$bin" resources) <<'PY'
import json, sys, time
seed, out, *resources = sys.argv[1:]
def ids(path):
    result = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                result.append(json.loads(line))
    return result
customers = {o["id"] for o in ids(f"{seed}/customers.json")}
def ref(value):
    return value if isinstance(value, str) else (value or {}).get("id")
# Payment methods are reachable when attached to a customer (listed per customer) or referenced
# by a payment, charge or subscription (retrieved by id).
referenced = {ref(o.get("payment_method")) for r in ("payment_intents", "charges") for o in ids(f"{seed}/{r}.json")}
referenced |= {ref(o.get("default_payment_method")) for o in ids(f"{seed}/subscriptions.json")}
lost = duplicated = extra = 0
for r in resources:
    expected = ids(f"{seed}/{r}.json")
    if r == "payment_methods":
        expected = [o for o in expected if ref(o.get("customer")) in customers or o["id"] in referenced]
    if r == "events":
        # Stripe lists only the last 30 days of events, and so does the emulator it seeds.
        expected = [o for o in expected if o.get("created", 0) >= time.time() - 30 * 86400]
    want = {o["id"] for o in expected}
    got_list = [o["id"] for o in ids(f"{out}/{r}.json")]
    got = set(got_list)
    lost += len(want - got); extra += len(got - want); duplicated += len(got_list) - len(got)
print(f"bench-fetch: objects lost {lost}, duplicated {duplicated}, unexpected {extra}")
sys.exit(1 if lost or duplicated or extra else 0)
PY

requests="$(sed -n 's/.* \([0-9]*\) requests in .*/\1/p' "$work/fetch.txt")"
printf 'bench-fetch: %d requests in %.1f s = %.1f requests/s (target >= 22.5), peak RSS %d MB\n' \
  "$requests" "$seconds" "$(echo "$requests / $seconds" | bc -l)" "$((rss_kb / 1024))"

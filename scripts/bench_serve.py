"""Load generator for `make bench-serve`: sends COUNT distinct, pre-signed customer.created
events to a running `stripe-oltp serve` (URL) from SENDERS concurrent keep-alive connections,
then prints events/s acknowledged, p50/p99 acknowledgement latency and the outcomes answered;
then polls /metrics until every event is applied (serve's queue applies them in the background)
and prints events/s applied, from the first send to the last event applied.

    bench_serve.py URL SECRET COUNT SENDERS RUN_TAG
"""
import hashlib
import hmac
import http.client
import json
import sys
import threading
import time
import urllib.parse

url, secret, count, senders, tag = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
target = urllib.parse.urlsplit(url)
now = int(time.time())


def event(index):
    body = json.dumps({
        "id": f"evt_bench_{tag}_{index}", "object": "event", "type": "customer.created", "api_version": "2025-08-27.basil",
        "created": now, "livemode": False, "pending_webhooks": 1, "request": {"id": None, "idempotency_key": None},
        "data": {"object": {
            "id": f"cus_bench_{tag}_{index}", "object": "customer", "created": now, "email": f"bench{index}@example.com",
            "name": f"Bench {index}", "metadata": {"run": tag}, "livemode": False, "balance": 0, "currency": None,
            "delinquent": False, "description": None, "invoice_prefix": f"B{index}", "preferred_locales": [],
            "tax_exempt": "none", "address": None, "phone": None, "shipping": None, "default_source": None,
            "invoice_settings": {"custom_fields": None, "default_payment_method": None, "footer": None,
                                 "rendering_options": None},
        }},
    }, separators=(",", ":")).encode()
    t = str(int(time.time()))
    signature = hmac.new(secret.encode(), t.encode() + b"." + body, hashlib.sha256).hexdigest()
    return body, f"t={t},v1={signature}"


prepared = [event(index) for index in range(count)]
latencies = []
outcomes = {}
failures = []
lock = threading.Lock()


def sender(worker):
    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
    mine_latencies, mine_outcomes = [], {}
    for index in range(worker, count, senders):
        body, header = prepared[index]
        start = time.perf_counter()
        connection.request("POST", target.path, body=body,
                           headers={"Content-Type": "application/json", "Stripe-Signature": header})
        response = connection.getresponse()
        text = response.read()
        mine_latencies.append(time.perf_counter() - start)
        if response.status != 200:
            with lock:
                failures.append((index, response.status, text[:200]))
            continue
        outcome = json.loads(text).get("outcome", "?")
        mine_outcomes[outcome] = mine_outcomes.get(outcome, 0) + 1
    connection.close()
    with lock:
        latencies.extend(mine_latencies)
        for key, value in mine_outcomes.items():
            outcomes[key] = outcomes.get(key, 0) + value


threads = [threading.Thread(target=sender, args=(worker,)) for worker in range(senders)]
began = time.perf_counter()
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
elapsed = time.perf_counter() - began
latencies.sort()


def percentile(p):
    return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000 if latencies else float("nan")


print(f"bench-serve: {count} events from {senders} senders in {elapsed:.2f} s: {count / elapsed:.0f} events/s acknowledged")
print(f"bench-serve: acknowledgement latency p50 {percentile(50):.1f} ms, p99 {percentile(99):.1f} ms, max {latencies[-1] * 1000:.1f} ms")
print(f"bench-serve: outcomes {json.dumps(outcomes, sort_keys=True)}; non-200 answers: {len(failures)}")


def handled():
    """The events serve's metrics say were applied (any outcome but queued) so far."""
    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
    connection.request("GET", "/metrics")
    text = connection.getresponse().read().decode()
    connection.close()
    total = 0
    for line in text.splitlines():
        for name in ("applied", "duplicate", "stale", "unknown", "quarantined"):
            if line.startswith(f"stripe_webhook_events_{name}_total "):
                total += int(float(line.split()[1]))
    return total


deadline = time.perf_counter() + 600
done = handled()
while done < count - len(failures) and time.perf_counter() < deadline:
    time.sleep(0.02)
    done = handled()
applied_elapsed = time.perf_counter() - began
print(f"bench-serve: {done} events applied {applied_elapsed:.2f} s after the first send: {done / applied_elapsed:.0f} events/s applied")
for failure in failures[:5]:
    print(f"bench-serve: event {failure[0]} answered {failure[1]}: {failure[2]!r}")
sys.exit(1 if failures else 0)

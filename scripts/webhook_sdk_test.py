"""The official `stripe` SDK against the emulator's webhooks and `stripe-oltp serve`.

(a) STRIPE_EMULATOR_URL: a receiver started here verifies every delivery with
    stripe.Webhook.construct_event and answers 200, or 400 when the SDK refuses it.
(b) SERVE_URL and SERVE_SECRET: headers made by stripe.WebhookSignature.generate_signature_header
    are accepted by serve; tampered, wrong-secret, stale, uppercase and v0-only ones are refused.
Prints one line per check and ends with "N passed, N failed"; exit 1 on any failure.
"""
import http.server
import json
import os
import sys
import threading
import time
import traceback
import urllib.error
import urllib.request

import stripe

results = []


def check(name):
    def wrap(fn):
        try:
            fn()
            results.append(True)
            print(f"ok   {name}")
        except Exception:
            results.append(False)
            print(f"FAIL {name}")
            traceback.print_exc()
        return fn
    return wrap


def post(url, body, header):
    request = urllib.request.Request(url, data=body.encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Stripe-Signature": header})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def emulator_json(path, method="GET", form=None):
    data = None if form is None else "&".join(f"{k}={v}" for k, v in form.items()).encode()
    request = urllib.request.Request(os.environ["STRIPE_EMULATOR_URL"] + path, data=data, method=method)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


if os.environ.get("STRIPE_EMULATOR_URL"):
    stripe.api_key = "sk_test_webhook_sdk"
    stripe.api_base = os.environ["STRIPE_EMULATOR_URL"]
    stripe.max_network_retries = 0
    received = {"verified": [], "refused": 0}
    secret_box = {}

    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
            try:
                event = stripe.Webhook.construct_event(body, self.headers.get("Stripe-Signature", ""), secret_box["secret"])
                received["verified"].append(event.id)
                self.send_response(200)
            except stripe.SignatureVerificationError:
                received["refused"] += 1
                self.send_response(400)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def wait_for_deliveries():
        for _ in range(3000):
            if emulator_json("/_emulator/webhook_deliveries")["pending"] == 0:
                return
            time.sleep(0.01)
        raise AssertionError("deliveries still pending")

    @check("emulator deliveries pass stripe.Webhook.construct_event")
    def _():
        endpoint = stripe.WebhookEndpoint.create(url=f"http://127.0.0.1:{server.server_port}/hook", enabled_events=["*"])
        assert endpoint.secret.startswith("whsec_"), endpoint
        secret_box["secret"] = endpoint.secret
        customer = stripe.Customer.create(email="hook@example.com")
        stripe.Customer.modify(customer.id, name="Hook")
        wait_for_deliveries()
        emitted = [event.id for event in stripe.Event.list(limit=100).data]
        assert sorted(received["verified"]) == sorted(emitted), (received, emitted)
        assert received["refused"] == 0

    @check("mis-signed deliveries are refused by the SDK and the emulator's retries pass")
    def _():
        emulator_json("/_emulator/faults", "POST", {"webhook_bad_signature_every": "2"})
        before = len(received["verified"])
        for index in range(3):
            stripe.Product.create(name=f"hook product {index}")
        wait_for_deliveries()
        emulator_json("/_emulator/faults", "DELETE")
        assert received["refused"] >= 1, received
        assert len(received["verified"]) - before == 3, received

    @check("the webhook endpoint's secret is not returned again")
    def _():
        endpoints = stripe.WebhookEndpoint.list()
        assert all(getattr(e, "secret", None) is None for e in endpoints.data), endpoints

if os.environ.get("SERVE_URL"):
    url = os.environ["SERVE_URL"]
    secret = os.environ["SERVE_SECRET"]
    payload = json.dumps({
        "id": "evt_sdk_" + str(int(time.time() * 1000)), "object": "event", "type": "sdk.unknown_type",
        "created": int(time.time()), "livemode": False, "api_version": "2025-08-27.basil",
        "data": {"object": {"id": "zz_sdk_1", "object": "sdk_thing"}}, "request": {"id": None, "idempotency_key": None},
    })

    def signature_of(header):
        return header.split("v1=")[1]

    @check("serve accepts a header from stripe.WebhookSignature.generate_signature_header")
    def _():
        status, text = post(url, payload, stripe.WebhookSignature.generate_signature_header(payload, secret))
        assert 200 <= status < 300, (status, text)

    @check("serve rejects a tampered body")
    def _():
        header = stripe.WebhookSignature.generate_signature_header(payload, secret)
        status, _ = post(url, payload.replace("sdk_thing", "sdk_thang"), header)
        assert status == 400, status

    @check("serve rejects a header made with another secret")
    def _():
        status, _ = post(url, payload, stripe.WebhookSignature.generate_signature_header(payload, secret + "x"))
        assert status == 400, status

    @check("serve rejects a timestamp 301 s old")
    def _():
        header = stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp=int(time.time()) - 301)
        status, _ = post(url, payload, header)
        assert status == 400, status

    @check("serve rejects uppercase hex")
    def _():
        header = stripe.WebhookSignature.generate_signature_header(payload, secret)
        status, _ = post(url, payload, header.split("v1=")[0] + "v1=" + signature_of(header).upper())
        assert status == 400, status

    @check("serve rejects a header with only v0")
    def _():
        header = stripe.WebhookSignature.generate_signature_header(payload, secret)
        status, _ = post(url, payload, header.replace("v1=", "v0="))
        assert status == 400, status

passed = sum(results)
print(f"{passed} passed, {len(results) - passed} failed")
sys.exit(0 if results and all(results) else 1)

"""The official `stripe` SDK against stripe-oltp-emulator (STRIPE_EMULATOR_URL)."""
import os
import sys
import traceback

import stripe

stripe.api_key = "sk_test_emulator_sdk"
stripe.api_base = os.environ["STRIPE_EMULATOR_URL"]
stripe.max_network_retries = 0

results = []


def check(name):
    def wrap(fn):
        try:
            fn()
            results.append((name, True))
            print(f"ok   {name}")
        except Exception:
            results.append((name, False))
            print(f"FAIL {name}")
            traceback.print_exc()
        return fn
    return wrap


state = {}


@check("create customer, product, price")
def _():
    state["customer"] = stripe.Customer.create(email="sdk@example.com", metadata={"source": "sdk"})
    assert state["customer"].id.startswith("cus_")
    assert state["customer"].metadata["source"] == "sdk"
    state["product"] = stripe.Product.create(name="SDK plan")
    state["price"] = stripe.Price.create(product=state["product"].id, currency="usd", unit_amount=1200,
                                         recurring={"interval": "month"})
    assert state["price"].recurring.interval == "month"


@check("subscription with default payment method is paid")
def _():
    pm = stripe.PaymentMethod.attach("pm_card_visa", customer=state["customer"].id)
    sub = stripe.Subscription.create(customer=state["customer"].id, items=[{"price": state["price"].id}],
                                     default_payment_method=pm.id, expand=["latest_invoice"])
    assert sub.status == "active", sub.status
    assert sub.latest_invoice.status == "paid"
    state["invoice"] = sub.latest_invoice


@check("the paid invoice's payment is an invoice payment (basil/clover shape)")
def _():
    invoice = state["invoice"]
    assert "payment_intent" not in invoice and "paid" not in invoice
    payments = stripe.InvoicePayment.list(invoice=invoice.id)
    assert len(payments.data) == 1, payments
    payment = payments.data[0]
    assert isinstance(payment, stripe.InvoicePayment)
    assert payment.status == "paid" and payment.is_default and payment.amount_paid == invoice.amount_paid
    intent = stripe.PaymentIntent.retrieve(payment.payment.payment_intent)
    assert intent.status == "succeeded"
    assert stripe.InvoicePayment.retrieve(payment.id).invoice == invoice.id


@check("auto_paging_iter walks every customer")
def _():
    for i in range(25):
        stripe.Customer.create(email=f"page{i}@example.com")
    ids = [c.id for c in stripe.Customer.list(limit=7).auto_paging_iter()]
    assert len(ids) == 26, len(ids)
    assert len(set(ids)) == 26


@check("errors map to SDK exceptions")
def _():
    try:
        stripe.Customer.retrieve("cus_missing")
        raise AssertionError("no error")
    except stripe.InvalidRequestError as error:
        assert error.http_status == 404
    try:
        stripe.PaymentIntent.create(amount=500, currency="usd", payment_method="pm_card_chargeDeclined", confirm=True)
        raise AssertionError("no decline")
    except stripe.CardError as error:
        assert error.code == "card_declined"


@check("deleted customer")
def _():
    deleted = stripe.Customer.delete(state["customer"].id)
    assert deleted.deleted is True
    assert stripe.Customer.retrieve(state["customer"].id).deleted is True


passed = sum(1 for _, ok in results if ok)
failed = len(results) - passed
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)

-- Invoice payments: which payment intent (or charge, or payment record) paid which invoice, and
-- how much. From API version 2025-03-31.basil invoices no longer carry `payment_intent`, `charge`,
-- `paid` or `paid_out_of_band`, and charges and payment intents no `invoice`: an invoice may be
-- paid in several parts, and these objects are the link. Ingest fills invoices.payment_intent_id
-- from them where the invoice itself names no payment intent (the paid default payment, else the
-- oldest paid one).
--
-- Same conventions as every resource table (see 0001 and 0004); invoice payments carry no metadata.

CREATE TABLE stripe.invoice_payments (
    id                  text PRIMARY KEY,
    invoice_id          text REFERENCES stripe.invoices (id) DEFERRABLE,
    payment_type        text,
    payment_intent_id   text REFERENCES stripe.payment_intents (id) DEFERRABLE,
    charge_id           text REFERENCES stripe.charges (id) DEFERRABLE,
    payment_record_id   text,
    amount_paid         bigint,
    amount_requested    bigint,
    currency            text,
    status              text,
    is_default          boolean,
    paid_at             timestamptz,
    canceled_at         timestamptz,
    created             timestamptz,
    livemode            boolean,
    raw                 jsonb NOT NULL,
    content_hash        bytea,
    deleted             boolean NOT NULL DEFAULT false,
    is_placeholder      boolean NOT NULL DEFAULT false,
    is_embedded         boolean NOT NULL DEFAULT false,
    ingested_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invoice_payments_invoice_id_idx ON stripe.invoice_payments (invoice_id);
CREATE INDEX invoice_payments_payment_intent_id_idx ON stripe.invoice_payments (payment_intent_id);
CREATE INDEX invoice_payments_charge_id_idx ON stripe.invoice_payments (charge_id);
CREATE INDEX invoice_payments_placeholder_idx ON stripe.invoice_payments (id) WHERE is_placeholder;

-- As 0003 does for the other tables: lz4 for raw where the server has it.
DO $$
BEGIN
    ALTER TABLE stripe.invoice_payments ALTER COLUMN raw SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR syntax_error THEN
    RAISE NOTICE 'lz4 compression is not available on this server; stripe.invoice_payments.raw keeps the default';
END
$$;

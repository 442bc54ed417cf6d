-- Credit notes and their lines, checkout sessions and their line items, and customers'
-- flattened address and shipping columns.
--
-- Same conventions as every resource table (see 0001 and 0004). Child tables hold typed columns
-- and their position in the parent's list; the child's full JSON stays in the parent's raw (a
-- checkout session's line items, which Stripe returns only on request, are embedded there by
-- fetch as `line_items`). References to resources this schema does not hold yet
-- (customer balance transactions, refunds, setup intents, invoice line items as a resource) are
-- plain text columns.

ALTER TABLE stripe.customers
    ADD COLUMN address_line1            text,
    ADD COLUMN address_line2            text,
    ADD COLUMN address_city             text,
    ADD COLUMN address_state            text,
    ADD COLUMN address_postal_code      text,
    ADD COLUMN address_country          text,
    ADD COLUMN shipping_name            text,
    ADD COLUMN shipping_phone           text,
    ADD COLUMN shipping_address_line1   text,
    ADD COLUMN shipping_address_line2   text,
    ADD COLUMN shipping_address_city    text,
    ADD COLUMN shipping_address_state   text,
    ADD COLUMN shipping_address_postal_code text,
    ADD COLUMN shipping_address_country text;

-- Rows loaded before this migration get their columns from raw, as ingest would fill them.
UPDATE stripe.customers SET
    address_line1 = raw->'address'->>'line1',
    address_line2 = raw->'address'->>'line2',
    address_city = raw->'address'->>'city',
    address_state = raw->'address'->>'state',
    address_postal_code = raw->'address'->>'postal_code',
    address_country = raw->'address'->>'country',
    shipping_name = raw->'shipping'->>'name',
    shipping_phone = raw->'shipping'->>'phone',
    shipping_address_line1 = raw->'shipping'->'address'->>'line1',
    shipping_address_line2 = raw->'shipping'->'address'->>'line2',
    shipping_address_city = raw->'shipping'->'address'->>'city',
    shipping_address_state = raw->'shipping'->'address'->>'state',
    shipping_address_postal_code = raw->'shipping'->'address'->>'postal_code',
    shipping_address_country = raw->'shipping'->'address'->>'country'
WHERE jsonb_typeof(raw->'address') = 'object' OR jsonb_typeof(raw->'shipping') = 'object';

CREATE TABLE stripe.credit_notes (
    id                              text PRIMARY KEY,
    invoice_id                      text REFERENCES stripe.invoices (id) DEFERRABLE,
    customer_id                     text REFERENCES stripe.customers (id) DEFERRABLE,
    customer_balance_transaction_id text,
    refund_id                       text,
    number                          text,
    status                          text,
    type                            text,
    reason                          text,
    currency                        text,
    amount                          bigint,
    amount_shipping                 bigint,
    discount_amount                 bigint,
    subtotal                        bigint,
    subtotal_excluding_tax          bigint,
    total                           bigint,
    total_excluding_tax             bigint,
    out_of_band_amount              bigint,
    memo                            text,
    effective_at                    timestamptz,
    voided_at                       timestamptz,
    created                         timestamptz,
    livemode                        boolean,
    metadata                        jsonb,
    raw                             jsonb NOT NULL,
    content_hash                    bytea,
    deleted                         boolean NOT NULL DEFAULT false,
    is_placeholder                  boolean NOT NULL DEFAULT false,
    is_embedded                     boolean NOT NULL DEFAULT false,
    ingested_at                     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX credit_notes_invoice_id_idx ON stripe.credit_notes (invoice_id);
CREATE INDEX credit_notes_customer_id_idx ON stripe.credit_notes (customer_id);
CREATE INDEX credit_notes_placeholder_idx ON stripe.credit_notes (id) WHERE is_placeholder;

CREATE TABLE stripe.credit_note_lines (
    credit_note_id          text NOT NULL REFERENCES stripe.credit_notes (id) ON DELETE CASCADE DEFERRABLE,
    id                      text NOT NULL,
    position                integer NOT NULL,
    type                    text,
    invoice_line_item_id    text,
    amount                  bigint,
    discount_amount         bigint,
    quantity                bigint,
    unit_amount             bigint,
    unit_amount_decimal     numeric,
    description             text,
    metadata                jsonb,
    PRIMARY KEY (credit_note_id, id)
);

CREATE TABLE stripe.checkout_sessions (
    id                  text PRIMARY KEY,
    customer_id         text REFERENCES stripe.customers (id) DEFERRABLE,
    subscription_id     text REFERENCES stripe.subscriptions (id) DEFERRABLE,
    payment_intent_id   text REFERENCES stripe.payment_intents (id) DEFERRABLE,
    invoice_id          text REFERENCES stripe.invoices (id) DEFERRABLE,
    setup_intent_id     text,
    mode                text,
    status              text,
    payment_status      text,
    currency            text,
    amount_subtotal     bigint,
    amount_total        bigint,
    customer_email      text,
    client_reference_id text,
    expires_at          timestamptz,
    created             timestamptz,
    livemode            boolean,
    metadata            jsonb,
    raw                 jsonb NOT NULL,
    content_hash        bytea,
    deleted             boolean NOT NULL DEFAULT false,
    is_placeholder      boolean NOT NULL DEFAULT false,
    is_embedded         boolean NOT NULL DEFAULT false,
    ingested_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX checkout_sessions_customer_id_idx ON stripe.checkout_sessions (customer_id);
CREATE INDEX checkout_sessions_subscription_id_idx ON stripe.checkout_sessions (subscription_id);
CREATE INDEX checkout_sessions_payment_intent_id_idx ON stripe.checkout_sessions (payment_intent_id);
CREATE INDEX checkout_sessions_invoice_id_idx ON stripe.checkout_sessions (invoice_id);
CREATE INDEX checkout_sessions_placeholder_idx ON stripe.checkout_sessions (id) WHERE is_placeholder;

CREATE TABLE stripe.checkout_session_line_items (
    checkout_session_id text NOT NULL REFERENCES stripe.checkout_sessions (id) ON DELETE CASCADE DEFERRABLE,
    id                  text NOT NULL,
    position            integer NOT NULL,
    price_id            text REFERENCES stripe.prices (id) DEFERRABLE,
    quantity            bigint,
    currency            text,
    description         text,
    amount_subtotal     bigint,
    amount_discount     bigint,
    amount_tax          bigint,
    amount_total        bigint,
    metadata            jsonb,
    PRIMARY KEY (checkout_session_id, id)
);
CREATE INDEX checkout_session_line_items_price_id_idx ON stripe.checkout_session_line_items (price_id);

-- As 0003 does for the other tables: lz4 for raw and metadata where the server has it.
DO $$
DECLARE
    target record;
BEGIN
    FOR target IN
        SELECT c.oid::regclass AS tbl, a.attname AS col
        FROM pg_class c
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relnamespace = 'stripe'::regnamespace AND c.relkind = 'r' AND a.attname IN ('raw', 'metadata')
          AND c.relname IN ('credit_notes', 'credit_note_lines', 'checkout_sessions', 'checkout_session_line_items')
        ORDER BY 1, 2
    LOOP
        BEGIN
            EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET COMPRESSION lz4', target.tbl, target.col);
        EXCEPTION WHEN feature_not_supported OR syntax_error THEN
            RAISE NOTICE 'lz4 compression is not available on this server; %.% keeps the default', target.tbl, target.col;
        END;
    END LOOP;
END
$$;

-- The normalized Stripe schema: one table per resource, typed columns for the fields that
-- matter to queries, metadata as jsonb and the full object as raw jsonb so nothing is lost.
--
-- Conventions for every resource table:
--   id              Stripe's id (primary key)
--   raw             the object exactly as Stripe sent it
--   content_hash    SHA-256 of the object's bytes, to skip unchanged objects on re-ingest
--   deleted         Stripe deleted the object (or it is a placeholder for a missing one)
--   is_placeholder  the row stands in for an object no dump contained, so foreign keys hold;
--                   the real object replaces it when it arrives
-- Child tables (subscription_items, invoice_line_items) hold typed columns and their position in
-- the parent's list; the child's full JSON is in the parent's raw, at that position.
-- References between resources are real foreign keys, indexed, and all DEFERRABLE (a fresh load
-- copies rows first and adds placeholders for missing parents before commit); the ones that can
-- form a cycle between resources are INITIALLY DEFERRED.

CREATE SCHEMA IF NOT EXISTS stripe;

CREATE TABLE stripe.products (
    id                  text PRIMARY KEY,
    active              boolean,
    name                text,
    description         text,
    type                text CHECK (type IN ('good', 'service')),
    default_price_id    text,
    unit_label          text,
    url                 text,
    tax_code            text,
    created             timestamptz,
    updated             timestamptz,
    livemode            boolean,
    metadata            jsonb,
    raw                 jsonb NOT NULL,
    content_hash        bytea,
    deleted             boolean NOT NULL DEFAULT false,
    is_placeholder      boolean NOT NULL DEFAULT false,
    ingested_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stripe.prices (
    id                      text PRIMARY KEY,
    product_id              text REFERENCES stripe.products (id) DEFERRABLE,
    active                  boolean,
    currency                text,
    unit_amount             bigint,
    unit_amount_decimal     numeric,
    type                    text CHECK (type IN ('one_time', 'recurring')),
    billing_scheme          text CHECK (billing_scheme IN ('per_unit', 'tiered')),
    recurring_interval      text CHECK (recurring_interval IN ('day', 'week', 'month', 'year')),
    recurring_interval_count integer,
    recurring_usage_type    text CHECK (recurring_usage_type IN ('licensed', 'metered')),
    tax_behavior            text CHECK (tax_behavior IN ('exclusive', 'inclusive', 'unspecified')),
    lookup_key              text,
    nickname                text,
    created                 timestamptz,
    livemode                boolean,
    metadata                jsonb,
    raw                     jsonb NOT NULL,
    content_hash            bytea,
    deleted                 boolean NOT NULL DEFAULT false,
    is_placeholder          boolean NOT NULL DEFAULT false,
    ingested_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX prices_product_id_idx ON stripe.prices (product_id);

ALTER TABLE stripe.products
    ADD CONSTRAINT products_default_price_id_fkey FOREIGN KEY (default_price_id)
    REFERENCES stripe.prices (id) DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX products_default_price_id_idx ON stripe.products (default_price_id);

CREATE TABLE stripe.customers (
    id                          text PRIMARY KEY,
    email                       text,
    name                        text,
    phone                       text,
    description                 text,
    currency                    text,
    balance                     bigint,
    delinquent                  boolean,
    tax_exempt                  text CHECK (tax_exempt IN ('none', 'exempt', 'reverse')),
    default_payment_method_id   text,
    address                     jsonb,
    created                     timestamptz,
    livemode                    boolean,
    metadata                    jsonb,
    raw                         jsonb NOT NULL,
    content_hash                bytea,
    deleted                     boolean NOT NULL DEFAULT false,
    is_placeholder              boolean NOT NULL DEFAULT false,
    ingested_at                 timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_email_idx ON stripe.customers (email);

CREATE TABLE stripe.payment_methods (
    id                  text PRIMARY KEY,
    customer_id         text REFERENCES stripe.customers (id) DEFERRABLE,
    type                text,
    card_brand          text,
    card_last4          text,
    card_exp_month      integer,
    card_exp_year       integer,
    card_fingerprint    text,
    card_funding        text,
    card_country        text,
    billing_email       text,
    billing_name        text,
    created             timestamptz,
    livemode            boolean,
    metadata            jsonb,
    raw                 jsonb NOT NULL,
    content_hash        bytea,
    deleted             boolean NOT NULL DEFAULT false,
    is_placeholder      boolean NOT NULL DEFAULT false,
    ingested_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_methods_customer_id_idx ON stripe.payment_methods (customer_id);

ALTER TABLE stripe.customers
    ADD CONSTRAINT customers_default_payment_method_id_fkey FOREIGN KEY (default_payment_method_id)
    REFERENCES stripe.payment_methods (id) DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX customers_default_payment_method_id_idx ON stripe.customers (default_payment_method_id);

CREATE TABLE stripe.subscriptions (
    id                          text PRIMARY KEY,
    customer_id                 text REFERENCES stripe.customers (id) DEFERRABLE,
    status                      text CHECK (status IN ('incomplete', 'incomplete_expired', 'trialing',
                                    'active', 'past_due', 'canceled', 'unpaid', 'paused')),
    currency                    text,
    collection_method           text CHECK (collection_method IN ('charge_automatically', 'send_invoice')),
    default_payment_method_id   text REFERENCES stripe.payment_methods (id) DEFERRABLE,
    latest_invoice_id           text,
    cancel_at_period_end        boolean,
    cancel_at                   timestamptz,
    canceled_at                 timestamptz,
    ended_at                    timestamptz,
    start_date                  timestamptz,
    trial_start                 timestamptz,
    trial_end                   timestamptz,
    current_period_start        timestamptz,
    current_period_end          timestamptz,
    billing_cycle_anchor        timestamptz,
    description                 text,
    created                     timestamptz,
    livemode                    boolean,
    metadata                    jsonb,
    raw                         jsonb NOT NULL,
    content_hash                bytea,
    deleted                     boolean NOT NULL DEFAULT false,
    is_placeholder              boolean NOT NULL DEFAULT false,
    ingested_at                 timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscriptions_customer_id_idx ON stripe.subscriptions (customer_id);
CREATE INDEX subscriptions_default_payment_method_id_idx ON stripe.subscriptions (default_payment_method_id);
CREATE INDEX subscriptions_latest_invoice_id_idx ON stripe.subscriptions (latest_invoice_id);

CREATE TABLE stripe.subscription_items (
    id                      text PRIMARY KEY,
    subscription_id         text NOT NULL REFERENCES stripe.subscriptions (id) ON DELETE CASCADE DEFERRABLE,
    position                integer NOT NULL,
    price_id                text REFERENCES stripe.prices (id) DEFERRABLE,
    quantity                bigint,
    current_period_start    timestamptz,
    current_period_end      timestamptz,
    created                 timestamptz,
    metadata                jsonb
);
CREATE INDEX subscription_items_subscription_id_idx ON stripe.subscription_items (subscription_id);
CREATE INDEX subscription_items_price_id_idx ON stripe.subscription_items (price_id);

CREATE TABLE stripe.invoices (
    id                  text PRIMARY KEY,
    customer_id         text REFERENCES stripe.customers (id) DEFERRABLE,
    subscription_id     text REFERENCES stripe.subscriptions (id) DEFERRABLE INITIALLY DEFERRED,
    payment_intent_id   text,
    status              text CHECK (status IN ('draft', 'open', 'paid', 'uncollectible', 'void')),
    number              text,
    currency            text,
    amount_due          bigint,
    amount_paid         bigint,
    amount_remaining    bigint,
    subtotal            bigint,
    total               bigint,
    collection_method   text CHECK (collection_method IN ('charge_automatically', 'send_invoice')),
    billing_reason      text,
    customer_email      text,
    period_start        timestamptz,
    period_end          timestamptz,
    due_date            timestamptz,
    paid_at             timestamptz,
    created             timestamptz,
    livemode            boolean,
    metadata            jsonb,
    raw                 jsonb NOT NULL,
    content_hash        bytea,
    deleted             boolean NOT NULL DEFAULT false,
    is_placeholder      boolean NOT NULL DEFAULT false,
    ingested_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invoices_customer_id_idx ON stripe.invoices (customer_id);
CREATE INDEX invoices_subscription_id_idx ON stripe.invoices (subscription_id);
CREATE INDEX invoices_payment_intent_id_idx ON stripe.invoices (payment_intent_id);

ALTER TABLE stripe.subscriptions
    ADD CONSTRAINT subscriptions_latest_invoice_id_fkey FOREIGN KEY (latest_invoice_id)
    REFERENCES stripe.invoices (id) DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE stripe.invoice_line_items (
    invoice_id              text NOT NULL REFERENCES stripe.invoices (id) ON DELETE CASCADE DEFERRABLE,
    id                      text NOT NULL,
    position                integer NOT NULL,
    type                    text,
    amount                  bigint,
    currency                text,
    description             text,
    quantity                bigint,
    price_id                text REFERENCES stripe.prices (id) DEFERRABLE,
    subscription_id         text REFERENCES stripe.subscriptions (id) DEFERRABLE INITIALLY DEFERRED,
    subscription_item_id    text,
    proration               boolean,
    period_start            timestamptz,
    period_end              timestamptz,
    metadata                jsonb,
    PRIMARY KEY (invoice_id, id)
);
CREATE INDEX invoice_line_items_price_id_idx ON stripe.invoice_line_items (price_id);
CREATE INDEX invoice_line_items_subscription_id_idx ON stripe.invoice_line_items (subscription_id);

CREATE TABLE stripe.payment_intents (
    id                  text PRIMARY KEY,
    customer_id         text REFERENCES stripe.customers (id) DEFERRABLE,
    invoice_id          text REFERENCES stripe.invoices (id) DEFERRABLE INITIALLY DEFERRED,
    payment_method_id   text REFERENCES stripe.payment_methods (id) DEFERRABLE,
    latest_charge_id    text,
    amount              bigint,
    amount_received     bigint,
    amount_capturable   bigint,
    currency            text,
    status              text CHECK (status IN ('requires_payment_method', 'requires_confirmation',
                            'requires_action', 'processing', 'requires_capture', 'canceled', 'succeeded')),
    capture_method      text CHECK (capture_method IN ('automatic', 'automatic_async', 'manual')),
    description         text,
    receipt_email       text,
    canceled_at         timestamptz,
    cancellation_reason text,
    created             timestamptz,
    livemode            boolean,
    metadata            jsonb,
    raw                 jsonb NOT NULL,
    content_hash        bytea,
    deleted             boolean NOT NULL DEFAULT false,
    is_placeholder      boolean NOT NULL DEFAULT false,
    ingested_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_intents_customer_id_idx ON stripe.payment_intents (customer_id);
CREATE INDEX payment_intents_invoice_id_idx ON stripe.payment_intents (invoice_id);
CREATE INDEX payment_intents_payment_method_id_idx ON stripe.payment_intents (payment_method_id);
CREATE INDEX payment_intents_latest_charge_id_idx ON stripe.payment_intents (latest_charge_id);

ALTER TABLE stripe.invoices
    ADD CONSTRAINT invoices_payment_intent_id_fkey FOREIGN KEY (payment_intent_id)
    REFERENCES stripe.payment_intents (id) DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE stripe.charges (
    id                  text PRIMARY KEY,
    customer_id         text REFERENCES stripe.customers (id) DEFERRABLE,
    payment_intent_id   text REFERENCES stripe.payment_intents (id) DEFERRABLE INITIALLY DEFERRED,
    invoice_id          text REFERENCES stripe.invoices (id) DEFERRABLE INITIALLY DEFERRED,
    payment_method_id   text REFERENCES stripe.payment_methods (id) DEFERRABLE,
    amount              bigint,
    amount_captured     bigint,
    amount_refunded     bigint,
    currency            text,
    status              text CHECK (status IN ('succeeded', 'pending', 'failed')),
    paid                boolean,
    captured            boolean,
    refunded            boolean,
    disputed            boolean,
    failure_code        text,
    failure_message     text,
    balance_transaction text,
    receipt_email       text,
    description         text,
    created             timestamptz,
    livemode            boolean,
    metadata            jsonb,
    raw                 jsonb NOT NULL,
    content_hash        bytea,
    deleted             boolean NOT NULL DEFAULT false,
    is_placeholder      boolean NOT NULL DEFAULT false,
    ingested_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX charges_customer_id_idx ON stripe.charges (customer_id);
CREATE INDEX charges_payment_intent_id_idx ON stripe.charges (payment_intent_id);
CREATE INDEX charges_invoice_id_idx ON stripe.charges (invoice_id);
CREATE INDEX charges_payment_method_id_idx ON stripe.charges (payment_method_id);

ALTER TABLE stripe.payment_intents
    ADD CONSTRAINT payment_intents_latest_charge_id_fkey FOREIGN KEY (latest_charge_id)
    REFERENCES stripe.charges (id) DEFERRABLE INITIALLY DEFERRED;

-- Placeholders are few; these partial indexes find them without scanning the tables.
CREATE INDEX products_placeholder_idx ON stripe.products (id) WHERE is_placeholder;
CREATE INDEX prices_placeholder_idx ON stripe.prices (id) WHERE is_placeholder;
CREATE INDEX customers_placeholder_idx ON stripe.customers (id) WHERE is_placeholder;
CREATE INDEX payment_methods_placeholder_idx ON stripe.payment_methods (id) WHERE is_placeholder;
CREATE INDEX subscriptions_placeholder_idx ON stripe.subscriptions (id) WHERE is_placeholder;
CREATE INDEX invoices_placeholder_idx ON stripe.invoices (id) WHERE is_placeholder;
CREATE INDEX payment_intents_placeholder_idx ON stripe.payment_intents (id) WHERE is_placeholder;
CREATE INDEX charges_placeholder_idx ON stripe.charges (id) WHERE is_placeholder;

-- Bookkeeping of the loader itself.
CREATE TABLE stripe_oltp.ingest_runs (
    id              bigserial PRIMARY KEY,
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    source          text NOT NULL,
    outcome         text NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'succeeded', 'failed', 'partial')),
    summary         jsonb,
    error           text
);

CREATE TABLE stripe_oltp.ingest_rejects (
    id              bigserial PRIMARY KEY,
    run_id          bigint REFERENCES stripe_oltp.ingest_runs (id) ON DELETE CASCADE,
    resource        text NOT NULL,
    file            text NOT NULL,
    line            bigint,
    byte_offset     bigint,
    object_id       text,
    reason          text NOT NULL,
    raw_text        text NOT NULL,
    rejected_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ingest_rejects_run_id_idx ON stripe_oltp.ingest_rejects (run_id);

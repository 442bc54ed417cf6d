-- Billing resources: coupons, promotion codes, plans, tax rates, invoice items, setup intents,
-- and discounts. Discounts have no list endpoint: ingest fills stripe.discounts from the
-- customers, subscriptions, invoices and invoice items that embed them (rows is_embedded), and
-- from customer.discount.* events. A coupon's applies_to.products is the jsonb array
-- coupons.applies_to_products (product ids; no foreign key). Plans listed at /v1/plans load into
-- stripe.plans; a plan embedded in an older subscription item or invoice line still fills
-- stripe.prices, since a plan id is also a price id. An invoice item has `date`, not `created`:
-- its created column holds the date.
--
-- Same conventions as every resource table (see 0001, 0004 and 0008).

CREATE TABLE stripe.coupons (
    id                       text PRIMARY KEY,
    name                     text,
    percent_off              numeric,
    amount_off               bigint,
    currency                 text,
    duration                 text,
    duration_in_months       integer,
    max_redemptions          bigint,
    times_redeemed           bigint,
    redeem_by                timestamptz,
    valid                    boolean,
    applies_to_products      jsonb,
    created                  timestamptz,
    livemode                 boolean,
    metadata                 jsonb,
    raw                      jsonb NOT NULL,
    content_hash             bytea,
    deleted                  boolean NOT NULL DEFAULT false,
    is_placeholder           boolean NOT NULL DEFAULT false,
    is_embedded              boolean NOT NULL DEFAULT false,
    ingested_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX coupons_placeholder_idx ON stripe.coupons (id) WHERE is_placeholder;

CREATE TABLE stripe.promotion_codes (
    id                       text PRIMARY KEY,
    coupon_id                text REFERENCES stripe.coupons (id) DEFERRABLE,
    customer_id              text REFERENCES stripe.customers (id) DEFERRABLE,
    code                     text,
    active                   boolean,
    expires_at               timestamptz,
    max_redemptions          bigint,
    times_redeemed           bigint,
    first_time_transaction   boolean,
    minimum_amount           bigint,
    minimum_amount_currency  text,
    created                  timestamptz,
    livemode                 boolean,
    metadata                 jsonb,
    raw                      jsonb NOT NULL,
    content_hash             bytea,
    deleted                  boolean NOT NULL DEFAULT false,
    is_placeholder           boolean NOT NULL DEFAULT false,
    is_embedded              boolean NOT NULL DEFAULT false,
    ingested_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX promotion_codes_coupon_id_idx ON stripe.promotion_codes (coupon_id);
CREATE INDEX promotion_codes_customer_id_idx ON stripe.promotion_codes (customer_id);
CREATE INDEX promotion_codes_placeholder_idx ON stripe.promotion_codes (id) WHERE is_placeholder;

CREATE TABLE stripe.plans (
    id                       text PRIMARY KEY,
    product_id               text REFERENCES stripe.products (id) DEFERRABLE,
    active                   boolean,
    amount                   bigint,
    amount_decimal           numeric,
    currency                 text,
    recurring_interval       text,
    recurring_interval_count integer,
    usage_type               text,
    billing_scheme           text,
    nickname                 text,
    trial_period_days        integer,
    created                  timestamptz,
    livemode                 boolean,
    metadata                 jsonb,
    raw                      jsonb NOT NULL,
    content_hash             bytea,
    deleted                  boolean NOT NULL DEFAULT false,
    is_placeholder           boolean NOT NULL DEFAULT false,
    is_embedded              boolean NOT NULL DEFAULT false,
    ingested_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plans_product_id_idx ON stripe.plans (product_id);
CREATE INDEX plans_placeholder_idx ON stripe.plans (id) WHERE is_placeholder;

CREATE TABLE stripe.tax_rates (
    id                       text PRIMARY KEY,
    display_name             text,
    description              text,
    percentage               numeric,
    effective_percentage     numeric,
    inclusive                boolean,
    active                   boolean,
    country                  text,
    state                    text,
    jurisdiction             text,
    tax_type                 text,
    created                  timestamptz,
    livemode                 boolean,
    metadata                 jsonb,
    raw                      jsonb NOT NULL,
    content_hash             bytea,
    deleted                  boolean NOT NULL DEFAULT false,
    is_placeholder           boolean NOT NULL DEFAULT false,
    is_embedded              boolean NOT NULL DEFAULT false,
    ingested_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tax_rates_placeholder_idx ON stripe.tax_rates (id) WHERE is_placeholder;

CREATE TABLE stripe.invoice_items (
    id                       text PRIMARY KEY,
    customer_id              text REFERENCES stripe.customers (id) DEFERRABLE,
    invoice_id               text REFERENCES stripe.invoices (id) DEFERRABLE,
    subscription_id          text REFERENCES stripe.subscriptions (id) DEFERRABLE,
    price_id                 text REFERENCES stripe.prices (id) DEFERRABLE,
    amount                   bigint,
    currency                 text,
    description              text,
    quantity                 bigint,
    discountable             boolean,
    proration                boolean,
    period_start             timestamptz,
    period_end               timestamptz,
    created                  timestamptz,
    livemode                 boolean,
    metadata                 jsonb,
    raw                      jsonb NOT NULL,
    content_hash             bytea,
    deleted                  boolean NOT NULL DEFAULT false,
    is_placeholder           boolean NOT NULL DEFAULT false,
    is_embedded              boolean NOT NULL DEFAULT false,
    ingested_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invoice_items_customer_id_idx ON stripe.invoice_items (customer_id);
CREATE INDEX invoice_items_invoice_id_idx ON stripe.invoice_items (invoice_id);
CREATE INDEX invoice_items_subscription_id_idx ON stripe.invoice_items (subscription_id);
CREATE INDEX invoice_items_price_id_idx ON stripe.invoice_items (price_id);
CREATE INDEX invoice_items_placeholder_idx ON stripe.invoice_items (id) WHERE is_placeholder;

CREATE TABLE stripe.setup_intents (
    id                       text PRIMARY KEY,
    customer_id              text REFERENCES stripe.customers (id) DEFERRABLE,
    payment_method_id        text REFERENCES stripe.payment_methods (id) DEFERRABLE,
    status                   text,
    usage                    text,
    description              text,
    cancellation_reason      text,
    latest_attempt           text,
    mandate                  text,
    created                  timestamptz,
    livemode                 boolean,
    metadata                 jsonb,
    raw                      jsonb NOT NULL,
    content_hash             bytea,
    deleted                  boolean NOT NULL DEFAULT false,
    is_placeholder           boolean NOT NULL DEFAULT false,
    is_embedded              boolean NOT NULL DEFAULT false,
    ingested_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX setup_intents_customer_id_idx ON stripe.setup_intents (customer_id);
CREATE INDEX setup_intents_payment_method_id_idx ON stripe.setup_intents (payment_method_id);
CREATE INDEX setup_intents_placeholder_idx ON stripe.setup_intents (id) WHERE is_placeholder;

CREATE TABLE stripe.discounts (
    id                       text PRIMARY KEY,
    coupon_id                text REFERENCES stripe.coupons (id) DEFERRABLE,
    promotion_code_id        text REFERENCES stripe.promotion_codes (id) DEFERRABLE,
    customer_id              text REFERENCES stripe.customers (id) DEFERRABLE,
    subscription_id          text REFERENCES stripe.subscriptions (id) DEFERRABLE,
    invoice_id               text REFERENCES stripe.invoices (id) DEFERRABLE,
    invoice_item_id          text REFERENCES stripe.invoice_items (id) DEFERRABLE,
    subscription_item_id     text,
    checkout_session_id      text,
    started_at               timestamptz,
    ends_at                  timestamptz,
    raw                      jsonb NOT NULL,
    content_hash             bytea,
    deleted                  boolean NOT NULL DEFAULT false,
    is_placeholder           boolean NOT NULL DEFAULT false,
    is_embedded              boolean NOT NULL DEFAULT false,
    ingested_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX discounts_coupon_id_idx ON stripe.discounts (coupon_id);
CREATE INDEX discounts_promotion_code_id_idx ON stripe.discounts (promotion_code_id);
CREATE INDEX discounts_customer_id_idx ON stripe.discounts (customer_id);
CREATE INDEX discounts_subscription_id_idx ON stripe.discounts (subscription_id);
CREATE INDEX discounts_invoice_id_idx ON stripe.discounts (invoice_id);
CREATE INDEX discounts_invoice_item_id_idx ON stripe.discounts (invoice_item_id);
CREATE INDEX discounts_placeholder_idx ON stripe.discounts (id) WHERE is_placeholder;

-- As 0003 does for the other tables: lz4 for raw and metadata where the server has it.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['coupons', 'promotion_codes', 'plans', 'tax_rates', 'invoice_items', 'setup_intents'] LOOP
        EXECUTE format('ALTER TABLE stripe.%I ALTER COLUMN raw SET COMPRESSION lz4, ALTER COLUMN metadata SET COMPRESSION lz4', t);
    END LOOP;
    ALTER TABLE stripe.discounts ALTER COLUMN raw SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR syntax_error THEN
    RAISE NOTICE 'lz4 compression is not available on this server; the billing tables keep the default';
END
$$;

-- Money resources: refunds, disputes, balance transactions and payouts.
--
-- A balance transaction's `source` is polymorphic (a charge, refund, dispute, payout, transfer, …):
-- `source_id` holds any source's id and `source_type` its type, and each type this database loads
-- has its own foreign key column (`source_charge_id`, …), filled only for sources of that type.
-- Refunds and payouts reference balance transactions, whose sources reference refunds and payouts:
-- those keys are added once every table exists. Like every foreign key in schema stripe they are
-- DEFERRABLE, and the keys of that cycle (and payouts' references to payouts) INITIALLY DEFERRED,
-- as 0001 does for its cycles: a run loads the members of a cycle in any order and adds
-- placeholders for references still missing at its end.
--
-- Same conventions as every resource table (see 0001 and 0004). Refunds and balance transactions
-- carry no `livemode`, balance transactions no metadata either: Stripe's objects have none.

CREATE TABLE stripe.refunds (
    id                              text PRIMARY KEY,
    charge_id                       text REFERENCES stripe.charges (id) DEFERRABLE,
    payment_intent_id               text REFERENCES stripe.payment_intents (id) DEFERRABLE,
    balance_transaction_id          text,
    failure_balance_transaction_id  text,
    amount                          bigint,
    currency                        text,
    status                          text,
    reason                          text,
    failure_reason                  text,
    receipt_number                  text,
    description                     text,
    created                         timestamptz,
    metadata                        jsonb,
    raw                             jsonb NOT NULL,
    content_hash                    bytea,
    deleted                         boolean NOT NULL DEFAULT false,
    is_placeholder                  boolean NOT NULL DEFAULT false,
    is_embedded                     boolean NOT NULL DEFAULT false,
    ingested_at                     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stripe.disputes (
    id                      text PRIMARY KEY,
    charge_id               text REFERENCES stripe.charges (id) DEFERRABLE,
    payment_intent_id       text REFERENCES stripe.payment_intents (id) DEFERRABLE,
    amount                  bigint,
    currency                text,
    status                  text,
    reason                  text,
    is_charge_refundable    boolean,
    evidence_due_by         timestamptz,
    created                 timestamptz,
    livemode                boolean,
    metadata                jsonb,
    raw                     jsonb NOT NULL,
    content_hash            bytea,
    deleted                 boolean NOT NULL DEFAULT false,
    is_placeholder          boolean NOT NULL DEFAULT false,
    is_embedded             boolean NOT NULL DEFAULT false,
    ingested_at             timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stripe.payouts (
    id                              text PRIMARY KEY,
    balance_transaction_id          text,
    failure_balance_transaction_id  text,
    original_payout_id              text REFERENCES stripe.payouts (id) DEFERRABLE INITIALLY DEFERRED,
    reversed_by_id                  text REFERENCES stripe.payouts (id) DEFERRABLE INITIALLY DEFERRED,
    destination_id                  text,
    amount                          bigint,
    currency                        text,
    arrival_date                    timestamptz,
    automatic                       boolean,
    status                          text,
    type                            text,
    method                          text,
    source_type                     text,
    reconciliation_status           text,
    failure_code                    text,
    failure_message                 text,
    description                     text,
    statement_descriptor            text,
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

CREATE TABLE stripe.balance_transactions (
    id                  text PRIMARY KEY,
    amount              bigint,
    fee                 bigint,
    net                 bigint,
    currency            text,
    type                text,
    reporting_category  text,
    status              text,
    available_on        timestamptz,
    description         text,
    exchange_rate       numeric,
    fee_details         jsonb,
    source_id           text,
    source_type         text,
    source_charge_id    text REFERENCES stripe.charges (id) DEFERRABLE,
    source_refund_id    text REFERENCES stripe.refunds (id) DEFERRABLE,
    source_dispute_id   text REFERENCES stripe.disputes (id) DEFERRABLE,
    source_payout_id    text REFERENCES stripe.payouts (id) DEFERRABLE INITIALLY DEFERRED,
    created             timestamptz,
    raw                 jsonb NOT NULL,
    content_hash        bytea,
    deleted             boolean NOT NULL DEFAULT false,
    is_placeholder      boolean NOT NULL DEFAULT false,
    is_embedded         boolean NOT NULL DEFAULT false,
    ingested_at         timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE stripe.refunds
    ADD FOREIGN KEY (balance_transaction_id) REFERENCES stripe.balance_transactions (id) DEFERRABLE INITIALLY DEFERRED,
    ADD FOREIGN KEY (failure_balance_transaction_id) REFERENCES stripe.balance_transactions (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE stripe.payouts
    ADD FOREIGN KEY (balance_transaction_id) REFERENCES stripe.balance_transactions (id) DEFERRABLE INITIALLY DEFERRED,
    ADD FOREIGN KEY (failure_balance_transaction_id) REFERENCES stripe.balance_transactions (id) DEFERRABLE INITIALLY DEFERRED;

CREATE INDEX refunds_charge_id_idx ON stripe.refunds (charge_id);
CREATE INDEX refunds_payment_intent_id_idx ON stripe.refunds (payment_intent_id);
CREATE INDEX refunds_balance_transaction_id_idx ON stripe.refunds (balance_transaction_id);
CREATE INDEX refunds_failure_balance_transaction_id_idx ON stripe.refunds (failure_balance_transaction_id);
CREATE INDEX disputes_charge_id_idx ON stripe.disputes (charge_id);
CREATE INDEX disputes_payment_intent_id_idx ON stripe.disputes (payment_intent_id);
CREATE INDEX payouts_balance_transaction_id_idx ON stripe.payouts (balance_transaction_id);
CREATE INDEX payouts_failure_balance_transaction_id_idx ON stripe.payouts (failure_balance_transaction_id);
CREATE INDEX payouts_original_payout_id_idx ON stripe.payouts (original_payout_id);
CREATE INDEX payouts_reversed_by_id_idx ON stripe.payouts (reversed_by_id);
CREATE INDEX balance_transactions_source_id_idx ON stripe.balance_transactions (source_id);
CREATE INDEX balance_transactions_source_charge_id_idx ON stripe.balance_transactions (source_charge_id);
CREATE INDEX balance_transactions_source_refund_id_idx ON stripe.balance_transactions (source_refund_id);
CREATE INDEX balance_transactions_source_dispute_id_idx ON stripe.balance_transactions (source_dispute_id);
CREATE INDEX balance_transactions_source_payout_id_idx ON stripe.balance_transactions (source_payout_id);
CREATE INDEX balance_transactions_created_idx ON stripe.balance_transactions (created);
CREATE INDEX refunds_placeholder_idx ON stripe.refunds (id) WHERE is_placeholder;
CREATE INDEX disputes_placeholder_idx ON stripe.disputes (id) WHERE is_placeholder;
CREATE INDEX payouts_placeholder_idx ON stripe.payouts (id) WHERE is_placeholder;
CREATE INDEX balance_transactions_placeholder_idx ON stripe.balance_transactions (id) WHERE is_placeholder;

-- As 0003 does for the other tables: lz4 for raw and metadata where the server has it.
DO $$
BEGIN
    ALTER TABLE stripe.refunds ALTER COLUMN raw SET COMPRESSION lz4, ALTER COLUMN metadata SET COMPRESSION lz4;
    ALTER TABLE stripe.disputes ALTER COLUMN raw SET COMPRESSION lz4, ALTER COLUMN metadata SET COMPRESSION lz4;
    ALTER TABLE stripe.payouts ALTER COLUMN raw SET COMPRESSION lz4, ALTER COLUMN metadata SET COMPRESSION lz4;
    ALTER TABLE stripe.balance_transactions ALTER COLUMN raw SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR syntax_error THEN
    RAISE NOTICE 'lz4 compression is not available on this server; the money tables keep the default';
END
$$;

-- Binds the database and its fetch cursors to one Stripe account.
--
-- fetch_cursors gains the account the cursor was fetched from (the /v1/account id and livemode)
-- and the API base it was fetched through, so an incremental fetch from another account or
-- server is refused instead of silently reading nothing. Cursors written before this migration
-- have no account.
--
-- source_account holds the one account whose dumps this database was loaded from, recorded by
-- the first ingest of a dump whose manifest names an account; an ingest of another account's
-- dump is refused.

ALTER TABLE stripe_oltp.fetch_cursors
    ADD COLUMN account_id text,
    ADD COLUMN livemode boolean,
    ADD COLUMN api_base text;

CREATE TABLE stripe_oltp.source_account (
    singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    account_id      text NOT NULL,
    livemode        boolean NOT NULL,
    api_base        text NOT NULL,
    ingest_run_id   bigint REFERENCES stripe_oltp.ingest_runs (id) ON DELETE SET NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now()
);

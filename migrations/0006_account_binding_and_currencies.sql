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

-- Currencies and their minor-unit exponents as Stripe counts them, and stripe.to_major(), which
-- turns an amount in minor units (what Stripe sends) into major units: dividing by 100 is wrong
-- for zero-decimal currencies (JPY, KRW, …: 500 JPY is `500`) and three-decimal ones (BHD, KWD,
-- …: 1.500 KWD is `1500`). Currencies not listed have two decimals. The table lives in
-- stripe_oltp so the stripe schema holds Stripe's data only.
--
--   SELECT id, currency, stripe.to_major(amount_due, currency) AS amount_due_major FROM stripe.invoices;

CREATE TABLE stripe_oltp.currencies (
    code        text PRIMARY KEY CHECK (code = lower(code)),
    exponent    smallint NOT NULL CHECK (exponent BETWEEN 0 AND 3),
    note        text
);

INSERT INTO stripe_oltp.currencies (code, exponent, note) VALUES
    ('bif', 0, 'zero-decimal'), ('clp', 0, 'zero-decimal'), ('djf', 0, 'zero-decimal'),
    ('gnf', 0, 'zero-decimal'), ('jpy', 0, 'zero-decimal'), ('kmf', 0, 'zero-decimal'),
    ('krw', 0, 'zero-decimal'), ('mga', 0, 'zero-decimal'), ('pyg', 0, 'zero-decimal'),
    ('rwf', 0, 'zero-decimal'), ('ugx', 0, 'zero-decimal'), ('vnd', 0, 'zero-decimal'),
    ('vuv', 0, 'zero-decimal'), ('xaf', 0, 'zero-decimal'), ('xof', 0, 'zero-decimal'),
    ('xpf', 0, 'zero-decimal'),
    ('bhd', 3, 'three-decimal; Stripe requires the last digit to be 0'),
    ('jod', 3, 'three-decimal; Stripe requires the last digit to be 0'),
    ('kwd', 3, 'three-decimal; Stripe requires the last digit to be 0'),
    ('omr', 3, 'three-decimal; Stripe requires the last digit to be 0'),
    ('tnd', 3, 'three-decimal; Stripe requires the last digit to be 0'),
    ('usd', 2, NULL), ('eur', 2, NULL), ('gbp', 2, NULL), ('cad', 2, NULL), ('aud', 2, NULL),
    ('chf', 2, NULL), ('sek', 2, NULL), ('nok', 2, NULL), ('dkk', 2, NULL), ('pln', 2, NULL),
    ('inr', 2, NULL), ('brl', 2, NULL), ('mxn', 2, NULL), ('sgd', 2, NULL), ('hkd', 2, NULL),
    ('nzd', 2, NULL), ('zar', 2, NULL),
    ('isk', 2, 'two-decimal in the API, but charged in whole units (amounts divisible by 100)'),
    ('huf', 2, 'two-decimal in the API; payouts in whole units'),
    ('twd', 2, 'two-decimal in the API; payouts in whole units');

COMMENT ON TABLE stripe_oltp.currencies IS
    'Minor-unit exponents as Stripe counts them (amount in major units = amount / 10^exponent); currencies not listed have 2.';

CREATE FUNCTION stripe.to_major(amount bigint, currency text) RETURNS numeric
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    AS $$
        SELECT round(amount::numeric / (10::numeric ^ e.exponent), e.exponent)
        FROM (SELECT coalesce((SELECT c.exponent FROM stripe_oltp.currencies c WHERE c.code = lower(currency)), 2)::int AS exponent) e
    $$;

COMMENT ON FUNCTION stripe.to_major(bigint, text) IS
    'An amount in minor units (as Stripe sends it) in major units of its currency: to_major(1234, ''usd'') = 12.34, to_major(500, ''jpy'') = 500, to_major(1500, ''kwd'') = 1.500.';

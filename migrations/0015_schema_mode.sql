-- The mode (test or live) of the Stripe data a schema holds, so that objects of the other mode
-- are refused instead of mixed in. Recorded by the first load that meets an object with a
-- livemode (an ingest run or a live event), or set with `stripe-oltp migrate mark-mode`; every
-- later load checks against it. Each schema (--schema NAME) has its own row in NAME_oltp.
CREATE TABLE stripe_oltp.schema_mode (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    livemode    boolean NOT NULL,
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE stripe_oltp.schema_mode IS
    'The mode of the Stripe data in this schema: livemode false = test mode, true = live mode. Loads of the other mode are refused.';

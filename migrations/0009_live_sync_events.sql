-- Live sync: the events store and the bookkeeping that makes applying events exactly once and
-- never backwards.
--
-- stripe.events keeps every event the database has seen, forever (Stripe keeps 30 days): from
-- a fetch's events.json, a webhook delivery or `sync --follow`. Same conventions as every
-- resource table (see 0001 and 0004); its columns are the catalog's `events` declaration.
--
-- stripe_oltp.event_applications: one row per event the apply path took in, with its arrival
-- number (the order events reached this database), when it arrived, when it was applied and
-- what came of it (applied, stale, unknown: an event type or object the catalog does not load).
--
-- stripe_oltp.row_versions: per row of a resource table, the event that last wrote it, keyed by
-- (table, object id), so adding a resource needs no extra columns. An event writes the row only
-- when it is not older: its object's own `updated` (where the object has one) is compared
-- first, then the event's `created`; ties go to the later arrival.
--
-- stripe_oltp.event_quarantine: events that could not be applied (an object that does not
-- transform, a thin event without an API key to re-retrieve it), with the reason; `stripe-oltp
-- events retry` and a redelivery apply them again, and a success removes the row.

CREATE TABLE stripe.events (
    id              text PRIMARY KEY,
    type            text,
    api_version     text,
    created         timestamptz,
    object_id       text,
    object_type     text,
    request_id      text,
    livemode        boolean,
    raw             jsonb NOT NULL,
    content_hash    bytea,
    deleted         boolean NOT NULL DEFAULT false,
    is_placeholder  boolean NOT NULL DEFAULT false,
    is_embedded     boolean NOT NULL DEFAULT false,
    ingested_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_created_idx ON stripe.events (created);
CREATE INDEX events_object_id_idx ON stripe.events (object_id);
CREATE INDEX events_type_idx ON stripe.events (type);

CREATE SEQUENCE stripe_oltp.event_arrival_seq;

CREATE TABLE stripe_oltp.event_applications (
    event_id        text PRIMARY KEY,
    arrival         bigint NOT NULL,
    outcome         text NOT NULL CHECK (outcome IN ('applied', 'stale', 'unknown')),
    received_at     timestamptz NOT NULL DEFAULT now(),
    applied_at      timestamptz
);

CREATE TABLE stripe_oltp.row_versions (
    table_name      text NOT NULL,
    object_id       text NOT NULL,
    event_id        text NOT NULL,
    event_created   bigint NOT NULL,
    object_updated  bigint,
    arrival         bigint NOT NULL,
    written_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (table_name, object_id)
);

CREATE TABLE stripe_oltp.event_quarantine (
    event_id        text PRIMARY KEY,
    type            text,
    object_id       text,
    reason          text NOT NULL,
    raw             text NOT NULL,
    first_seen_at   timestamptz NOT NULL DEFAULT now(),
    last_attempt_at timestamptz NOT NULL DEFAULT now(),
    attempts        integer NOT NULL DEFAULT 1
);

-- As 0003 does for the other tables: lz4 for raw where the server has it.
DO $$
BEGIN
    ALTER TABLE stripe.events ALTER COLUMN raw SET COMPRESSION lz4;
    ALTER TABLE stripe_oltp.event_quarantine ALTER COLUMN raw SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR syntax_error THEN
    RAISE NOTICE 'lz4 compression is not available on this server; the events raw columns keep the default';
END
$$;

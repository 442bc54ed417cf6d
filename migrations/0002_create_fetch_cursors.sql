-- Where the next incremental fetch starts. A fetch reads these cursors and records the ones it
-- reached in its dump manifest; an ingest of that dump writes them here once the dump's objects
-- are in the database, so a fetch whose dump was never ingested is fetched again.
--
--   name            a resource (customers, invoices, …) or 'events'
--   created_until   newest `created` (unix seconds) of the objects fetched for the resource;
--                   for 'events', the `created` of the newest event seen when the fetch began
--   event_id        for 'events', that newest event's id
--   api_version     the Stripe-Version the dump was fetched with
--   fetched_at      when the fetch that produced the cursor began
--   ingest_run_id   the ingest run that recorded it

CREATE TABLE stripe_oltp.fetch_cursors (
    name            text PRIMARY KEY,
    created_until   bigint NOT NULL,
    event_id        text,
    api_version     text NOT NULL,
    fetched_at      timestamptz NOT NULL,
    ingest_run_id   bigint REFERENCES stripe_oltp.ingest_runs (id) ON DELETE SET NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now()
);

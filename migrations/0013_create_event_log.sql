-- Run telemetry: one row per structured event of a command run (ingest.started, ingest.completed,
-- fetch.completed, check.completed, populate.completed), queryable with plain SQL. Every payload
-- carries run_id, schema, api_version, host and duration_seconds besides its own fields.
CREATE TABLE stripe_oltp.event_log (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      timestamptz NOT NULL DEFAULT now(),
    event   text NOT NULL,
    run_id  text NOT NULL,
    schema  text NOT NULL,
    payload jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX event_log_event_at ON stripe_oltp.event_log (event, at DESC);
CREATE INDEX event_log_run_id ON stripe_oltp.event_log (run_id);
COMMENT ON TABLE stripe_oltp.event_log IS 'Run telemetry: one structured event per row (ingest, fetch, check, populate).';

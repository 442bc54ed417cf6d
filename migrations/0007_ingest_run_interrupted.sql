-- An ingest run that is killed or crashes keeps its `ingest_runs` row at 'running' (the row is
-- written before the run's transaction, which rolls back). The next run, holding the ingest
-- advisory lock, knows no such run is live and records it as 'interrupted'.
ALTER TABLE stripe_oltp.ingest_runs DROP CONSTRAINT IF EXISTS ingest_runs_outcome_check;
ALTER TABLE stripe_oltp.ingest_runs ADD CONSTRAINT ingest_runs_outcome_check
    CHECK (outcome IN ('running', 'succeeded', 'failed', 'partial', 'interrupted'));

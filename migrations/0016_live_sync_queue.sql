-- Live sync throughput: a durable intake queue, and the lifecycle rank of the event that last
-- wrote each row.
--
-- stripe_oltp.event_queue: `serve` inserts each verified event here (one statement, committed)
-- before it answers 2xx; a background applier takes the queued events in arrival order, many
-- per transaction, applies them and deletes their rows in that same transaction. An event
-- acknowledged but not yet applied when the process stops stays here and is applied on the next
-- start. `arrival` is drawn from the arrival sequence of 0009, so the queue order is the arrival
-- order the ordering rule's last tie-break uses. `raw` is the body exactly as verified (bytes).
--
-- stripe_oltp.row_versions.event_rank: where the event that wrote the row stands in its object's
-- lifecycle (0 `….created`, 1 any other change, 2 a deletion), compared when two events share
-- the same `created` second: a creation never overwrites a same-second change, a change never
-- overwrites a same-second deletion. Rows written before this migration count as changes.

CREATE TABLE stripe_oltp.event_queue (
    arrival         bigint PRIMARY KEY DEFAULT nextval('stripe_oltp.event_arrival_seq'),
    raw             bytea NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE stripe_oltp.row_versions ADD COLUMN event_rank smallint NOT NULL DEFAULT 1;

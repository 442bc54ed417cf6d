-- The references that 0012 left as plain ids because their targets arrived in 0010 and 0011:
-- a credit note's (first) refund and a checkout session's setup intent. Missing targets get
-- placeholders, as for every reference.
ALTER TABLE stripe.credit_notes
    ADD CONSTRAINT credit_notes_refund_id_fkey
    FOREIGN KEY (refund_id) REFERENCES stripe.refunds (id) DEFERRABLE;
CREATE INDEX credit_notes_refund_id_idx ON stripe.credit_notes (refund_id);

ALTER TABLE stripe.checkout_sessions
    ADD CONSTRAINT checkout_sessions_setup_intent_id_fkey
    FOREIGN KEY (setup_intent_id) REFERENCES stripe.setup_intents (id) DEFERRABLE;
CREATE INDEX checkout_sessions_setup_intent_id_idx ON stripe.checkout_sessions (setup_intent_id);

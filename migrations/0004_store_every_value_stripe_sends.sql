-- Stripe adds enum values all the time, and older API versions used values that are gone today
-- (a payment intent's `requires_source`, an invoice's `deleted`). A CHECK constraint would make the
-- loader throw such objects away, so the documented values move to the catalog, where `check`
-- warns of a value outside them, and every string Stripe sends is stored.
DO $$
DECLARE
    target record;
BEGIN
    FOR target IN
        SELECT conrelid::regclass AS tbl, conname
        FROM pg_constraint
        WHERE contype = 'c' AND connamespace = 'stripe'::regnamespace
        ORDER BY 1, 2
    LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', target.tbl, target.conname);
    END LOOP;
END
$$;

-- `deleted` means Stripe says the object is deleted (a deletion marker, a `deleted: true` object,
-- a deleted state); a placeholder is "not in the dumps" and says so with is_placeholder alone.
UPDATE stripe.products SET deleted = false WHERE is_placeholder AND deleted;
UPDATE stripe.prices SET deleted = false WHERE is_placeholder AND deleted;
UPDATE stripe.customers SET deleted = false WHERE is_placeholder AND deleted;
UPDATE stripe.payment_methods SET deleted = false WHERE is_placeholder AND deleted;
UPDATE stripe.subscriptions SET deleted = false WHERE is_placeholder AND deleted;
UPDATE stripe.invoices SET deleted = false WHERE is_placeholder AND deleted;
UPDATE stripe.payment_intents SET deleted = false WHERE is_placeholder AND deleted;
UPDATE stripe.charges SET deleted = false WHERE is_placeholder AND deleted;

-- is_embedded: the row was filled from an expanded object inside another object (a charge's
-- expanded customer, a subscription's full latest_invoice), because no dump held the object
-- itself. A dump's own copy always replaces it.
ALTER TABLE stripe.products ADD COLUMN is_embedded boolean NOT NULL DEFAULT false;
ALTER TABLE stripe.prices ADD COLUMN is_embedded boolean NOT NULL DEFAULT false;
ALTER TABLE stripe.customers ADD COLUMN is_embedded boolean NOT NULL DEFAULT false;
ALTER TABLE stripe.payment_methods ADD COLUMN is_embedded boolean NOT NULL DEFAULT false;
ALTER TABLE stripe.subscriptions ADD COLUMN is_embedded boolean NOT NULL DEFAULT false;
ALTER TABLE stripe.invoices ADD COLUMN is_embedded boolean NOT NULL DEFAULT false;
ALTER TABLE stripe.payment_intents ADD COLUMN is_embedded boolean NOT NULL DEFAULT false;
ALTER TABLE stripe.charges ADD COLUMN is_embedded boolean NOT NULL DEFAULT false;

-- Identifiers compare byte by byte: every `id` and `…_id` text column of schema stripe gets
-- COLLATE "C".
--
-- Stripe's ids are ASCII, and for UTF-8 text the "C" order is the code-point order the
-- databases' usual C.UTF-8 collation gives, so no comparison, ordering or uniqueness changes.
-- What changes is the cost: PostgreSQL compares text in a libc collation other than "C" through
-- strcoll and sorts it without abbreviated keys, which every primary-key insert, every index
-- build of a first load and every join on an id paid for. Columns of a later migration that
-- meet these keep working: a default-collation value compared with a "C" column takes "C".

DO $$
DECLARE
    col record;
BEGIN
    FOR col IN
        SELECT c.table_name, c.column_name
        FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'stripe' AND t.table_type = 'BASE TABLE' AND c.data_type = 'text'
          AND (c.column_name = 'id' OR c.column_name LIKE '%\_id' ESCAPE '\')
        ORDER BY c.table_name, c.ordinal_position
    LOOP
        EXECUTE format('ALTER TABLE stripe.%I ALTER COLUMN %I TYPE text COLLATE "C"', col.table_name, col.column_name);
    END LOOP;
END
$$;

import StripeSchema

/// The statement that adds placeholder rows: for each id a candidate query yields that the
/// target table lacks, a row flagged `is_placeholder` (not `deleted`: nothing says Stripe deleted it), so foreign keys hold until
/// the real object arrives; it returns how many rows it added.
enum PlaceholderSQL {
    /// The statement for `target`, over `candidates` (a query with one text column `id`; NULLs
    /// are skipped); parameter `$objectNameParameter` binds the target's Stripe object name.
    static func insertMissing(into target: Resource, candidates: String, objectNameParameter: Int) -> String {
        """
        WITH missing AS (
            SELECT DISTINCT c.id FROM (\(candidates)) c
            WHERE c.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \(target.table) t WHERE t.id = c.id)
        ), ins AS (
            INSERT INTO \(target.table) (id, raw, deleted, is_placeholder)
            SELECT id, jsonb_build_object('id', id, 'object', $\(objectNameParameter)::text), false, true FROM missing
            ON CONFLICT (id) DO NOTHING
            RETURNING 1
        )
        SELECT count(*) FROM ins
        """
    }
}

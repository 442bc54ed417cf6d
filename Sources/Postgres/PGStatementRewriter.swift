/// Rewrites the text of every statement a connection sends, before libpq sees it: a
/// connection bound to one copy of a schema (`SchemaName`) maps the names the statements are
/// written with onto that copy. It sees statement text only, never a bound value.
public protocol PGStatementRewriter: Sendable {
    /// The statement to send instead of `sql`.
    func rewrite(_ sql: String) -> String
}

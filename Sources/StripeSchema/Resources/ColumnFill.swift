/// A typed column of another resource that this resource's rows fill when that resource's own
/// object leaves it empty.
///
/// From API version 2025-03-31.basil an invoice no longer names its payment intent; its invoice
/// payments do. The invoice payments spec therefore declares that they fill
/// `invoices.payment_intent_id`: per invoice, from the qualifying payment (status `paid`, with a
/// payment intent) that is the default one, else the oldest. The object's own value always wins:
/// ingest fills only NULLs, and check accepts the filled value only where the dump has none.
public struct ColumnFill: Sendable {
    /// The resource whose column is filled (`invoices`).
    public let target: Resource
    /// The filled column of the target's table (`payment_intent_id`).
    public let column: String
    /// This resource's column that references the target row (`invoice_id`).
    public let via: String
    /// This resource's column holding the value (`payment_intent_id`).
    public let value: String
    /// This resource's text column that must equal `qualifyingValue` (`status`).
    public let qualifyingColumn: String
    /// The value of `qualifyingColumn` a row needs to count (`paid`).
    public let qualifyingValue: String
    /// This resource's boolean column marking the preferred row (`is_default`); others break ties
    /// by `created`, then `id`.
    public let preferredFlag: String

    /// Declares a fill; the names are columns of the catalog, the value a plain word.
    public init(target: Resource, column: String, via: String, value: String,
                when qualifyingColumn: String, is qualifyingValue: String, preferring preferredFlag: String) {
        precondition(qualifyingValue.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" },
                     "qualifying value \(qualifyingValue) must be a plain word")
        self.target = target
        self.column = column
        self.via = via
        self.value = value
        self.qualifyingColumn = qualifyingColumn
        self.qualifyingValue = qualifyingValue
        self.preferredFlag = preferredFlag
    }

    private func conditions(_ alias: String) -> String {
        "\(alias).\(qualifyingColumn) = '\(qualifyingValue)' AND \(alias).\(value) IS NOT NULL AND NOT \(alias).deleted"
    }

    private func preference(_ alias: String) -> String {
        "\(alias).\(preferredFlag) IS TRUE DESC, \(alias).created, \(alias).id"
    }

    /// The value the fill gives the target row aliased `targetAlias` (NULL when none qualifies),
    /// as an SQL expression over `source`'s table.
    public func valueSQL(from source: Resource, targetAlias: String) -> String {
        """
        (SELECT f.\(value) FROM \(source.table) f WHERE f.\(via) = \(targetAlias).id AND \(conditions("f"))
         ORDER BY \(preference("f")) LIMIT 1)
        """
    }

    /// The statement that fills the column where it is NULL, from `source`'s rows; set-based,
    /// reading only the rows of targets still empty, and a no-op when run again.
    public func fillStatement(from source: Resource) -> String {
        """
        UPDATE \(target.table) t SET \(column) = d.value
        FROM (
            SELECT DISTINCT ON (f.\(via)) f.\(via) AS id, f.\(value) AS value FROM \(source.table) f
            WHERE f.\(via) IN (SELECT e.id FROM \(target.table) e WHERE e.\(column) IS NULL) AND \(conditions("f"))
            ORDER BY f.\(via), \(preference("f"))
        ) d
        WHERE t.id = d.id AND t.\(column) IS NULL
        """
    }
}

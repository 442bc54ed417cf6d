import StripeOLTP
import StripeSchema

/// A typed column whose value Stripe has held under more than one field name across API versions,
/// with every field (newest first) that may hold it.
struct AliasedColumn: Sendable, CustomStringConvertible {
    /// Where the column's rows come from: the resource's own table or one of its child lists.
    enum Table: Sendable {
        /// The resource's table (`stripe.invoices`).
        case resource
        /// A child table filled from a list inside the parent (`stripe.invoice_line_items` from `lines.data`).
        case child(table: String, parentColumn: String, listPath: String)
    }

    /// The resource whose dump holds the objects.
    let resource: Resource
    /// The table the column is in.
    let table: Table
    /// The column.
    let column: String
    /// The fields that may hold its value, newest first.
    let fields: [JSONFieldPath]

    /// Creates an entry for a column of the resource's own table.
    init(_ resource: Resource, _ column: String, _ fields: String...) {
        self.init(resource, .resource, column, fields)
    }

    /// Creates an entry for a column of `table`.
    init(_ resource: Resource, _ table: Table, _ column: String, _ fields: String...) {
        self.init(resource, table, column, fields)
    }

    private init(_ resource: Resource, _ table: Table, _ column: String, _ fields: [String]) {
        self.resource = resource
        self.table = table
        self.column = column
        self.fields = fields.map(JSONFieldPath.init)
    }

    /// `invoice_line_items.price_id`.
    var description: String {
        switch table {
        case .resource: return "\(resource.tableName).\(column)"
        case .child(let name, _, _): return "\(name).\(column)"
        }
    }

    /// The first field that holds a value in `object`, if any.
    func heldBy(_ object: [String: Any]) -> JSONFieldPath? {
        fields.first { $0.value(in: object) != nil }
    }

    private static let lines = Table.child(table: "invoice_line_items", parentColumn: "invoice_id", listPath: "lines.data")
    private static let items = Table.child(table: "subscription_items", parentColumn: "subscription_id", listPath: "items.data")

    /// Every renamed or moved field of Stripe's API changelog that feeds one of our columns.
    static let all: [AliasedColumn] = [
        AliasedColumn(.customers, "balance", "balance", "account_balance"),
        AliasedColumn(.subscriptions, "collection_method", "collection_method", "billing"),
        AliasedColumn(.subscriptions, "start_date", "start_date", "start"),
        AliasedColumn(.subscriptions, "current_period_start", "current_period_start", "items.data.0.current_period_start"),
        AliasedColumn(.subscriptions, "current_period_end", "current_period_end", "items.data.0.current_period_end"),
        AliasedColumn(.subscriptions, items, "price_id", "price", "plan"),
        AliasedColumn(.invoices, "created", "created", "date"),
        AliasedColumn(.invoices, "collection_method", "collection_method", "billing"),
        AliasedColumn(.invoices, "subscription_id", "parent.subscription_details.subscription", "subscription"),
        AliasedColumn(.invoices, "payment_intent_id", "payments.data.0.payment.payment_intent", "payment_intent"),
        AliasedColumn(.invoices, lines, "price_id", "pricing.price_details.price", "price", "plan"),
        AliasedColumn(.invoices, lines, "type", "parent.type", "type"),
        AliasedColumn(.invoices, lines, "subscription_id",
                      "parent.subscription_item_details.subscription", "parent.invoice_item_details.subscription", "subscription"),
        AliasedColumn(.invoices, lines, "subscription_item_id",
                      "parent.subscription_item_details.subscription_item", "subscription_item"),
        AliasedColumn(.invoices, lines, "proration",
                      "parent.subscription_item_details.proration", "parent.invoice_item_details.proration", "proration"),
        AliasedColumn(.paymentIntents, "latest_charge_id", "latest_charge", "charges.data.0"),
        AliasedColumn(.paymentIntents, "payment_method_id", "payment_method", "source"),
        AliasedColumn(.charges, "payment_method_id", "payment_method", "source", "card"),
    ]
}

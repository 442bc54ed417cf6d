import Foundation
import Postgres
import StripeOLTP

/// Builds Stripe event bodies for the apply-path tests.
enum EventFixture {
    /// A base time for events (2026-11-01).
    static let t0: Int = 1_793_491_200

    /// An event body of `type` at `created` whose `data.object` is `object`.
    static func event(_ id: String, _ type: String, created: Int, object: [String: Any]) -> [UInt8] {
        let event: [String: Any] = [
            "id": id, "object": "event", "api_version": "2025-08-27.basil", "created": created, "livemode": false,
            "pending_webhooks": 1, "request": ["id": "req_\(id)", "idempotency_key": NSNull()], "type": type,
            "data": ["object": object],
        ]
        return Array(try! JSONSerialization.data(withJSONObject: event, options: [.sortedKeys]))
    }

    /// A customer object.
    static func customer(_ id: String, email: String, extra: [String: Any] = [:]) -> [String: Any] {
        ["id": id, "object": "customer", "email": email, "created": t0 - 1000, "livemode": false, "metadata": [:] as [String: Any]]
            .merging(extra) { $1 }
    }

    /// An invoice object of `customer` with the given status and lines.
    static func invoice(_ id: String, customer: String, status: String, amountPaid: Int, lines: [[String: Any]] = [],
                        hasMore: Bool = false) -> [String: Any] {
        ["id": id, "object": "invoice", "customer": customer, "status": status, "amount_paid": amountPaid,
         "amount_due": 1000, "currency": "usd", "created": t0 - 500, "livemode": false, "metadata": [:] as [String: Any],
         "lines": ["object": "list", "data": lines, "has_more": hasMore, "url": "/v1/invoices/\(id)/lines"] as [String: Any]]
    }

    /// An invoice line priced with `price`.
    static func line(_ id: String, price: String, amount: Int) -> [String: Any] {
        ["id": id, "object": "line_item", "amount": amount, "currency": "usd", "price": price, "quantity": 1]
    }

    /// One text value of a row of `table`.
    static func value(_ connection: PGConnection, _ sql: String, _ parameters: [any PGBindable] = []) throws -> String? {
        try connection.query(sql, parameters).scalar(String.self)
    }

    /// The count a query returns.
    static func count(_ connection: PGConnection, _ sql: String, _ parameters: [any PGBindable] = []) throws -> Int {
        try connection.query(sql, parameters).scalar(Int.self) ?? -1
    }
}

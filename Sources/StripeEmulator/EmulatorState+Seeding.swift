import Foundation

extension EmulatorState {
    /// Loads every known dump file (`customers.json`, …) found in `directory`: NDJSON, a JSON array, or a
    /// list envelope `{"data":[…]}`. Objects are stored oldest first so lists come out newest first;
    /// events older than Stripe's 30-day retention are left out.
    /// The account id becomes the data set's (see ``derivedAccountID()``).
    /// Invoices are then served in the basil/clover shape, linked to their payments by invoice
    /// payments (see `convertSeededInvoicesToBasil`).
    /// Returns the number of objects loaded per kind.
    @discardableResult
    public mutating func seed(fromDirectory directory: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for kind in ResourceKind.allCases {
            let path = (directory as NSString).appendingPathComponent(kind.dumpFileName)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            guard let data = FileManager.default.contents(atPath: path),
                  let text = String(data: data, encoding: .utf8) else {
                throw StripeError(status: 400, type: "invalid_request_error", message: "Cannot read \(path)")
            }
            let objects = try Self.parseDump(text, path: path)
            let sorted = objects.enumerated().sorted { lhs, rhs in
                let left = lhs.element["created"]?.intValue ?? 0, right = rhs.element["created"]?.intValue ?? 0
                return left != right ? left < right : lhs.offset > rhs.offset
            }
            // Stripe lists events of the last 30 days only: a dump's older events are history.
            let eventsSince = Int(Date().timeIntervalSince1970) - 30 * 86_400
            for (_, object) in sorted where object["id"]?.stringValue != nil {
                if kind == .event, object["created"]?.intValue ?? 0 < eventsSince { continue }
                store(kind, object)
                if kind == .invoice, let lines = object["lines"]?["data"]?.arrayValue {
                    for line in lines where line["id"]?.stringValue != nil {
                        var stored = line
                        if stored["invoice"]?.stringValue == nil { stored["invoice"] = object["id"] ?? nil }
                        store(.lineItem, stored)
                    }
                    if lines.count > 10, let id = object["id"]?.stringValue {
                        // As Stripe does, an invoice embeds its first ten lines and says has_more.
                        var summarized = object
                        summarized["lines"] = linesSummary(id)
                        store(kind, summarized)
                    }
                }
                if kind == .subscription, let items = object["items"]?["data"]?.arrayValue {
                    for item in items where item["id"]?.stringValue != nil { store(.subscriptionItem, item) }
                    if items.count > 10, let id = object["id"]?.stringValue {
                        // As Stripe does, a subscription embeds its first ten items and says has_more.
                        var summarized = object
                        summarized["items"] = .object([
                            "object": "list", "data": .array(Array(items.prefix(10))), "has_more": true,
                            "total_count": .int(items.count), "url": .string("/v1/subscription_items?subscription=\(id)"),
                        ])
                        store(kind, summarized)
                    }
                }
            }
            counts[kind.rawValue] = objects.count
        }
        convertSeededInvoicesToBasil()
        accountID = derivedAccountID()
        return counts
    }

    /// Parses one dump file's objects.
    static func parseDump(_ text: String, path: String) throws -> [JSONValue] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return [] }
        if let whole = JSONValue.parse(trimmed) {
            switch whole {
            case .array(let elements): return elements
            case .object(let members):
                if let data = members["data"]?.arrayValue { return data }
                return [whole]
            default: break
            }
        }
        var objects: [JSONValue] = []
        for (number, line) in trimmed.split(separator: "\n").enumerated() {
            let row = line.trimmingCharacters(in: .whitespaces)
            if row.isEmpty { continue }
            guard let object = JSONValue.parse(row) else {
                throw StripeError(status: 400, type: "invalid_request_error",
                                  message: "\(path): line \(number + 1) is not JSON")
            }
            objects.append(object)
        }
        return objects
    }
}

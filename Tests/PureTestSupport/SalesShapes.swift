import Foundation
import StripeJSON

/// Stripe's published example credit note, checkout session, line item and customer
/// (`fixtures/stripe-shapes-sales.json`, verbatim from stripe/openapi's `openapi/fixtures3.json`).
public enum SalesShapes {
    /// The whole file: one example object per name.
    public static let all: JSONValue = {
        let url = TestFolders.fixturesDirectory.appendingPathComponent("stripe-shapes-sales.json")
        guard let data = FileManager.default.contents(atPath: url.path), let value = try? JSONParser.parse(Array(data)) else {
            fatalError("fixtures/stripe-shapes-sales.json is missing or not JSON")
        }
        return value
    }()

    /// The example object `name` (`credit_note`, `checkout.session`, `item`, `customer`).
    public static func object(_ name: String) -> JSONValue {
        guard let value = all[name] else { fatalError("no \(name) in stripe-shapes-sales.json") }
        return value
    }

    /// The example checkout session with `items` embedded as its expanded `line_items` list.
    public static func session(withItems items: [JSONValue]) -> JSONValue {
        guard case .object(var members) = object("checkout.session") else { fatalError("checkout.session is not an object") }
        var list = JSONObject()
        list.set("object", .string("list"))
        list.set("data", .array(items))
        list.set("has_more", .bool(false))
        members.set("line_items", .object(list))
        return .object(members)
    }
}

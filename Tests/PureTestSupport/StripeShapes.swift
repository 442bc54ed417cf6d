import Foundation
import StripeJSON

/// Stripe's published example objects (`fixtures/stripe-shapes.json`), parsed.
public enum StripeShapes {
    /// The whole file: one example object per name.
    public static let all: JSONValue = {
        let url = TestFolders.fixturesDirectory.appendingPathComponent("stripe-shapes.json")
        guard let data = FileManager.default.contents(atPath: url.path), let value = try? JSONParser.parse(Array(data)) else {
            fatalError("fixtures/stripe-shapes.json is missing or not JSON")
        }
        return value
    }()

    /// The example object `name` (`customer`, `invoice`, …).
    public static func object(_ name: String) -> JSONValue {
        guard let value = all[name] else { fatalError("no \(name) in stripe-shapes.json") }
        return value
    }

    /// Parses `text` as JSON.
    public static func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }
}

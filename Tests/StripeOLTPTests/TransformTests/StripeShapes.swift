import Foundation
import StripeOLTP
import TestSupport

/// Stripe's published example objects (`fixtures/stripe-shapes.json`), parsed.
enum StripeShapes {
    static let all: JSONValue = {
        let url = TestEnvironment.fixturesDirectory.appendingPathComponent("stripe-shapes.json")
        guard let data = FileManager.default.contents(atPath: url.path), let value = try? JSONParser.parse(Array(data)) else {
            fatalError("fixtures/stripe-shapes.json is missing or not JSON")
        }
        return value
    }()

    static func object(_ name: String) -> JSONValue {
        guard let value = all[name] else { fatalError("no \(name) in stripe-shapes.json") }
        return value
    }

    static func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }
}

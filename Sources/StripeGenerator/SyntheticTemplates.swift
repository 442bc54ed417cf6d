import Foundation
import StripeJSON

/// Stripe's published example objects (see `fixtures/stripe-shapes.json`), each synthetic
/// object starts from, so it is as wide as a real one.
struct SyntheticTemplates: Sendable {
    /// The names the templates file must have, each holding a JSON object.
    static let requiredNames = ["product", "price", "customer", "payment_method", "subscription",
                                "subscription_item", "invoice", "line_item", "payment_intent", "charge"]

    /// `product`.
    let product: SyntheticJSON
    /// `price`.
    let price: SyntheticJSON
    /// `customer`.
    let customer: SyntheticJSON
    /// `payment_method`.
    let paymentMethod: SyntheticJSON
    /// `subscription`.
    let subscription: SyntheticJSON
    /// `subscription_item`.
    let subscriptionItem: SyntheticJSON
    /// `invoice`.
    let invoice: SyntheticJSON
    /// `line_item` (an invoice line item).
    let lineItem: SyntheticJSON
    /// `payment_intent`.
    let paymentIntent: SyntheticJSON
    /// `charge`.
    let charge: SyntheticJSON

    /// Reads the templates file: one JSON object keyed by the required names.
    init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LoaderError.dumpFile(file: url.path, reason: "cannot read templates: \(error.localizedDescription)")
        }
        try self.init(data: data, file: url.path)
    }

    /// Parses templates `data`; `file` names them in errors.
    init(data: Data, file: String) throws {
        let root: SyntheticJSON
        do {
            root = try JSONDecoder().decode(SyntheticJSON.self, from: data)
        } catch {
            throw LoaderError.dumpFile(file: file, reason: "templates are not valid JSON: \(error)")
        }
        var found: [String: SyntheticJSON] = [:]
        for name in SyntheticTemplates.requiredNames {
            guard let template = root[name], case .object = template else {
                throw LoaderError.dumpFile(file: file, reason: "templates have no '\(name)' object")
            }
            found[name] = template
        }
        product = found["product"]!
        price = found["price"]!
        customer = found["customer"]!
        paymentMethod = found["payment_method"]!
        subscription = found["subscription"]!
        subscriptionItem = found["subscription_item"]!
        invoice = found["invoice"]!
        lineItem = found["line_item"]!
        paymentIntent = found["payment_intent"]!
        charge = found["charge"]!
    }
}

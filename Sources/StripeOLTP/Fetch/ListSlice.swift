import StripeHTTP
import StripeSchema

/// A part of one list endpoint's `created` range, paged newest first by one worker.
///
/// The open tail (`isTail`) has no lower bound of its own: after its first page it estimates
/// how far back a few pages reach, keeps that part, and hands everything older to a new tail,
/// so a big resource is paged by several workers at once without knowing its size in advance.
struct ListSlice: Sendable {
    /// The resource the requests are counted for.
    let resource: Resource
    /// The list path (`/v1/customers`).
    let path: String
    /// Parameters every page carries (`status=all`).
    let parameters: [(String, FormValue)]
    /// `created >= lower` (unix seconds), when bounded.
    var lower: Int?
    /// `created < upper`, when bounded.
    var upper: Int?
    /// Whether this slice may split off older parts of its range.
    var isTail: Bool
    /// Whether the listed objects are written to the resource's file (a customer slice run only
    /// to find customers for their payment methods writes nothing).
    let writes: Bool
    /// Whether each listed customer's payment methods are fetched.
    let fetchesPaymentMethods: Bool

    /// The `created` filter for the current bounds, if any.
    var createdFilter: (String, FormValue)? {
        var bounds: [(String, FormValue)] = []
        if let lower { bounds.append(("gte", .string(String(lower)))) }
        if let upper { bounds.append(("lt", .string(String(upper)))) }
        return bounds.isEmpty ? nil : ("created", .object(bounds))
    }
}

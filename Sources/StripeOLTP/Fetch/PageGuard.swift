import StripeJSON

/// Stops a page chain that repeats itself or makes no progress, instead of looping forever.
struct PageGuard {
    private var seen = Set<String>()
    private let request: String

    /// A guard for the chain of pages of `request` (`GET /v1/customers`).
    init(request: String) {
        self.request = request
    }

    /// Checks one page: its `data` ids and `has_more`; returns the ids in page order.
    mutating func accept(_ page: JSONValue, cursor: String?) throws -> [String] {
        guard let data = page["data"]?.arrayValue else {
            throw LoaderError.fetch(request: request, reason: "the answer is not a list (no data array)")
        }
        var ids: [String] = []
        ids.reserveCapacity(data.count)
        for object in data {
            guard let id = object["id"]?.stringValue, !id.isEmpty else {
                throw LoaderError.fetch(request: request, reason: "an object in the list has no id")
            }
            guard seen.insert(id).inserted else {
                throw LoaderError.fetch(
                    request: request,
                    reason: "pagination repeated object \(id) (starting_after=\(cursor ?? "none")); stopped instead of looping")
            }
            ids.append(id)
        }
        if data.isEmpty && page["has_more"]?.boolValue == true {
            throw LoaderError.fetch(
                request: request, reason: "pagination made no progress: an empty page says has_more (starting_after=\(cursor ?? "none"))")
        }
        return ids
    }
}

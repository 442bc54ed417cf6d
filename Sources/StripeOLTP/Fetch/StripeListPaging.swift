import StripeHTTP
import StripeJSON

/// Pages a Stripe list endpoint newest first with `starting_after`: the one page loop that fetch
/// and populate share.
enum StripeListPaging {
    /// Requests pages of `path` through `get` (given the full query), handing each page's objects
    /// and ids to `body`, until a page says there is no more or `maxPages` pages were read.
    /// `parameters` is asked before every page (a fetch slice narrows its range as it goes). A page
    /// that repeats objects or makes no progress stops with an error instead of looping.
    static func forEachPage(
        _ path: String, pageSize: Int, maxPages: Int = .max, parameters: () -> [(String, FormValue)],
        get: (_ query: [(String, FormValue)]) throws -> JSONValue,
        _ body: (_ objects: [JSONValue], _ ids: [String]) throws -> Void
    ) throws {
        var pageGuard = PageGuard(request: "GET \(path)")
        var cursor: String?
        for _ in 0..<maxPages {
            var query = parameters() + [("limit", FormValue.string(String(pageSize)))]
            if let cursor { query.append(("starting_after", .string(cursor))) }
            let page = try get(query)
            let ids = try pageGuard.accept(page, cursor: cursor)
            try body(page["data"]?.arrayValue ?? [], ids)
            guard page["has_more"]?.boolValue == true, let last = ids.last else { return }
            cursor = last
        }
    }
}

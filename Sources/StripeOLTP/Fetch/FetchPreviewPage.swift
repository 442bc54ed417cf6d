import StripeSchema

/// The first list page of one resource, as `fetch --dry-run` read it.
public struct FetchPreviewPage: Sendable, Codable, Equatable {
    /// The resource.
    public var resource: Resource
    /// The request's path (`/v1/customers`; payment methods: the first customer's list).
    public var path: String
    /// Objects on the page.
    public var objects = 0
    /// True when the list holds more than this page.
    public var hasMore = false
    /// Why the page could not be read, when it could not (key and secrets redacted).
    public var error: String?

    /// A page of `resource` requested at `path`.
    public init(resource: Resource, path: String) {
        self.resource = resource
        self.path = path
    }
}

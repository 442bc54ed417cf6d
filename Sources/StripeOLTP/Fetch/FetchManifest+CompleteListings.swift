import StripeSchema

extension FetchManifest {
    /// The resources this dump lists completely: a full fetch, the resource complete and listed
    /// without a `created` bound. For those whose Stripe list leaves deleted objects out
    /// (customers), an object referenced but absent is one Stripe deleted.
    public var completeListings: Set<Resource> {
        guard mode == "full" else { return [] }
        return Set(resources.filter { $0.status == .complete && $0.createdSince == nil }.map(\.resource))
    }
}

/// One fixture object in the manifest: its Stripe id, what populate did, and the state it
/// should be found in afterwards.
public struct PopulateManifestEntry: Codable, Sendable, Equatable {
    /// The kind of object.
    public var resource: PopulateResource
    /// The Stripe id (nil when it could not be created or found).
    public var id: String?
    /// What populate did with it.
    public var outcome: PopulateOutcome
    /// Expected final state: `status`, amounts, the ids of linked objects, `deleted`, ….
    public var expected: [String: ManifestValue]
    /// Why it failed, when it did.
    public var error: String?

    /// Creates an entry.
    public init(resource: PopulateResource, id: String?, outcome: PopulateOutcome, expected: [String: ManifestValue],
                error: String? = nil) {
        self.resource = resource
        self.id = id
        self.outcome = outcome
        self.expected = expected
        self.error = error
    }
}

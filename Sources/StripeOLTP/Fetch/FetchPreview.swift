/// What `fetch --dry-run` found: the account the key reads and the first page of each resource.
/// Nothing was written: no file, no folder, no cursor.
public struct FetchPreview: Sendable, Codable, Equatable {
    /// Always true: marks the JSON form as a dry run's.
    public var dryRun = true
    /// The account `/v1/account` named; nil when the key may not read it (a restricted key).
    public var account: FetchAccount?
    /// One first page per resource, in the order asked.
    public var pages: [FetchPreviewPage]

    /// A preview of `pages` from `account`.
    public init(account: FetchAccount?, pages: [FetchPreviewPage]) {
        self.account = account
        self.pages = pages
    }

    /// True when every first page could be listed.
    public var succeeded: Bool { pages.allSatisfy { $0.error == nil } }
}

/// The outcome of a fetch: the manifest it wrote and the request totals.
public struct FetchReport: Sendable {
    /// The manifest, as written next to the files.
    public let manifest: FetchManifest
    /// Totals: objects, requests, retries, seconds.
    public let progress: FetchProgress

    /// True when every resource is complete.
    public var succeeded: Bool { manifest.complete }
}

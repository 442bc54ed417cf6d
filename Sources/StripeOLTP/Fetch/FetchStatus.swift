/// Where one resource of a fetch stands.
public enum FetchStatus: String, Sendable, Codable {
    /// Not fetched yet (or the fetch stopped before it).
    case pending
    /// Every object was fetched and the file is in place.
    case complete
    /// The fetch of this resource failed; its file was not replaced.
    case failed
}

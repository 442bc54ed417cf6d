/// What `populate` did with one fixture object.
public enum PopulateOutcome: String, Codable, Sendable {
    /// Created in this run.
    case created
    /// Already present (found by its fixture key, e-mail or amounts); nothing was sent to create it.
    case skipped
    /// Could not be created or found; the manifest entry says why.
    case failed
    /// Dry run: not found (or found but not as the fixture wants it), so a run would create or
    /// change it; nothing was sent.
    case planned
}

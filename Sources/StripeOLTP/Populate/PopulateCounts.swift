/// How many objects of one resource were created, skipped and failed.
public struct PopulateCounts: Codable, Sendable, Equatable {
    /// Created in this run.
    public var created = 0
    /// Already present.
    public var skipped = 0
    /// Failed.
    public var failed = 0

    /// Zero counts.
    public init() {}

    /// Adds one object with `outcome`.
    public mutating func add(_ outcome: PopulateOutcome) {
        switch outcome {
        case .created: created += 1
        case .skipped: skipped += 1
        case .failed: failed += 1
        }
    }

    /// Takes back one object with `outcome` (when a later step changes an object's outcome).
    public mutating func remove(_ outcome: PopulateOutcome) {
        switch outcome {
        case .created: created -= 1
        case .skipped: skipped -= 1
        case .failed: failed -= 1
        }
    }
}

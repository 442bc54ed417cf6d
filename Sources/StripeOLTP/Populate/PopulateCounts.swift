/// How many objects of one resource were created, skipped and failed.
public struct PopulateCounts: Codable, Sendable, Equatable {
    /// Created in this run.
    public var created = 0
    /// Already present.
    public var skipped = 0
    /// Failed.
    public var failed = 0
    /// Dry run: would be created or changed (never in a manifest, which a dry run does not write).
    public var planned = 0

    /// The manifest's fields (a dry run's `planned` is not one of them).
    enum CodingKeys: String, CodingKey {
        case created, skipped, failed
    }

    /// Zero counts.
    public init() {}

    /// Adds one object with `outcome`.
    public mutating func add(_ outcome: PopulateOutcome) {
        switch outcome {
        case .created: created += 1
        case .skipped: skipped += 1
        case .failed: failed += 1
        case .planned: planned += 1
        }
    }

    /// Takes back one object with `outcome` (when a later step changes an object's outcome).
    public mutating func remove(_ outcome: PopulateOutcome) {
        switch outcome {
        case .created: created -= 1
        case .skipped: skipped -= 1
        case .failed: failed -= 1
        case .planned: planned -= 1
        }
    }
}

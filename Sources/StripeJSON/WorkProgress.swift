/// How far a long piece of work (one resource's ingest, a fetch, a check, a populate, a
/// generate) has come, for progress bars and periodic lines: `done` of `total` (nil when the
/// total is not known) in `unit`.
public struct WorkProgress: Sendable, Equatable {
    /// What is being worked on: a resource name, or the command's own name.
    public var stage: String
    /// How much is done.
    public var done: Int
    /// How much there is in all; nil when not known (then no percentage or ETA is shown).
    public var total: Int?
    /// What `done` and `total` count.
    public var unit: ProgressUnit
    /// Extra counts shown after the main ones (`120 requests, 3 retries`); nil when none.
    public var detail: String?

    /// A snapshot of `stage`: `done` of `total` `unit`, with an optional `detail`.
    public init(stage: String, done: Int, total: Int?, unit: ProgressUnit, detail: String? = nil) {
        self.stage = stage
        self.done = done
        self.total = total
        self.unit = unit
        self.detail = detail
    }

    /// The share done, 0…1; nil without a known positive total.
    public var fraction: Double? {
        guard let total, total > 0 else { return nil }
        return min(1, max(0, Double(done) / Double(total)))
    }
}

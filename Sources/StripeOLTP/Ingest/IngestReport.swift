/// The outcome of an ingest run over one or more resources.
public struct IngestReport: Sendable, Codable {
    /// The row id in `stripe_oltp.ingest_runs`.
    public var runID: Int64
    /// One summary per resource, in load order.
    public var resources: [ResourceSummary]
    /// Wall time of the whole run, in seconds.
    public var seconds: Double
    /// Earlier runs found still `running` with no live session (killed or crashed), which this
    /// run marked `interrupted`.
    public var interruptedRuns = 0
    /// Why a first load into empty tables could not take its fast path (the tables were locked
    /// by another session past the lock timeout, or the role may not alter them); nil when it
    /// did, or when the tables were not empty.
    public var fastPathSkipped: String?
    /// True for a dry run: everything above is what the run would have done; it was rolled back
    /// and nothing was written (not even the run's record, whose id is not kept).
    public var dryRun = false
    /// In a dry run, the first rejected objects (at most `Ingester.dryRunRejectsKept`), since
    /// `stripe_oltp.ingest_rejects` keeps none of them; empty otherwise.
    public var dryRunRejects: [IngestReject] = []
    /// The run's phases in order, with their wall times (`ingest --verbose` prints them).
    public var phases: [IngestPhase] = []

    /// True when every resource loaded (or had no file) and nothing was rejected.
    public var succeeded: Bool {
        resources.allSatisfy { $0.outcome != .failed && $0.rejected == 0 }
    }

    /// `succeeded`, `partial` (some rejects or failures but something loaded) or `failed`.
    public var outcome: String {
        if succeeded { return "succeeded" }
        return resources.contains { $0.outcome == .loaded } ? "partial" : "failed"
    }
}

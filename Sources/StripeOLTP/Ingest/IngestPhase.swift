/// One phase of an ingest run and its wall time: loading the resources' files, then the
/// end-of-run passes (objects found embedded in others, placeholders for references to objects
/// no file held, column fills, a first load's index and foreign-key rebuild, the commit).
/// `ingest --verbose` prints them, so a slow run shows where its time went.
public struct IngestPhase: Sendable, Codable, Equatable {
    /// What the phase did (`load files`, `embedded objects`, …).
    public var name: String
    /// Its wall time, in seconds.
    public var seconds: Double

    /// A phase named `name` that took `seconds`.
    public init(name: String, seconds: Double) {
        self.name = name
        self.seconds = seconds
    }
}

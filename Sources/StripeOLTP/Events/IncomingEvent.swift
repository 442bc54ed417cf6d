/// One verified event handed to the apply path: its body exactly as received and, for an event
/// taken from the intake queue, the arrival number of its `stripe_oltp.event_queue` row (the
/// row is deleted in the transaction that handles the event). Events without one draw their
/// arrival number when applied.
public struct IncomingEvent: Sendable, Equatable {
    /// The raw body, verified (parsed only by the apply path).
    public var body: [UInt8]
    /// The queue row's arrival number, or nil for an event that did not come through the queue.
    public var queuedArrival: Int64?

    /// An event with `body`, queued at `queuedArrival` when it came through the queue.
    public init(body: [UInt8], queuedArrival: Int64? = nil) {
        self.body = body
        self.queuedArrival = queuedArrival
    }
}

/// What a ``WorkProgress`` counts.
public enum ProgressUnit: String, Sendable, Equatable {
    /// Bytes of a dump file read (shown in MB).
    case bytes
    /// Stripe objects.
    case objects
    /// Steps of a plan (populate's phases, check's resources).
    case steps
    /// Customers generated.
    case customers
}

import StripeHTTP
import StripeSchema

/// One unit of fetch work: a slice of a list, a customer's payment methods, an object to complete.
/// It runs on a worker with that worker's client and returns the follow-up tasks it discovered.
struct FetchTask: Sendable {
    /// Slices of big lists run before per-object tasks, so long page chains start early.
    enum Priority: Sendable { case list, leaf }

    /// The resource whose file the task writes to (its failure fails that resource).
    let resource: Resource?
    /// When the task should run relative to others.
    let priority: Priority
    /// The work.
    let body: @Sendable (FetchWorker) throws -> [FetchTask]
}

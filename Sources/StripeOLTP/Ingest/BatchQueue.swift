import Foundation

/// A bounded hand-off of batches from the parsing thread to the loading thread.
///
/// The producer blocks while the queue is full, the consumer while it is empty; either side
/// can cancel, which wakes the other.
final class BatchQueue: @unchecked Sendable {
    /// What the producer hands over.
    enum Item: Sendable {
        /// A batch of staged objects and the number of objects read so far.
        case batch(StagingBuffer, read: Int)
        /// The file ended; no more batches.
        case finished
        /// Reading or parsing failed.
        case failed(LoaderError)
    }

    private let condition = NSCondition()
    private var items: [Item] = []
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0, "queue capacity must be positive")
        self.capacity = capacity
    }

    /// Adds an item, waiting for room; returns false when the queue was cancelled.
    @discardableResult
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Removes the oldest item, waiting for one.
    func take() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty { condition.wait() }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// True once either side cancelled.
    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Stops the exchange: a waiting producer returns, and later puts are refused.
    func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

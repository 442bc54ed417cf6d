import Foundation

/// A pool of worker threads draining a queue of fetch tasks that may add more tasks; `run`
/// returns when the queue is empty and no task is running.
final class FetchWorkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var lists: [FetchTask] = []
    private var leaves: [FetchTask] = []
    private var leafHead = 0
    private var running = 0

    /// Adds tasks.
    func add(_ tasks: [FetchTask]) {
        condition.lock()
        enqueue(tasks)
        condition.broadcast()
        condition.unlock()
    }

    /// Files tasks by priority; the caller holds the lock.
    private func enqueue(_ tasks: [FetchTask]) {
        for task in tasks {
            switch task.priority {
            case .list: lists.append(task)
            case .leaf: leaves.append(task)
            }
        }
    }

    /// Runs the queued tasks on `workers` threads until none is left; `perform` runs one task
    /// (and handles its errors) and returns its follow-ups.
    func run(workers: [FetchWorker], perform: @escaping @Sendable (FetchTask, FetchWorker) -> [FetchTask]) {
        let group = DispatchGroup()
        for worker in workers {
            group.enter()
            let thread = Thread { [self] in
                while let task = next() {
                    let followUps = perform(task, worker)
                    finish(followUps)
                }
                group.leave()
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
        group.wait()
    }

    private func next() -> FetchTask? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let task = lists.popLast() {
                running += 1
                return task
            }
            if leafHead < leaves.count {
                let task = leaves[leafHead]
                leafHead += 1
                if leafHead > 4096 && leafHead * 2 > leaves.count {
                    leaves.removeFirst(leafHead)
                    leafHead = 0
                }
                running += 1
                return task
            }
            if running == 0 {
                condition.broadcast()
                return nil
            }
            condition.wait()
        }
    }

    private func finish(_ followUps: [FetchTask]) {
        condition.lock()
        running -= 1
        enqueue(followUps)
        condition.broadcast()
        condition.unlock()
    }
}

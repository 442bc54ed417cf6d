import ArgumentParser

/// How log lines on standard error are written (`--log-format`).
enum LogFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Lines for people: `stripe-oltp: note: …`, as the commands have always written them.
    case text
    /// One JSON object per line: time, level, message, label and every metadata key (`run_id`, `resource`, …).
    case json
}

import ArgumentParser
import StripeOLTP

/// `stripe-oltp events retry`: applies the quarantined events again and reports the counts.
struct EventsRetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Apply the events quarantined in the schema (NAME_oltp.event_quarantine) again; those that apply leave the quarantine.",
        discussion: """
            With STRIPE_SECRET_KEY set (environment or .env.*), events too thin to apply alone are re-retrieved \
            from the API. Exits non-zero when some events are still quarantined.
            """)

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try CommandFailure.run {
            let settings = Settings()
            let connection = try database.connect(settings)
            let retriever = try StripeKeyClient.make(settings, required: false).map { EventObjectRetriever(client: $0) }
            let applier = EventApplier(retriever: retriever)
            var counts: [String: Int] = [:]
            let entries = try EventQuarantine.entries(on: connection)
            for outcome in try applier.apply(entries.map { IncomingEvent(body: Array($0.raw.utf8)) }, on: connection) {
                counts[outcome.name, default: 0] += 1
                if case .quarantined(let reason) = outcome { CommandFailure.printNotice("still quarantined: \(reason)") }
            }
            let names = ["applied", "duplicate", "stale", "unknown", "quarantined"]
            print("events retry: \(entries.count) quarantined; " + names.map { "\($0) \(counts[$0] ?? 0)" }.joined(separator: ", "))
            if counts["quarantined", default: 0] > 0 { throw ExitCode.failure }
        }
    }
}

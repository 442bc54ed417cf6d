import ArgumentParser
import Foundation
import StripeOLTP

/// `stripe-oltp sync --follow`: polls `/v1/events` from the stored cursor and applies them.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Keep the database current by following /v1/events (--follow), applying each event as a webhook would.",
        discussion: """
            Key from STRIPE_SECRET_KEY, base URL from STRIPE_API_BASE. Starts from the event cursor the last ingested \
            fetch recorded, reads events oldest first and moves the cursor past each one applied. One follower per \
            database: a second one exits (or waits, with --wait). Warns when the cursor is older than 25 days; past \
            Stripe's 30-day event retention it stops and asks for a full fetch.
            """)

    @Flag(name: .long, help: "Follow /v1/events (required: the batch copy is fetch + ingest).")
    var follow = false

    @Option(name: .long, help: "Seconds between polls.")
    var interval: Double = 5

    @Flag(name: .long, help: "Poll once and exit.")
    var once = false

    @Flag(name: .long, help: "Wait for the follower lease instead of exiting when another follower holds it.")
    var wait = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard follow else {
            throw ValidationError("sync needs --follow; for a batch copy run 'stripe-oltp fetch' then 'stripe-oltp ingest all'")
        }
        guard interval > 0 && interval <= 86_400 else { throw ValidationError("--interval must be between 0 and 86400 seconds") }
    }

    func run() throws {
        try CommandFailure.run {
            let settings = Settings()
            let client = try StripeKeyClient.make(settings, required: true)!
            let connection = try database.connect(settings)
            try SchemaMode.verifyKey(isLiveKey: client.configuration.isLiveKey, connection: connection)
            let follower = EventFollower(
                connection: connection, client: client,
                applier: EventApplier(retriever: EventObjectRetriever(client: try StripeKeyClient.make(settings, required: true)!)),
                logger: CLILog.logger("sync"))
            try follower.acquireLease(wait: wait)
            // Given back before the process ends, so the next follower finds it free at once.
            defer { try? follower.releaseLease() }
            while true {
                let report = try follower.poll()
                let names = ["applied", "duplicate", "stale", "unknown", "quarantined"]
                print("sync: \(report.read) events; " + names.map { "\($0) \(report.count($0))" }.joined(separator: ", "))
                if once { break }
                Thread.sleep(forTimeInterval: interval)
            }
        }
    }
}

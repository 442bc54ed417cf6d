import ArgumentParser

/// `stripe-oltp events`: the live-sync events store.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "Work with the events store (stripe.events) and its quarantine.",
        subcommands: [EventsRetryCommand.self])
}

import ArgumentParser

/// `stripe-oltp generate`: writes a synthetic, consistent dump set.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic, consistent set of Stripe dumps.")

    func run() throws {}
}

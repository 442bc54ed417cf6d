import ArgumentParser
import StripeOLTP
import StripeSchema

/// `stripe-oltp resources`: the catalog's resource names, one a line, in load order, so scripts
/// and the Makefile derive their lists from the catalog instead of repeating it.
struct ResourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resources",
        abstract: "Print every resource name (its table and dump file base name), one a line, in load order.")

    func run() throws {
        for resource in LoadOrder.resources {
            print(resource.rawValue)
        }
    }
}

import Foundation
import StripeOLTP
import Testing
import TestSupport

/// Every command of the CLI must be classified in `SafetyGuard`, as safe or as destructive, and
/// every destructive one must be refused by the guard under ENV=PROD.
@Suite("Command classification")
struct CommandClassificationTests {
    /// Command paths (`migrate reset`, `populate`, …) of every runnable command, read from the
    /// CLI's own description of itself (`--experimental-dump-help`).
    private func cliCommands() throws -> Set<String> {
        let result = try CLI.run(["--experimental-dump-help"])
        #expect(result.status == 0, "\(result.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let command = try #require(root["command"] as? [String: Any])
        #expect(command["commandName"] as? String == "stripe-oltp")
        var paths: Set<String> = []
        func walk(_ node: [String: Any], _ path: [String]) {
            let subcommands = node["subcommands"] as? [[String: Any]] ?? []
            if subcommands.isEmpty {
                paths.insert(path.joined(separator: " "))
            }
            for sub in subcommands {
                walk(sub, path + [sub["commandName"] as? String ?? "?"])
            }
        }
        walk(command, [])
        return paths
    }

    /// The command paths the destructive commands run as (`populate-force` is `populate --force`,
    /// `migrate mark-environment` takes an argument): for each invocation, its longest prefix of
    /// words that is a command of `commands`, or the whole invocation when none is.
    private func destructivePaths(_ commands: Set<String>) -> Set<String> {
        Set(SafetyGuard.destructiveInvocations.values.map { invocation in
            let words = invocation.filter { !$0.hasPrefix("-") }
            let prefixes = (1...max(words.count, 1)).reversed().map { words.prefix($0).joined(separator: " ") }
            return prefixes.first(where: commands.contains) ?? words.joined(separator: " ")
        })
    }

    @Test("every CLI command is classified as safe or destructive, and every classified one exists")
    func everyCommandClassified() throws {
        let commands = try cliCommands()
        #expect(commands.contains("populate"))
        #expect(commands.contains("migrate reset"))
        #expect(commands.contains("migrate mark-environment"))
        let destructive = destructivePaths(commands)
        let safe = Set(SafetyGuard.safeCommands.keys)
        let unclassified = commands.subtracting(safe).subtracting(destructive)
        #expect(unclassified.isEmpty, """
            unclassified command(s) \(unclassified.sorted()): add each to SafetyGuard.safeCommands (reads, only adds, \
            or only writes new local files) or to SafetyGuard.destructiveCommands and destructiveInvocations, \
            and make it pass the guard
            """)
        #expect(safe.isDisjoint(with: destructive))
        #expect(safe.subtracting(commands).isEmpty, "listed as safe but not a command: \(safe.subtracting(commands).sorted())")
        #expect(destructive.subtracting(commands).isEmpty)
        #expect(Set(SafetyGuard.destructiveInvocations.keys) == Set(SafetyGuard.destructiveCommands))
    }

    @Test("every destructive command is refused under ENV=PROD before it touches anything",
          arguments: SafetyGuard.destructiveCommands)
    func destructiveCommandRefused(command: String) throws {
        let arguments = try #require(SafetyGuard.destructiveInvocations[command])
        // Nothing listens at these addresses: a command that got past the guard would fail differently.
        let result = try CLI.run(arguments, environment: [
            "ENV": "PROD", "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
            "STRIPE_API_BASE": "http://127.0.0.1:1", "STRIPE_SECRET_KEY": "sk_test_classification1",
        ])
        #expect(result.status != 0)
        #expect(result.stderr.contains("refused: '\(command)'"), "\(result.stderr)")
        #expect(result.stderr.contains("ENV=PROD"))
        #expect(!result.stderr.contains("Connection refused"))
        #expect(!result.stderr.contains("libcurl"))
    }
}

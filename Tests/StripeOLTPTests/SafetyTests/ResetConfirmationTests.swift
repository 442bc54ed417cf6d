import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport

@Suite("migrate reset asks before it drops", .needsDatabase)
struct ResetConfirmationTests {
    private static func customers(_ connection: PGConnection) throws -> Int? {
        try connection.query("SELECT count(*) FROM stripe.customers").scalar(Int.self)
    }

    @Test("on a terminal, typing the database name resets; another answer changes nothing")
    func terminalPrompt() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try connection.query("INSERT INTO stripe.customers (id, raw) VALUES ('cus_keep', '{}')")
            let wrong = try PseudoTerminal.run(["migrate", "reset", "--database-url", db.url], prompt: "to confirm:",
                                               answer: "not-the-name", environment: ["ENV": "DEV"])
            #expect(wrong.status != 0)
            #expect(wrong.output.contains("Type the database name (\(db.name))"))
            #expect(wrong.output.contains("not confirmed"))
            #expect(try Self.customers(connection) == 1)

            let right = try PseudoTerminal.run(["migrate", "reset", "--database-url", db.url], prompt: "to confirm:",
                                               answer: db.name, environment: ["ENV": "DEV"])
            #expect(right.status == 0, "\(right.output)")
            #expect(right.output.contains("migrate: reset 127.0.0.1:"))
            #expect(try Self.customers(connection) == 0)
        }
    }

    @Test("without a terminal and without --yes it refuses; --yes resets")
    func noTerminal() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try connection.query("INSERT INTO stripe.customers (id, raw) VALUES ('cus_keep', '{}')")
            let refused = try CLI.run(["migrate", "reset", "--database-url", db.url], environment: ["ENV": "DEV"])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("--yes"))
            #expect(try Self.customers(connection) == 1)
            let forced = try CLI.run(["migrate", "reset", "--yes", "--database-url", db.url], environment: ["ENV": "DEV"])
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(try Self.customers(connection) == 0)
        }
    }
}

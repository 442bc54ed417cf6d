import Foundation
import Postgres
import Testing
import TestSupport

@Suite("PostgreSQL layer", .needsDatabase)
struct PGConnectionTests {
    @Test("parameters bind as $N, including NULL, unicode and quotes")
    func bindsParameters() throws {
        try TestDatabase.with(migrated: false) { db in
            let connection = try db.connect()
            let text = "O'Brien \"quoted\" — 日本語 🎉 \\ back\tslash"
            let row = try #require(try connection.query(
                "SELECT $1::text AS t, $2::bigint AS n, $3::boolean AS b, $4::text IS NULL AS is_null, $5::float8 AS d",
                [text, Int64(9_007_199_254_740_993), true, Optional<String>.none, 2.5]
            ).first)
            #expect(row["t"] == text)
            #expect(try row.decode("n", as: Int64.self) == 9_007_199_254_740_993)
            #expect(try row.decode("b", as: Bool.self) == true)
            #expect(try row.decode("is_null", as: Bool.self) == true)
            #expect(try row.decode("d", as: Double.self) == 2.5)
        }
    }

    @Test("a value is never spliced into SQL: an injection attempt stays a value")
    func injectionStaysAValue() throws {
        try TestDatabase.with(migrated: false) { db in
            let connection = try db.connect()
            try connection.query("CREATE TABLE t (v text)")
            let hostile = "x'); DROP TABLE t; --"
            try connection.query("INSERT INTO t (v) VALUES ($1)", [hostile])
            #expect(try connection.query("SELECT v FROM t").scalar(String.self) == hostile)
        }
    }

    @Test("errors carry SQLSTATE, message and detail")
    func errorsCarrySQLState() throws {
        try TestDatabase.with(migrated: false) { db in
            let connection = try db.connect()
            try connection.query("CREATE TABLE u (id int PRIMARY KEY)")
            try connection.query("INSERT INTO u VALUES (1)")
            let error = try #require(throws: PGError.self) { try connection.query("INSERT INTO u VALUES (1)") }
            #expect(error.sqlState == "23505")
            #expect(error.isUniqueViolation)
            #expect(error.detail?.contains("(id)=(1)") == true)
            let syntax = try #require(throws: PGError.self) { try connection.query("SELEC 1") }
            #expect(syntax.sqlState == "42601")
            #expect(syntax.description.contains("42601"))
        }
    }

    @Test("a transaction rolls back when its body throws")
    func transactionRollsBack() throws {
        struct Boom: Error {}
        try TestDatabase.with(migrated: false) { db in
            let connection = try db.connect()
            try connection.query("CREATE TABLE r (v int)")
            #expect(throws: Boom.self) {
                try connection.transaction {
                    try connection.query("INSERT INTO r VALUES (1)")
                    throw Boom()
                }
            }
            #expect(try connection.query("SELECT count(*) FROM r").scalar(Int.self) == 0)
            try connection.transaction { try connection.query("INSERT INTO r VALUES (2)") }
            #expect(try connection.query("SELECT count(*) FROM r").scalar(Int.self) == 1)
        }
    }

    @Test("COPY streams a large number of rows with escaping intact")
    func largeCopy() throws {
        try TestDatabase.with(migrated: false) { db in
            let connection = try db.connect()
            try connection.query("CREATE TABLE c (id int, body text, doc jsonb)")
            let count = 120_000
            let copied = try connection.copyIn("COPY c (id, body, doc) FROM STDIN") { writer in
                for i in 0..<count {
                    try writer.writeRow([String(i), i % 7 == 0 ? nil : "line\n\(i)\ttab\\slash", "{\"k\": \"v\\n\(i)\"}"])
                }
            }
            #expect(copied == count)
            #expect(try connection.query("SELECT count(*) FROM c").scalar(Int.self) == count)
            #expect(try connection.query("SELECT count(*) FROM c WHERE body IS NULL").scalar(Int.self) == (count + 6) / 7)
            #expect(try connection.query("SELECT body FROM c WHERE id = 1").scalar(String.self) == "line\n1\ttab\\slash")
            #expect(try connection.query("SELECT doc->>'k' FROM c WHERE id = 5").scalar(String.self) == "v\n5")
        }
    }

    @Test("a COPY the server rejects reports the error and keeps nothing")
    func copyErrorReported() throws {
        try TestDatabase.with(migrated: false) { db in
            let connection = try db.connect()
            try connection.query("CREATE TABLE n (v int NOT NULL)")
            let error = try #require(throws: PGError.self) {
                try connection.copyIn("COPY n (v) FROM STDIN") { writer in
                    try writer.writeRow(["1"])
                    try writer.writeRow(["not a number"])
                }
            }
            #expect(error.sqlState == "22P02")
            #expect(try connection.query("SELECT count(*) FROM n").scalar(Int.self) == 0)
            // The connection is usable afterwards.
            #expect(try connection.query("SELECT 1").scalar(Int.self) == 1)
        }
    }

    @Test("a connection error names the server but never the password")
    func connectionErrorHidesPassword() throws {
        let error = try #require(throws: PGError.self) {
            _ = try PGConnection(url: "postgres://stripe:hunter2secret@127.0.0.1:1/nowhere?connect_timeout=2")
        }
        #expect(error.kind == .connection)
        #expect(!error.description.contains("hunter2secret"))
        #expect(error.description.contains("127.0.0.1"))
    }

    @Test("advisory locks exclude a second session until released")
    func advisoryLocks() throws {
        try TestDatabase.with(migrated: false) { db in
            let first = try db.connect()
            let second = try db.connect()
            #expect(try first.tryAdvisoryLock(42))
            #expect(try !second.tryAdvisoryLock(42))
            try first.advisoryUnlock(42)
            #expect(try second.tryAdvisoryLock(42))
        }
    }

    @Test("URLs and free text are scrubbed of passwords")
    func redaction() {
        #expect(ConnectionURL.redacted("postgres://u:p%40ss@h:5432/db?sslmode=require") == "postgres://u:***@h:5432/db?sslmode=require")
        #expect(ConnectionURL.redacted("postgres://u@h/db") == "postgres://u@h/db")
        #expect(ConnectionURL.scrub("host=h password=s3cret user=u") == "host=h password=*** user=u")
    }
}

import Foundation
import Postgres
import StripeJSON
import StripeOLTP
import TestSupport
import Testing

@Suite("Canonical JSON matches PostgreSQL's jsonb text", .needsDatabase)
struct CanonicalJSONTests {
    static let samples = [
        #"{"b": 1, "a": 2, "aa": {"z": [1, 2.50, -0, 1e2, 1.5E-3, 12E+1, -0.0]}}"#,
        #"{"text": "quote \" backslash \\ tab \t newline \n bell \u0007 é 日本 🎉 \u00e9", "k": null, "t": true, "f": false}"#,
        #"{"dup": 1, "dup": 2, "x": [], "y": {}, "": "empty key"}"#,
        #"[{"id": "cus_1", "metadata": {"tier": "gold"}}, 3, "s"]"#,
        #"{"id":"in_1","lines":{"data":[{"id":"il_1","amount":1000,"period":{"end":1721954054,"start":1721954054}}],"has_more":false}}"#,
    ]

    @Test("text and digest equal raw::text and md5 of the stored jsonb", arguments: samples)
    func matchesServer(sample: String) throws {
        try TestDatabase.with(migrated: false) { db in
            let connection = try db.connect()
            let server = try connection.query("SELECT $1::jsonb::text", [sample]).scalar(String.self)
            #expect(CanonicalJSON.text(try JSONParser.parse(sample)) == server)
        }
    }

    @Test("numbers print as numeric does")
    func numbers() {
        #expect(CanonicalJSON.numericText("2000") == "2000")
        #expect(CanonicalJSON.numericText("1.50") == "1.50")
        #expect(CanonicalJSON.numericText("1e2") == "100")
        #expect(CanonicalJSON.numericText("1.5E-3") == "0.0015")
        #expect(CanonicalJSON.numericText("-0") == "0")
        #expect(CanonicalJSON.numericText("-12.5") == "-12.5")
        #expect(CanonicalJSON.numericText("12E+1") == "120")
    }
}

import Foundation
import Testing
import TestSupport

@Suite("options: enumerated values parsed and validated by ArgumentParser (exit 64, the choices named), in the completions")
struct OptionParsingTests {
    @Test("a bad --format, environment, ingest target or --log-format is refused with ArgumentParser's error naming the choices")
    func badValues() throws {
        let cases: [([String], String)] = [
            (["fetch", "--format", "xml"], "The value 'xml' is invalid for '--format <format>'. Please provide one of 'ndjson' and 'envelope'."),
            (["generate", "--customers", "1", "--out", "/tmp/x", "--format", "csv"],
             "The value 'csv' is invalid for '--format <format>'. Please provide one of 'ndjson', 'envelope' or 'array'."),
            (["migrate", "mark-environment", "STAGING"], "The value 'STAGING' is invalid for '<environment>'. Please provide one of 'DEV', 'TEST' or 'PROD'."),
            (["ingest", "refundz", "--file", "x.json"], "The value 'refundz' is invalid for '<target>'"),
            (["--log-format", "yaml", "status"], "The value 'yaml' is invalid for '--log-format <log-format>'. Please provide one of 'text' and 'json'."),
            (["fetch", "--resources", "products,refundz"], "The value 'products,refundz' is invalid for '--resources <resources>': unknown resource 'refundz'"),
            (["fetch", "--since", "yesterday"], "The value 'yesterday' is invalid for '--since <since>': --since 'yesterday' is not a date"),
        ]
        for (arguments, message) in cases {
            let result = try CLI.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }

    @Test("the values still accepted: any letter case for environments, payment-methods for payment_methods")
    func goodValues() throws {
        let dashed = try CLI.run(["ingest", "payment-methods", "--file", "/nonexistent/pm.json"])
        #expect(dashed.status == 1 && dashed.stderr.contains("/nonexistent/pm.json"), "\(dashed.stderr)")
        let lower = try CLI.run(["migrate", "mark-environment", "dev", "--database-url", "postgres://127.0.0.1:1/none"])
        #expect(lower.status == 1, "\(lower.stderr)")
        #expect(!lower.stderr.contains("is invalid"), "\(lower.stderr)")
    }

    @Test("the bash completion script offers every choice: ingest targets, formats, resources, log formats")
    func completions() throws {
        let script = try CLI.run(["--generate-completion-script", "bash"])
        #expect(script.status == 0)
        for word in ["'all'", "'payment_methods'", "'invoice_payments'", "'ndjson'", "'array'", "'PROD'", "'json'"] {
            #expect(script.stdout.contains(word), "\(word) not in the completion script")
        }
    }
}

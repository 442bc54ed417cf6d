import Foundation
import StripeJSON

/// The loader's configuration: the process environment (non-empty values) first, then
/// `.env.local`, then `.env.dev` — the precedence `scripts/env.sh` gives the Makefile and scripts.
///
/// An empty (or blank) value counts as unset wherever it comes from: `export ENV=` in the
/// process environment, or an `ENV=` line in `.env.local`, leaves an earlier non-empty value
/// (say `ENV=PROD` from `.env.dev`) in force instead of overriding it.
///
/// Recognized variables: `ENV` (DEV, TEST or PROD), `DATABASE_URL`, `TEST_DATABASE_URL`, the
/// local clusters' `PG_USER`, `PG_DEV_PORT`, `PG_TEST_PORT`, `PG_DEV_DB`, `PG_TEST_DB` (which
/// make up the database URLs when those are unset), `STRIPE_SECRET_KEY`, `STRIPE_API_BASE`,
/// `MIGRATIONS_DIR`, `FETCH_DIR`, `STRIPE_SCHEMA`.
public struct Settings: Sendable {
    /// All variables from the files, overridden by the non-empty values of the process environment.
    public let values: [String: String]

    /// Loads `.env.dev` (and `.env.local` when present) from `directory`, then overlays the
    /// non-empty values of `environment`; a later empty value never replaces an earlier one.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        files: [String] = [".env.dev", ".env.local"]
    ) {
        var merged: [String: String] = [:]
        for name in files {
            let url = directory.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            for (key, value) in Settings.parseDotEnv(text) where !Settings.isBlank(value) { merged[key] = value }
        }
        for (key, value) in environment where !Settings.isBlank(value) { merged[key] = value }
        values = merged
    }

    /// Creates settings from explicit values (for tests and embedding).
    public init(values: [String: String]) {
        self.values = values
    }

    /// The value of `name`, or nil when unset, empty or blank.
    public subscript(_ name: String) -> String? {
        guard let value = values[name], !Settings.isBlank(value) else { return nil }
        return value
    }

    /// True for a value that counts as unset: empty or only spaces and tabs.
    static func isBlank(_ value: String) -> Bool {
        value.allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// The deployment environment named by `ENV` (default DEV only when no source sets it);
    /// any value other than DEV, TEST or PROD is an error, never a fallback to DEV.
    public func deploymentEnvironment() throws -> DeploymentEnvironment {
        guard let raw = self["ENV"] else { return .dev }
        guard let env = DeploymentEnvironment(name: raw) else {
            throw LoaderError.configuration("ENV is '\(raw)'; expected DEV, TEST or PROD")
        }
        return env
    }

    /// The schema to load into: `STRIPE_SCHEMA`, validated, else `stripe`.
    public func schema() throws -> SchemaName {
        guard let name = self["STRIPE_SCHEMA"] else { return .default }
        do {
            return try SchemaName(name)
        } catch let error as SchemaNameError {
            throw LoaderError.configuration("STRIPE_SCHEMA: \(error)")
        }
    }

    /// The database URL: `TEST_DATABASE_URL` when `test` is true, else `DATABASE_URL`; when that
    /// is unset, the local cluster's `postgres://PG_USER@127.0.0.1:PG_DEV_PORT/PG_DEV_DB` (or the
    /// `PG_TEST_…` pair), as `scripts/db.sh` starts it, provided the port is configured.
    public func databaseURL(test: Bool = false) throws -> String {
        let name = test ? "TEST_DATABASE_URL" : "DATABASE_URL"
        if let url = self[name] { return url }
        guard self[test ? "PG_TEST_PORT" : "PG_DEV_PORT"] != nil else {
            throw LoaderError.configuration(
                "\(name) is not set, nor \(test ? "PG_TEST_PORT" : "PG_DEV_PORT") to make it of (environment, .env.local or .env.dev)")
        }
        let user = self["PG_USER"] ?? "stripe"
        let port = self[test ? "PG_TEST_PORT" : "PG_DEV_PORT"] ?? (test ? "5435" : "5434")
        let database = self[test ? "PG_TEST_DB" : "PG_DEV_DB"] ?? (test ? "stripe_db_test" : "stripe_db_dev")
        return "postgres://\(user)@127.0.0.1:\(port)/\(database)"
    }

    /// Parses `KEY=VALUE` lines; `#` comments, blank lines, `export ` prefixes and quotes are handled.
    public static func parseDotEnv(_ text: String) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)) }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            guard !key.isEmpty else { continue }
            pairs.append((key, value))
        }
        return pairs
    }
}

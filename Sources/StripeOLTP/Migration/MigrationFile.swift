import Foundation
import StripeJSON

/// One versioned SQL file from the migrations folder (`NNNN_snake_name.sql`).
public struct MigrationFile: Sendable, Equatable {
    /// The version number (the leading digits of the file name).
    public let version: Int
    /// The name after the version (`create_stripe_schema`).
    public let name: String
    /// The file name (`0001_create_stripe_schema.sql`).
    public let fileName: String
    /// The SQL text.
    public let sql: String
    /// SHA-256 of the file's bytes, hex.
    public let checksum: String
    /// False when the file opts out of the wrapping transaction with a header line
    /// `-- migrate: no-transaction` (needed for e.g. `CREATE INDEX CONCURRENTLY`).
    public let transactional: Bool

    /// The header line that opts a file out of the wrapping transaction.
    public static let noTransactionMarker = "-- migrate: no-transaction"

    /// Parses a file name and contents; throws when the name is not `NNNN_snake_name.sql`.
    public init(fileName: String, contents: Data) throws {
        guard let parsed = MigrationFile.parseName(fileName) else {
            throw LoaderError.migration(
                file: fileName, reason: "name must be NNNN_snake_case_name.sql (digits, underscore, lower-case name)")
        }
        guard let sql = String(data: contents, encoding: .utf8) else {
            throw LoaderError.migration(file: fileName, reason: "is not UTF-8 text")
        }
        self.version = parsed.version
        self.name = parsed.name
        self.fileName = fileName
        self.sql = sql
        self.checksum = Digest.sha256Hex(contents)
        self.transactional = !MigrationFile.headerLines(of: sql).contains { $0 == MigrationFile.noTransactionMarker }
    }

    /// Splits `NNNN_name.sql` into version and name; nil when the name does not fit.
    public static func parseName(_ fileName: String) -> (version: Int, name: String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let version = Int(digits), version > 0,
            !name.isEmpty,
            name.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" })
        else { return nil }
        return (version, String(name))
    }

    /// The file name for a version and name: `NNNN_name.sql`, the version zero-padded to four digits.
    public static func fileName(version: Int, name: String) -> String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name + ".sql"
    }

    private static func headerLines(of sql: String) -> [String] {
        var lines: [String] = []
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard trimmed.hasPrefix("--") else { break }
            lines.append(trimmed)
        }
        return lines
    }
}

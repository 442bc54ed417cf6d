/// Finds the statements of a migration that destroy loaded data: `DROP TABLE`, `DROP SCHEMA`,
/// `TRUNCATE` and `ALTER TABLE … DROP [COLUMN]` on a table of the `stripe` or `stripe_oltp`
/// schema. Under PROD, `migrate up` refuses a migration holding one unless `--allow-destructive`.
///
/// The scan errs on the side of refusing: an unqualified table name (which `search_path` could
/// resolve to a stripe table) counts, so does a name built at run time, and the text of string
/// literals and `DO`/function bodies is scanned like the rest. Comments are skipped, and so are
/// `DROP CONSTRAINT`, `DROP DEFAULT`, `DROP NOT NULL`, `DROP INDEX` and other drops that lose no rows.
public enum DestructiveSQL {
    /// The schemas whose tables are protected.
    public static let protectedSchemas: Set<String> = ["stripe", "stripe_oltp"]

    /// One line per destructive statement in `sql`, e.g. `DROP TABLE stripe.refunds`.
    public static func findings(in sql: String) -> [String] {
        var findings: [String] = []
        for statement in statements(tokens(of: sql)) {
            for index in statement.indices {
                findings += finding(in: statement, at: index)
            }
        }
        return findings
    }

    // MARK: - Statement rules

    private static let harmlessAlterDrops: Set<String> = ["constraint", "default", "not", "identity", "expression"]
    private static let triggerOrGrantWords: Set<String> = ["before", "after", "or", ",", "grant", "revoke", "on", "instead"]

    private static func finding(in statement: [String], at index: Int) -> [String] {
        let word = statement[index]
        let next = index + 1 < statement.count ? statement[index + 1] : ""
        if word == "drop" && (next == "table" || next == "schema") {
            let (names, _) = nameList(statement, from: skipping(["if", "exists"], in: statement, from: index + 2))
            let protected = names.isEmpty ? ["(a name built at run time)"]
                : names.filter { next == "table" ? isProtectedTable($0) : protectedSchemas.contains($0.last ?? "") }
                    .map { $0.joined(separator: ".") }
            return protected.map { "DROP \(next.uppercased()) \($0)" }
        }
        if word == "truncate" && !triggerOrGrantWords.contains(index > 0 ? statement[index - 1] : "") {
            let (names, _) = nameList(statement, from: skipping(["table", "only"], in: statement, from: index + 1))
            let protected = names.isEmpty ? ["(a name built at run time)"]
                : names.filter(isProtectedTable).map { $0.joined(separator: ".") }
            return protected.map { "TRUNCATE \($0)" }
        }
        if word == "alter" && next == "table" {
            return alterTableDrops(statement, from: index + 2)
        }
        return []
    }

    /// `ALTER TABLE name … DROP [COLUMN] [IF EXISTS] column` (any number of them).
    private static func alterTableDrops(_ statement: [String], from start: Int) -> [String] {
        let (names, end) = nameList(statement, from: skipping(["if", "exists", "only"], in: statement, from: start), single: true)
        guard names.isEmpty || names.contains(where: isProtectedTable) else { return [] }
        let table = names.first?.joined(separator: ".") ?? "(a name built at run time)"
        var drops: [String] = []
        var index = end
        while index < statement.count {
            defer { index += 1 }
            guard statement[index] == "drop", index + 1 < statement.count else { continue }
            let next = statement[index + 1]
            guard !harmlessAlterDrops.contains(next) else { continue }
            let columnAt = skipping(["column", "if", "exists"], in: statement, from: index + 1)
            let column = columnAt < statement.count ? unquoted(statement[columnAt]) : "?"
            drops.append("ALTER TABLE \(table) DROP COLUMN \(column)")
        }
        return drops
    }

    private static func isProtectedTable(_ name: [String]) -> Bool {
        name.count < 2 || protectedSchemas.contains(name[name.count - 2])
    }

    private static func skipping(_ words: Set<String>, in statement: [String], from start: Int) -> Int {
        var index = start
        while index < statement.count, words.contains(statement[index]) { index += 1 }
        return index
    }

    /// Reads `a.b, c, "D"…` from `start`: the names (each its dotted parts, unquoted) and the
    /// index after them. `single` stops after the first name.
    private static func nameList(_ statement: [String], from start: Int, single: Bool = false) -> ([[String]], Int) {
        var names: [[String]] = []
        var index = start
        while index < statement.count, isIdentifier(statement[index]) {
            var parts = [unquoted(statement[index])]
            index += 1
            while index + 1 < statement.count, statement[index] == ".", isIdentifier(statement[index + 1]) {
                parts.append(unquoted(statement[index + 1]))
                index += 2
            }
            names.append(parts)
            if index < statement.count, statement[index] == "*" { index += 1 }
            guard !single, index + 1 < statement.count, statement[index] == "," else { break }
            index += 1
        }
        return (names, index)
    }

    // MARK: - Tokens

    private static func isIdentifier(_ token: String) -> Bool {
        guard let first = token.first else { return false }
        return first == "\"" || first.isLetter || first == "_"
    }

    private static func unquoted(_ token: String) -> String {
        token.first == "\"" ? String(token.dropFirst().dropLast()) : token
    }

    private static func statements(_ tokens: [String]) -> [[String]] {
        tokens.split(separator: ";").map(Array.init)
    }

    /// Words (lower-cased), quoted identifiers (with their quotes, case kept) and single
    /// punctuation characters. Comments are dropped; quote marks of string literals and dollar
    /// quotes are dropped too, so their text is scanned like code, but a `--` or `/*` inside a
    /// string literal starts no comment.
    static func tokens(of sql: String) -> [String] {
        var tokens: [String] = []
        let chars = Array(sql)
        var index = 0
        var inString = false
        func peek(_ offset: Int) -> Character? { index + offset < chars.count ? chars[index + offset] : nil }
        while index < chars.count {
            let char = chars[index]
            if char == "'" {
                inString.toggle()
                index += 1
            } else if !inString, char == "-", peek(1) == "-" {
                while index < chars.count, chars[index] != "\n" { index += 1 }
            } else if !inString, char == "/", peek(1) == "*" {
                index = endOfBlockComment(chars, from: index)
            } else if char == "\"" {
                var end = index + 1
                while end < chars.count, chars[end] != "\"" { end += 1 }
                tokens.append(String(chars[index..<min(end + 1, chars.count)]))
                index = end + 1
            } else if char.isLetter || char == "_" {
                var end = index
                while end < chars.count, chars[end].isLetter || chars[end].isNumber || chars[end] == "_" || chars[end] == "$" {
                    end += 1
                }
                tokens.append(String(chars[index..<end]).lowercased())
                index = end
            } else if char == "$" {
                index += 1  // dollar quotes and parameters: their text is scanned like code
            } else if char.isWhitespace || char.isNumber {
                index += 1
            } else {
                tokens.append(String(char))
                index += 1
            }
        }
        return tokens
    }

    private static func endOfBlockComment(_ chars: [Character], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < chars.count {
            if chars[index] == "/", index + 1 < chars.count, chars[index + 1] == "*" {
                depth += 1
                index += 2
            } else if chars[index] == "*", index + 1 < chars.count, chars[index + 1] == "/" {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else {
                index += 1
            }
        }
        return index
    }
}

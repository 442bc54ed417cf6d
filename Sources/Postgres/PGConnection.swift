import CLibPQ
import Foundation

/// A blocking connection to PostgreSQL over libpq.
///
/// Values are always bound as `$N` parameters; statements are never built from values.
/// A connection is used by one thread at a time.
public final class PGConnection {
    private var handle: OpaquePointer?
    /// The connection string as libpq parsed it, without any secret, for messages.
    public let redactedURL: String
    /// Rewrites every statement's text before it is sent (nil: sent as written). Set it right
    /// after opening the connection, before the first statement.
    public var statementRewriter: (any PGStatementRewriter)?

    /// Opens a connection from a `postgres://…` URL (or a libpq keyword string).
    /// Query parameters such as `sslmode` are passed through to libpq. A string libpq cannot
    /// parse, or a URL it would split at the wrong place (see `ConnectionInfo`), is refused
    /// before anything is sent, with an error that does not contain it.
    public init(url: String) throws {
        do {
            redactedURL = try ConnectionInfo(parsing: url).redacted
        } catch let error as ConnectionStringError {
            throw PGError(kind: .connection, message: error.description)
        }
        guard let conn = PQconnectdb(url) else {
            throw PGError(kind: .connection, message: "libpq could not allocate a connection", context: redactedURL)
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = PGConnection.trimmed(PQerrorMessage(conn))
            PQfinish(conn)
            throw PGError(kind: .connection, message: message, context: redactedURL)
        }
        handle = conn
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
    }

    /// `sql` as `statementRewriter` would send it.
    private func rewritten(_ sql: String) -> String {
        statementRewriter?.rewrite(sql) ?? sql
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Closes the connection; later calls fail.
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// The server's version number (e.g. 150004 for 15.4).
    public var serverVersion: Int {
        guard let handle else { return 0 }
        return Int(PQserverVersion(handle))
    }

    /// Runs one statement with `$1…$N` parameters and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ parameters: [any PGBindable] = []) throws -> PGResult {
        let sql = rewritten(sql)
        let conn = try liveHandle()
        let texts = parameters.map { $0.pgText }
        let result = withCStrings(texts) { pointers in
            PQexecParams(conn, sql, Int32(texts.count), nil, pointers, nil, nil, 0)
        }
        return try consume(result, sql: sql)
    }

    /// Runs a script of one or more statements without parameters (for migrations and DDL).
    public func execute(script sql: String) throws {
        let sql = rewritten(sql)
        let conn = try liveHandle()
        var result = PQexec(conn, sql)
        var firstError: PGError?
        // PQexec returns the last result; an error stops the script there.
        if let r = result {
            let status = PQresultStatus(r)
            if status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY {
                firstError = makeError(r, sql: sql)
            }
            PQclear(r)
            result = nil
        } else {
            firstError = PGError(kind: .query, message: PGConnection.trimmed(PQerrorMessage(conn)), context: PGConnection.summary(sql))
        }
        if let firstError { throw firstError }
    }

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try query("BEGIN")
        do {
            let value = try body()
            try query("COMMIT")
            return value
        } catch {
            _ = try? query("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` inside an open transaction under savepoint `name`: releases it when `body`
    /// returns, rolls back to it (undoing only `body`'s work, the transaction stays usable) when
    /// `body` throws.
    public func savepoint<T>(_ name: String, _ body: () throws -> T) throws -> T {
        precondition(name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "savepoint names are identifiers")
        try query("SAVEPOINT \(name)")
        do {
            let value = try body()
            try query("RELEASE SAVEPOINT \(name)")
            return value
        } catch {
            _ = try? query("ROLLBACK TO SAVEPOINT \(name)")
            _ = try? query("RELEASE SAVEPOINT \(name)")
            throw error
        }
    }

    /// Holds the session-level advisory lock `key` while `body` runs, waiting for it if another
    /// session holds it; the lock is released even when `body` throws.
    public func withAdvisoryLock<T>(_ key: Int64, _ body: () throws -> T) throws -> T {
        try query("SELECT pg_advisory_lock($1)", [key])
        defer { _ = try? query("SELECT pg_advisory_unlock($1)", [key]) }
        return try body()
    }

    /// Tries to take the session-level advisory lock `key` without waiting.
    public func tryAdvisoryLock(_ key: Int64) throws -> Bool {
        try query("SELECT pg_try_advisory_lock($1)", [key]).scalar(Bool.self) ?? false
    }

    /// Releases the session-level advisory lock `key`.
    public func advisoryUnlock(_ key: Int64) throws {
        try query("SELECT pg_advisory_unlock($1)", [key])
    }

    /// Streams rows into `COPY … FROM STDIN`: `body` writes text-format rows to the writer.
    /// Returns the number of rows the server copied. When `body` throws, the copy is aborted
    /// and nothing it wrote is kept.
    @discardableResult
    public func copyIn(_ sql: String, _ body: (PGCopyWriter) throws -> Void) throws -> Int {
        let sql = rewritten(sql)
        let conn = try liveHandle()
        guard let start = PQexec(conn, sql) else {
            throw PGError(kind: .copy, message: PGConnection.trimmed(PQerrorMessage(conn)), context: PGConnection.summary(sql))
        }
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            let error = makeError(start, sql: sql)
            PQclear(start)
            throw error
        }
        PQclear(start)
        let writer = PGCopyWriter(connection: self)
        do {
            try body(writer)
            try writer.flush()
        } catch {
            _ = PQputCopyEnd(conn, "aborted by client")
            drainResults(conn)
            throw error
        }
        guard PQputCopyEnd(conn, nil) == 1 else {
            let message = PGConnection.trimmed(PQerrorMessage(conn))
            drainResults(conn)
            throw PGError(kind: .copy, message: message, context: PGConnection.summary(sql))
        }
        var copyError: PGError?
        var copied = 0
        while let result = PQgetResult(conn) {
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                copied = Int(String(cString: PQcmdTuples(result))) ?? 0
            } else if copyError == nil {
                copyError = makeError(result, sql: sql, kind: .copy)
            }
            PQclear(result)
        }
        if let copyError { throw copyError }
        return copied
    }

    /// Sends one chunk of COPY data; used by `PGCopyWriter`.
    func putCopyData(_ bytes: UnsafeRawBufferPointer) throws {
        let conn = try liveHandle()
        let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        guard PQputCopyData(conn, base, Int32(bytes.count)) == 1 else {
            throw PGError(kind: .copy, message: PGConnection.trimmed(PQerrorMessage(conn)))
        }
    }

    // MARK: - Internals

    private func liveHandle() throws -> OpaquePointer {
        guard let handle else {
            throw PGError(kind: .connection, message: "connection is closed", context: redactedURL)
        }
        return handle
    }

    private func drainResults(_ conn: OpaquePointer) {
        while let result = PQgetResult(conn) { PQclear(result) }
    }

    private func consume(_ result: OpaquePointer?, sql: String) throws -> PGResult {
        guard let result else {
            throw PGError(kind: .query, message: PGConnection.trimmed(PQerrorMessage(handle)), context: PGConnection.summary(sql))
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY else {
            throw makeError(result, sql: sql)
        }
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        var columns = [String]()
        columns.reserveCapacity(columnCount)
        for c in 0..<columnCount { columns.append(String(cString: PQfname(result, Int32(c)))) }
        var rows = [PGRow]()
        rows.reserveCapacity(rowCount)
        for r in 0..<rowCount {
            var values = [String?]()
            values.reserveCapacity(columnCount)
            for c in 0..<columnCount {
                if PQgetisnull(result, Int32(r), Int32(c)) == 1 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, Int32(r), Int32(c))))
                }
            }
            rows.append(PGRow(columns: columns, values: values))
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return PGResult(columns: columns, rows: rows, affectedRows: affected)
    }

    private func makeError(_ result: OpaquePointer, sql: String, kind: PGError.Kind = .query) -> PGError {
        func field(_ code: Int32) -> String? {
            guard let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        let fieldSQLState = Int32(UInt8(ascii: "C"))
        let fieldPrimary = Int32(UInt8(ascii: "M"))
        let fieldDetail = Int32(UInt8(ascii: "D"))
        let fieldHint = Int32(UInt8(ascii: "H"))
        let fieldPosition = Int32(UInt8(ascii: "P"))
        let fieldContext = Int32(UInt8(ascii: "W"))
        var message = field(fieldPrimary) ?? PGConnection.trimmed(PQresultErrorMessage(result))
        if message.isEmpty { message = PGConnection.trimmed(PQerrorMessage(handle)) }
        if let position = field(fieldPosition), let offset = Int(position) {
            message += " (at \(PGConnection.lineAndColumn(of: offset, in: sql)))"
        }
        return PGError(
            kind: kind, sqlState: field(fieldSQLState), message: message,
            detail: field(fieldDetail), hint: field(fieldHint), context: PGConnection.summary(sql),
            serverContext: field(fieldContext))
    }

    private static func lineAndColumn(of characterOffset: Int, in sql: String) -> String {
        var line = 1
        var column = 1
        for (index, character) in sql.enumerated() {
            if index + 1 >= characterOffset { break }
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return "line \(line), column \(column)"
    }

    static func summary(_ sql: String) -> String {
        let flat = sql.split(whereSeparator: { $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        let collapsed = flat.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return collapsed.count > 160 ? String(collapsed.prefix(157)) + "..." : collapsed
    }

    static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "unknown libpq error" }
        return String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

private func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    var storage = [UnsafeMutablePointer<CChar>?]()
    storage.reserveCapacity(strings.count)
    for string in strings {
        storage.append(string.map { strdup($0) })
    }
    defer { for pointer in storage { free(pointer) } }
    return body(storage.map { $0.map { UnsafePointer($0) } })
}


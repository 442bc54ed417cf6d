import Foundation
import StripeJSON
import StripeSchema

/// Writes one resource's dump file: objects appended by any worker, each id once, into a hidden
/// temporary file that is renamed into place only when the resource is complete — so a reader
/// never sees half a file and a failed fetch leaves the previous file as it was.
final class FetchFileWriter: @unchecked Sendable {
    /// The final path.
    let path: String
    private let temporaryPath: String
    private let format: FetchFileFormat
    private let listURL: String
    private let lock = NSLock()
    private var file: UnsafeMutablePointer<FILE>?
    private var ids = Set<String>()
    private(set) var count = 0
    private(set) var deleted = 0
    private(set) var fromEvents = 0
    private(set) var newestCreated: Int?

    /// Opens the temporary file for `resource` in `directory`; with `carrying`, the objects of that
    /// (complete) dump file are copied in first, byte for byte, so the new file extends it.
    init(directory: String, resource: Resource, format: FetchFileFormat, carrying existing: String? = nil) throws {
        path = (directory as NSString).appendingPathComponent(resource.fileName)
        temporaryPath = (directory as NSString).appendingPathComponent(".\(resource.fileName).partial")
        self.format = format
        listURL = resource.listPath
        guard let file = fopen(temporaryPath, "w") else {
            throw LoaderError.dumpFile(file: temporaryPath, reason: "cannot be created: \(String(cString: strerror(errno)))")
        }
        self.file = file
        if format == .envelope { try put(Array("{\"object\":\"list\",\"data\":[".utf8)) }
        if let existing {
            do {
                try carry(existing)
            } catch {
                discard()
                throw error
            }
        }
    }

    /// Copies every object of the dump file at `path` as it is; they count as written, but not as
    /// listed (the cursor) nor as from events.
    private func carry(_ path: String) throws {
        try DumpReader(path: path).forEach { object in
            let value = try object.parsed(file: path)
            guard let id = value["id"]?.stringValue, ids.insert(id).inserted else { return }
            try append(object.bytes)
            count += 1
            if case .bool(true)? = value["deleted"] { deleted += 1 }
        }
    }

    deinit {
        if let file { fclose(file) }
    }

    /// Whether an object with `id` was written already.
    func contains(_ id: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return ids.contains(id)
    }

    /// Appends `object` unless its id was written already; returns whether it was written.
    /// Listed objects (not event snapshots) move `newestCreated`, the resource's next cursor.
    @discardableResult
    func write(id: String, object: JSONValue, isDeletion: Bool = false, fromEvent: Bool = false) throws -> Bool {
        let bytes = object.serializedBytes()
        lock.lock()
        defer { lock.unlock() }
        guard ids.insert(id).inserted else { return false }
        try append(bytes)
        count += 1
        if isDeletion { deleted += 1 }
        if fromEvent { fromEvents += 1 }
        if !fromEvent, let created = object["created"]?.int64Value.map(Int.init) {
            newestCreated = max(newestCreated ?? created, created)
        }
        return true
    }

    /// Flushes, syncs and renames the file into place.
    func commit() throws {
        lock.lock()
        defer { lock.unlock() }
        guard let file else { return }
        if format == .envelope {
            try put(Array("\n],\"has_more\":false,\"url\":\"\(listURL)\"}\n".utf8))
        }
        let flushed = fflush(file) == 0 && fsync(fileno(file)) == 0
        fclose(file)
        self.file = nil
        guard flushed, rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw LoaderError.dumpFile(file: path, reason: "could not be written: \(reason)")
        }
    }

    /// Closes and removes the temporary file, leaving any previous file untouched.
    func discard() {
        lock.lock()
        defer { lock.unlock() }
        if let file { fclose(file) }
        file = nil
        unlink(temporaryPath)
    }

    /// Appends one object's bytes with the format's separator; the caller holds the lock or is the initializer.
    private func append(_ bytes: [UInt8]) throws {
        switch format {
        case .ndjson:
            try put(bytes)
            try put([0x0A])
        case .envelope:
            try put(count == 0 ? [0x0A] : [0x2C, 0x0A])
            try put(bytes)
        }
    }

    private func put(_ bytes: [UInt8]) throws {
        guard let file else { preconditionFailure("write after commit or discard") }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == bytes.count else {
            throw LoaderError.dumpFile(file: temporaryPath, reason: "write failed: \(String(cString: strerror(errno)))")
        }
    }
}

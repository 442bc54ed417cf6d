#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import StripeJSON
import StripeSchema

/// Writes one dump file atomically: objects go to a hidden temporary file in the same
/// directory, which `commit()` flushes, syncs and renames over the final name.
final class SyntheticDumpFileWriter {
    /// The resource this file holds.
    let resource: Resource
    /// The layout.
    let format: SyntheticDumpFormat
    /// The final path.
    let finalPath: String
    /// The temporary path written until `commit()`.
    let temporaryPath: String
    /// Objects written so far.
    private(set) var objects = 0
    /// Bytes flushed to the temporary file so far (the file's size once committed).
    private(set) var bytes = 0

    private var descriptor: Int32
    private var pending: [UInt8] = []

    /// Creates the temporary file for `resource` in `directory`.
    init(directory: URL, resource: Resource, format: SyntheticDumpFormat) throws {
        self.resource = resource
        self.format = format
        finalPath = directory.appendingPathComponent(resource.fileName).path
        temporaryPath = directory.appendingPathComponent(".\(resource.fileName).\(getpid()).tmp").path
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if descriptor < 0 {
            throw LoaderError.dumpFile(file: temporaryPath, reason: "cannot create: \(String(cString: strerror(errno)))")
        }
        pending.reserveCapacity(SyntheticDumpFileWriter.flushThreshold * 2)
        switch format {
        case .ndjson: break
        case .array: pending.append(contentsOf: Array("[\n".utf8))
        case .envelope: pending.append(contentsOf: Array("{\"object\":\"list\",\"data\":[\n".utf8))
        }
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    /// Appends a buffer of serialized objects laid out for this file's format.
    func append(_ buffer: SyntheticObjectBuffer) throws {
        guard buffer.count > 0 else { return }
        precondition(buffer.format == format, "buffer laid out for \(buffer.format), file is \(format)")
        if objects == 0 && format != .ndjson {
            pending.append(contentsOf: buffer.bytes[2...])  // no separator before the first object
        } else {
            pending.append(contentsOf: buffer.bytes)
        }
        objects += buffer.count
        if pending.count >= SyntheticDumpFileWriter.flushThreshold { try flush() }
    }

    /// Finishes the layout, syncs the temporary file and renames it to the final name.
    /// Returns the file's size in bytes.
    func commit() throws -> Int {
        switch format {
        case .ndjson: break
        case .array: pending.append(contentsOf: Array((objects == 0 ? "]\n" : "\n]\n").utf8))
        case .envelope:
            let tail = (objects == 0 ? "" : "\n") + "],\"has_more\":false,\"url\":\"\(resource.listPath)\"}\n"
            pending.append(contentsOf: Array(tail.utf8))
        }
        try flush()
        if fsync(descriptor) != 0 { throw failure("cannot sync") }
        let closed = close(descriptor)
        descriptor = -1
        if closed != 0 {
            unlink(temporaryPath)
            throw failure("cannot close")
        }
        if rename(temporaryPath, finalPath) != 0 {
            let error = failure("cannot rename to \(finalPath)")
            unlink(temporaryPath)
            throw error
        }
        return bytes
    }

    /// Closes and removes the temporary file without touching the final name.
    func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
            unlink(temporaryPath)
        }
    }

    private func flush() throws {
        var failed = false
        pending.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                offset += written
            }
        }
        if failed { throw failure("cannot write") }
        bytes += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    private func failure(_ what: String) -> LoaderError {
        LoaderError.dumpFile(file: temporaryPath, reason: "\(what): \(String(cString: strerror(errno)))")
    }

    private static let flushThreshold = 4 << 20
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file (or any readable descriptor) with plain POSIX reads.
final class FileByteSource: DumpByteSource {
    /// The file named in errors.
    let path: String
    /// The open descriptor, or -1 once closed.
    private(set) var descriptor: Int32

    /// Opens `path` for reading; throws `LoaderError.dumpFile` when it is missing, unreadable or a folder.
    init(path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw LoaderError.dumpFile(file: path, reason: "cannot open: \(FileByteSource.systemMessage(errno))")
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & 0o170000 == 0o040000 {
            _ = posixClose(descriptor)
            throw LoaderError.dumpFile(file: path, reason: "is a folder, not a file")
        }
        self.descriptor = descriptor
    }

    /// Reads from an already open descriptor, which this source then owns and closes.
    init(descriptor: Int32, path: String) {
        precondition(descriptor >= 0, "FileByteSource: invalid descriptor")
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close()
    }

    /// Reads up to `count` bytes, retrying when interrupted.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        precondition(descriptor >= 0, "FileByteSource: read after close")
        while true {
            let result = posixRead(descriptor, buffer, count)
            if result >= 0 { return result }
            let code = errno
            if code == EINTR { continue }
            throw LoaderError.dumpFile(file: path, reason: "read failed: \(FileByteSource.systemMessage(code))")
        }
    }

    /// Closes the descriptor.
    func close() {
        if descriptor >= 0 {
            _ = posixClose(descriptor)
            descriptor = -1
        }
    }

    /// The C library's message for an `errno` value.
    static func systemMessage(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        return String(cString: message)
    }
}

/// POSIX `read`, named apart from the method of the same name.
private func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// POSIX `close`, named apart from the method of the same name.
private func posixClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}

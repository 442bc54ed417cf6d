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

    /// Opens `path` for reading; throws `LoaderError.dumpFile` when it is missing, unreadable or
    /// not a regular file (a folder, FIFO, device or socket: reading one could wait forever).
    init(path: String) throws {
        self.path = path
        // Non-blocking, so opening a FIFO returns at once instead of waiting for a writer.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw LoaderError.dumpFile(file: path, reason: "cannot open: \(FileByteSource.systemMessage(errno))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let message = FileByteSource.systemMessage(errno)
            _ = posixClose(descriptor)
            throw LoaderError.dumpFile(file: path, reason: "cannot read its status: \(message)")
        }
        if let kind = FileByteSource.nonRegularKind(status.st_mode) {
            _ = posixClose(descriptor)
            throw LoaderError.dumpFile(file: path, reason: "is \(kind), not a regular file")
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        self.descriptor = descriptor
    }

    /// What kind of file `mode` describes when it is not a regular file, nil for a regular file.
    static func nonRegularKind(_ mode: mode_t) -> String? {
        switch mode & 0o170000 {
        case 0o100000: return nil
        case 0o040000: return "a folder"
        case 0o010000: return "a FIFO (named pipe)"
        case 0o020000: return "a character device"
        case 0o060000: return "a block device"
        case 0o140000: return "a socket"
        default: return "an unknown kind of file"
        }
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

import Foundation

/// Decompresses a `.gz` dump by streaming it through a `gzip -dc` subprocess.
///
/// The compressed file is opened here (so a missing file is reported like any other) and
/// handed to gzip as its standard input; the decompressed bytes are read from a pipe in chunks.
/// At the end of the stream gzip's exit status is checked: a non-zero exit (corrupt or
/// truncated data) throws `LoaderError.dumpFile` naming the file and quoting gzip's message.
final class GzipByteSource: DumpByteSource {
    /// The compressed file named in errors.
    let path: String
    private let process = Process()
    private let output: FileByteSource
    private let errorPipe = Pipe()
    private var finished = false

    /// Starts `gzip -dc` on `path`; throws `LoaderError.dumpFile` when the file cannot be opened
    /// or gzip cannot be started.
    init(path: String) throws {
        self.path = path
        let input = try FileByteSource(path: path)
        defer { input.close() }
        let outputPipe = Pipe()
        if let gzip = GzipByteSource.gzipExecutable() {
            process.executableURL = URL(fileURLWithPath: gzip)
            process.arguments = ["-dc"]
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["gzip", "-dc"]
        }
        process.standardInput = FileHandle(fileDescriptor: input.descriptor, closeOnDealloc: false)
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        do {
            try process.run()
        } catch {
            throw LoaderError.dumpFile(file: path, reason: "cannot start gzip: \(error)")
        }
        let readEnd = dup(outputPipe.fileHandleForReading.fileDescriptor)
        try? outputPipe.fileHandleForReading.close()
        guard readEnd >= 0 else {
            process.terminate()
            process.waitUntilExit()
            throw LoaderError.dumpFile(file: path, reason: "cannot read gzip output: \(FileByteSource.systemMessage(errno))")
        }
        output = FileByteSource(descriptor: readEnd, path: path)
    }

    deinit {
        close()
    }

    /// Reads decompressed bytes; at the end of the stream, throws if gzip failed.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        let read = try output.read(into: buffer, count: count)
        if read == 0 { try finish() }
        return read
    }

    /// Stops reading: closes the pipe, stops gzip if it is still running, and reaps it.
    func close() {
        output.close()
        guard !finished else { return }
        finished = true
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? errorPipe.fileHandleForReading.close()
    }

    /// Waits for gzip to exit and throws when it did not succeed.
    private func finish() throws {
        guard !finished else { return }
        finished = true
        process.waitUntilExit()
        let message = String(decoding: errorPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try? errorPipe.fileHandleForReading.close()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit
                ? "exit status \(process.terminationStatus)" : "signal \(process.terminationStatus)"
            throw LoaderError.dumpFile(
                file: path, reason: "gzip -dc failed (\(how))\(message.isEmpty ? "" : ": \(message)")")
        }
    }

    /// The first gzip found in the usual places, or nil to look it up on `PATH` through `env`.
    private static func gzipExecutable() -> String? {
        let candidates = ["/usr/bin/gzip", "/bin/gzip", "/usr/local/bin/gzip", "/opt/homebrew/bin/gzip"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

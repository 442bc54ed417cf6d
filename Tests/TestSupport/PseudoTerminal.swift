import Foundation

/// Runs the built `stripe-oltp` under a pseudo-terminal (Python's `pty` module), answering a
/// prompt once it appears, as a person at a terminal would.
public enum PseudoTerminal {
    /// The outcome: exit status and everything the program wrote to the terminal.
    public struct Result: Sendable {
        /// The exit status.
        public let status: Int32
        /// Standard output and standard error, as the terminal showed them.
        public let output: String
    }

    private static let driver = """
        import os, pty, select, sys
        prompt, answer, argv = sys.argv[1].encode(), sys.argv[2].encode(), sys.argv[3:]
        pid, fd = pty.fork()
        if pid == 0:
            os.execv(argv[0], argv)
        out, sent = b"", False
        while True:
            ready, _, _ = select.select([fd], [], [], 120)
            if not ready:
                break
            try:
                data = os.read(fd, 4096)
            except OSError:
                break
            if not data:
                break
            out += data
            if not sent and prompt in out:
                os.write(fd, answer + b"\\n")
                sent = True
        _, status = os.waitpid(pid, 0)
        sys.stdout.write(out.decode(errors="replace"))
        sys.exit(os.waitstatus_to_exitcode(status))
        """

    /// Runs `stripe-oltp arguments…` on a terminal, typing `answer` and Enter once `prompt` is shown.
    public static func run(_ arguments: [String], prompt: String, answer: String,
                           environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", driver, prompt, answer, TestEnvironment.binary.path] + arguments
        process.currentDirectoryURL = TestEnvironment.repoRoot
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}

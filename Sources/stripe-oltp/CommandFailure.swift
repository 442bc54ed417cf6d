import ArgumentParser
import Foundation
import StripeOLTP

/// Runs a command body, printing any failure (secrets redacted) to standard error and
/// turning it into an exit code: 1 by default, or the code a `ExitCode` carries.
enum CommandFailure {
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch let error as ValidationError {
            throw error
        } catch {
            printError("\(error)")
            throw ExitCode.failure
        }
    }

    /// Writes a remark (not a failure) to standard error, with secrets redacted; silent under `--quiet`.
    static func printNotice(_ message: String) {
        guard Verbosity.current != .quiet else { return }
        FileHandle.standardError.write(Data(("stripe-oltp: note: " + Secrets.redact(message) + "\n").utf8))
    }

    /// Writes a detail (settings in use) to standard error, with secrets redacted; only under `--verbose`.
    static func printDetail(_ message: String) {
        guard Verbosity.current == .verbose else { return }
        FileHandle.standardError.write(Data(("stripe-oltp: detail: " + Secrets.redact(message) + "\n").utf8))
    }

    /// Writes `message` to standard error, with secrets redacted.
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data(("stripe-oltp: " + Secrets.redact(message) + "\n").utf8))
    }
}

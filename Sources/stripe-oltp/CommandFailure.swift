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

    /// Logs a remark (not a failure) at `notice`: `stripe-oltp: note: …` on standard error,
    /// secrets masked by the log handler; silent under `--quiet`.
    static func printNotice(_ message: String) {
        CLILog.logger.notice("\(message)")
    }

    /// Logs a detail (settings in use) at `info`: `stripe-oltp: detail: …`; only under `--verbose`.
    static func printDetail(_ message: String) {
        CLILog.logger.info("\(message)")
    }

    /// Logs `message` at `error`: `stripe-oltp: …` on standard error, secrets masked by the log handler.
    static func printError(_ message: String) {
        CLILog.logger.error("\(message)")
    }
}

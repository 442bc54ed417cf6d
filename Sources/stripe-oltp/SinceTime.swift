import ArgumentParser
import Foundation
import StripeJSON
import StripeOLTP

/// `fetch --since`: a date, a UTC time, unix seconds or an age, parsed by ArgumentParser through
/// ``parse(_:)`` (an age counts back from the moment the command line is read).
struct SinceTime: Sendable, Equatable {
    /// The unix time it stands for.
    let unixTime: Int

    /// Parses one of `FetchSince`'s forms; a `ValidationError` saying which forms are accepted otherwise.
    static func parse(_ argument: String) throws -> SinceTime {
        do {
            return SinceTime(unixTime: try FetchSince.parse(argument, now: Int(Date().timeIntervalSince1970)))
        } catch LoaderError.usage(let message) {
            throw ValidationError(message)
        }
    }
}

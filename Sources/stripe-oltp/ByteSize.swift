import Foundation
import ArgumentParser

/// A size given on the command line: bytes, or a number with a KiB, MiB or GiB suffix.
struct ByteSize: ExpressibleByArgument, Sendable {
    /// The size in bytes.
    let bytes: Int

    /// A size of `bytes` bytes.
    init(bytes: Int) {
        self.bytes = bytes
    }

    /// Parses `1048576`, `512KiB`, `64MiB` or `1GiB` (also `K`, `M`, `G`, `KB`, `MB`, `GB`, as powers of 1024).
    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        let digits = text.prefix { $0.isNumber }
        let unit = text.dropFirst(digits.count).lowercased()
        let shifts: [String: Int] = ["": 0, "b": 0, "k": 10, "kb": 10, "kib": 10, "m": 20, "mb": 20, "mib": 20,
                                     "g": 30, "gb": 30, "gib": 30]
        guard let number = Int(digits), number > 0, let shift = shifts[unit], number <= (Int.max >> shift) else { return nil }
        bytes = number << shift
    }

    /// The size as the help shows a default: in MiB when it is a whole number of them.
    var defaultValueDescription: String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20)MiB" : "\(bytes)"
    }
}

import Foundation
import Logging

/// Writes each log event on standard error as one JSON object on one line: `time` (ISO 8601,
/// UTC), `level`, `message`, `label`, then every metadata key (`run_id`, `resource`, …) at the
/// top level; nested metadata becomes JSON arrays and objects.
struct JSONLogHandler: LogHandler {
    /// The logger's label (`stripe-oltp`, `stripe-oltp.ingest`, …).
    let label: String
    /// Lowest level written.
    var logLevel: Logger.Level
    /// The logger's own metadata.
    var metadata: Logger.Metadata = [:]

    /// A handler for logger `label` writing from `level` up.
    init(label: String, level: Logger.Level) {
        self.label = label
        logLevel = level
    }

    /// One metadata value.
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes `event` as one JSON line.
    func log(event: LogEvent) {
        StandardError.shared.write(line: Self.render(event, label: label, metadata: metadata))
    }

    /// The JSON line for `event`, the handler's `metadata` under the event's own.
    static func render(_ event: LogEvent, label: String, metadata: Logger.Metadata) -> String {
        var object: [String: Any] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new }) {
            object[key] = json(value)
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        object["time"] = formatter.string(from: Date())
        object["level"] = event.level.rawValue
        object["message"] = event.message.description
        object["label"] = label
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { preconditionFailure("log line of strings, arrays and objects is not JSON") }
        return String(decoding: data, as: UTF8.self)
    }

    /// A metadata value as a JSON value (strings, arrays, objects).
    private static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(json)
        case .dictionary(let entries): entries.mapValues(json)
        }
    }
}

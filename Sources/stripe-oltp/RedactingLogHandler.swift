import Logging
import StripeOLTP

/// Wraps the handler that writes (text or JSON) and masks secrets before anything reaches it:
/// Stripe secret and restricted keys (`sk_…`, `rk_…`), webhook secrets (`whsec_…`) and
/// passwords in connection strings, in the message and in every metadata value (`Secrets.redact`).
/// It keeps the logger's metadata itself and hands the wrapped handler each event with all of
/// it merged and masked.
struct RedactingLogHandler<Wrapped: LogHandler>: LogHandler {
    private var wrapped: Wrapped
    /// The logger's own metadata (kept here, so it is masked too).
    var metadata: Logger.Metadata = [:]
    /// Contextual metadata added at each event.
    var metadataProvider: Logger.MetadataProvider?

    /// Masks secrets before `wrapped` sees an event.
    init(wrapping wrapped: Wrapped) {
        self.wrapped = wrapped
    }

    /// The wrapped handler's level.
    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    /// One metadata value.
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Hands `event` on with its message and metadata masked.
    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        var masked = event
        masked.message = "\(Secrets.redact(event.message.description))"
        masked.metadata = merged.mapValues(Self.redact)
        wrapped.log(event: masked)
    }

    /// `value` with every secret masked, nested values included.
    static func redact(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): .string(Secrets.redact(text))
        case .stringConvertible(let convertible): .string(Secrets.redact(convertible.description))
        case .array(let values): .array(values.map(redact))
        case .dictionary(let entries): .dictionary(entries.mapValues(redact))
        }
    }
}

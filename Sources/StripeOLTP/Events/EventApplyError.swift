/// Why an event could not be applied: the reason its quarantine row records, naming the event,
/// and where known the object, the field and what was wrong.
public enum EventApplyError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The body is not a JSON event.
    case notAnEvent(eventID: String?, reason: String)
    /// The event or its object does not transform (`detail` is the loader's
    /// `object … field '…': …`).
    case transform(eventID: String, type: String, detail: String)
    /// The event is too thin to trust (a thin notification, a list cut at its first page) and no
    /// API key was given to re-retrieve its object.
    case needsRetrieval(eventID: String, type: String, objectID: String, reason: String)
    /// Re-retrieving the object from the API failed.
    case retrieval(eventID: String, type: String, objectID: String, reason: String)
    /// The event's `livemode` is not the mode of the schema it was meant for (`detail` is the
    /// `LivemodeMismatchError`'s message); nothing of it was written.
    case modeMismatch(eventID: String, type: String, detail: String)

    /// A message naming the event, the object and the reason.
    public var description: String {
        switch self {
        case .notAnEvent(let eventID, let reason):
            return "event \(eventID ?? "<no id>"): \(reason)"
        case .transform(let eventID, let type, let detail):
            return "event \(eventID) (\(type)): \(detail)"
        case .needsRetrieval(let eventID, let type, let objectID, let reason):
            return "event \(eventID) (\(type)): object \(objectID) must be re-retrieved from the API (\(reason)), "
                + "but no Stripe key was given; set STRIPE_SECRET_KEY and run 'stripe-oltp events retry'"
        case .retrieval(let eventID, let type, let objectID, let reason):
            return "event \(eventID) (\(type)): re-retrieving object \(objectID) failed: \(reason)"
        case .modeMismatch(let eventID, let type, let detail):
            return "event \(eventID) (\(type)): livemode mismatch: \(detail)"
        }
    }
}

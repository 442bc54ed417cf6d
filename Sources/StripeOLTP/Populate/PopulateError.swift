/// Every failure of `populate`, each naming what failed and on which input.
public enum PopulateError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The fixture file could not be read or is not the expected JSON.
    case fixtureFile(file: String, reason: String)
    /// The fixture is inconsistent; `key` names the fixture object at fault.
    case fixture(file: String, key: String, reason: String)
    /// A Stripe request made for the fixture object `key` failed.
    case request(resource: String, key: String, action: String, reason: String)
    /// Stripe answered with something populate cannot use for the fixture object `key`.
    case unexpectedResponse(resource: String, key: String, reason: String)
    /// An object this one depends on was not created, so this one was not attempted.
    case dependency(resource: String, key: String, missing: String)
    /// The manifest file could not be written.
    case manifest(file: String, reason: String)
    /// Stripe's answer to `request` (method and path) could not be used.
    case response(request: String, reason: String)
    /// A dry run did not send `request` (method and path): only GET requests go out.
    case withheld(request: String)

    /// A message naming the input and the reason, with any key redacted.
    public var description: String {
        let text: String
        switch self {
        case .fixtureFile(let file, let reason):
            text = "populate fixture \(file): \(reason)"
        case .fixture(let file, let key, let reason):
            text = "populate fixture \(file), object '\(key)': \(reason)"
        case .request(let resource, let key, let action, let reason):
            text = "\(resource) '\(key)': \(action) failed: \(reason)"
        case .unexpectedResponse(let resource, let key, let reason):
            text = "\(resource) '\(key)': unexpected answer from Stripe: \(reason)"
        case .dependency(let resource, let key, let missing):
            text = "\(resource) '\(key)': not attempted because '\(missing)' is not available"
        case .manifest(let file, let reason):
            text = "populate manifest \(file): \(reason)"
        case .response(let request, let reason):
            text = "\(request): \(reason)"
        case .withheld(let request):
            text = "\(request): not sent (dry run)"
        }
        return Secrets.redact(text)
    }
}

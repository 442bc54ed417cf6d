/// Why `serve` could not start.
public enum WebhookServerError: Error, Equatable, CustomStringConvertible {
    /// Binding the address failed.
    case cannotListen(host: String, port: Int)
    /// `STRIPE_WEBHOOK_SECRET` is unset or holds no secret.
    case noSecrets

    /// A one-line explanation (never a secret).
    public var description: String {
        switch self {
        case .cannotListen(let host, let port):
            return "serve could not listen on \(host):\(port) (in use, or not an address of this machine)"
        case .noSecrets:
            return "serve needs STRIPE_WEBHOOK_SECRET: one or more whsec_… secrets, comma-separated (in the environment or .env.local)"
        }
    }
}

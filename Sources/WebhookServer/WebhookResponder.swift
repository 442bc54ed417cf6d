import Hummingbird
import NIOCore
import StripeJSON

/// Bridges Hummingbird requests to the ``WebhookReceiver`` and its answers back to HTTP.
struct WebhookResponder: HTTPResponder {
    /// Stripe's payloads are far smaller; larger bodies are refused before verification.
    static let maxBodyBytes = 1 << 20
    private static let signatureField = HTTPFields.Element.Name("Stripe-Signature")!

    /// The receiver answering requests.
    let receiver: WebhookReceiver

    /// Answers one HTTP request.
    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: Self.maxBodyBytes)
        let answer = await receiver.respond(method: request.method.rawValue.uppercased(), path: request.uri.path,
                                            signature: request.headers[Self.signatureField],
                                            body: Array(buffer.readableBytesView))
        var headers = HTTPFields()
        headers[.contentType] = answer.contentType
        return Response(status: .init(code: answer.status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(string: answer.text)))
    }
}

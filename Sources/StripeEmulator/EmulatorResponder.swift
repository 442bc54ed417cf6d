import Hummingbird
import NIOCore

/// Bridges Hummingbird requests to the ``Emulator`` and its answers back to HTTP.
public struct EmulatorResponder: HTTPResponder {
    /// The engine answering requests.
    public let emulator: Emulator
    private static let maxBodyBytes = 4 * 1024 * 1024

    /// Creates a responder for `emulator`.
    public init(emulator: Emulator) {
        self.emulator = emulator
    }

    /// Answers one HTTP request.
    public func respond(to request: Request, context: EmulatorRequestContext) async throws -> Response {
        var headers: [String: String] = [:]
        for field in request.headers {
            headers[field.name.canonicalName.lowercased()] = field.value
        }
        let buffer = try await request.body.collect(upTo: Self.maxBodyBytes)
        let body = String(buffer: buffer)
        let emulatorRequest = EmulatorRequest(method: request.method.rawValue.uppercased(), path: request.uri.path,
                                              query: request.uri.query ?? "", headers: headers, body: body)
        let answer = emulator.handle(emulatorRequest)
        if answer.delayMilliseconds > 0 {
            try await Task.sleep(for: .milliseconds(answer.delayMilliseconds))
        }
        if answer.dropConnection {
            try? await context.channel.close()
            return Response(status: .serviceUnavailable)
        }
        var responseHeaders = HTTPFields()
        responseHeaders[.contentType] = "application/json"
        for (name, value) in answer.headers {
            if let field = HTTPFields.Element.Name(name) { responseHeaders[field] = value }
        }
        var out = ByteBuffer()
        out.writeString(answer.body.serialized)
        out.writeString("\n")
        return Response(status: .init(code: answer.status), headers: responseHeaders, body: .init(byteBuffer: out))
    }
}

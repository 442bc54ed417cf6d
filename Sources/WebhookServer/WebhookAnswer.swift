import Foundation

/// One answer of `serve`: status, content type and body text.
public struct WebhookAnswer: Sendable, Equatable {
    /// HTTP status.
    public var status: Int
    /// The `Content-Type` header.
    public var contentType: String
    /// The body.
    public var text: String

    /// Creates an answer.
    public init(status: Int, contentType: String, text: String) {
        self.status = status
        self.contentType = contentType
        self.text = text
    }

    /// A JSON object of string members.
    static func json(_ status: Int, _ members: [String: String]) -> WebhookAnswer {
        let data = (try? JSONSerialization.data(withJSONObject: members, options: [.sortedKeys])) ?? Data("{}".utf8)
        return WebhookAnswer(status: status, contentType: "application/json", text: String(decoding: data, as: UTF8.self))
    }
}

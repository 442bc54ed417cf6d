import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Minimal HTTP for the webhook tests (awaited, so no thread of the shared pool blocks).
enum WebhookHTTP {
    /// A status and body text.
    struct Answer {
        var status: Int
        var text: String
    }

    /// Sends `method` to `url` with `body` and `headers`.
    static func send(_ method: String, _ url: String, body: [UInt8] = [], headers: [String: String] = [:]) async -> Answer {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if method != "GET" { request.httpBody = Data(body) }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        return await withCheckedContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, _ in
                continuation.resume(returning: Answer(status: (response as? HTTPURLResponse)?.statusCode ?? 0,
                                                      text: String(decoding: data ?? Data(), as: UTF8.self)))
            }.resume()
        }
    }

    /// Posts `body` to a webhook URL with `signature` as `Stripe-Signature` (none when nil).
    static func deliver(_ url: String, body: [UInt8], signature: String?) async -> Answer {
        var headers = ["Content-Type": "application/json"]
        if let signature { headers["Stripe-Signature"] = signature }
        return await send("POST", url, body: body, headers: headers)
    }
}

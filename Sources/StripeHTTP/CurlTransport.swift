import CCurl
import Foundation

/// One libcurl easy handle, reused across requests so connections stay alive
/// (HTTP/2 where the server offers it, TLS verification on, gzip accepted).
///
/// A transport serves one request at a time; use one per concurrent worker.
public final class CurlTransport {
    private static let globalInit: Bool = { stripe_curl_global_init() == CURLE_OK }()

    private let handle: UnsafeMutableRawPointer
    /// Connect timeout, in seconds.
    public let connectTimeout: Double
    /// Whole-request timeout, in seconds.
    public let totalTimeout: Double

    /// Creates a transport; throws when libcurl cannot be initialized.
    public init(connectTimeout: Double = 10, totalTimeout: Double = 80) throws {
        guard CurlTransport.globalInit, let handle = curl_easy_init() else {
            throw HTTPError.configuration("libcurl could not be initialized")
        }
        self.handle = handle
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// Sends one request and returns the response; throws `HTTPError.transport` when no
    /// response arrived (the message names the URL, never a key).
    public func perform(
        method: HTTPMethod, url: String, headers: [String], body: [UInt8]?, userAgent: String
    ) throws -> HTTPResponse {
        let collector = ResponseCollector()
        let box = Unmanaged.passRetained(collector)
        defer { box.release() }

        curl_easy_reset(handle)
        var list: UnsafeMutablePointer<curl_slist>?
        for header in headers { list = curl_slist_append(list, header) }
        // libcurl adds "Expect: 100-continue" to large POSTs; Stripe does not need the round trip.
        list = curl_slist_append(list, "Expect:")
        defer { curl_slist_free_all(list) }

        var code = stripe_curl_setopt_string(handle, CURLOPT_URL, url)
        code = code == CURLE_OK ? stripe_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, list) : code
        code = code == CURLE_OK ? stripe_curl_setopt_string(handle, CURLOPT_USERAGENT, userAgent) : code
        code = code == CURLE_OK ? stripe_curl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "") : code
        code = code == CURLE_OK ? stripe_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1) : code
        code = code == CURLE_OK ? stripe_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout * 1000)) : code
        code = code == CURLE_OK ? stripe_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(totalTimeout * 1000)) : code
        code = code == CURLE_OK ? stripe_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1) : code
        code = code == CURLE_OK ? stripe_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2) : code
        code = code == CURLE_OK ? stripe_curl_setopt_long(handle, CURLOPT_HTTP_VERSION, stripe_curl_http_version_2tls()) : code
        code = code == CURLE_OK ? stripe_curl_setopt_write_function(handle, { data, size, count, userdata in
            let collector = Unmanaged<ResponseCollector>.fromOpaque(userdata!).takeUnretainedValue()
            let length = size * count
            if let data { collector.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length)) }
            return length
        }) : code
        code = code == CURLE_OK ? stripe_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, box.toOpaque()) : code
        code = code == CURLE_OK ? stripe_curl_setopt_header_function(handle, { data, size, count, userdata in
            let collector = Unmanaged<ResponseCollector>.fromOpaque(userdata!).takeUnretainedValue()
            let length = size * count
            if let data { collector.headerLine(UnsafeRawBufferPointer(start: data, count: length)) }
            return length
        }) : code
        code = code == CURLE_OK ? stripe_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, box.toOpaque()) : code

        switch method {
        case .get:
            code = code == CURLE_OK ? stripe_curl_setopt_long(handle, CURLOPT_HTTPGET, 1) : code
        case .post:
            // libcurl copies the body (COPYPOSTFIELDS), so it need not outlive this call.
            var bytes = body ?? []
            code = code == CURLE_OK ? stripe_curl_setopt_long(handle, CURLOPT_POST, 1) : code
            code = code == CURLE_OK ? stripe_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, bytes.count) : code
            bytes.append(0)
            code = code == CURLE_OK
                ? bytes.withUnsafeMutableBytes { stripe_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, $0.baseAddress) } : code
        case .delete:
            code = code == CURLE_OK ? stripe_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, "DELETE") : code
        }
        guard code == CURLE_OK else {
            throw HTTPError.transport(url: url, code: Int(code.rawValue), message: String(cString: curl_easy_strerror(code)))
        }
        let result = curl_easy_perform(handle)
        guard result == CURLE_OK else {
            throw HTTPError.transport(url: url, code: Int(result.rawValue), message: String(cString: curl_easy_strerror(result)))
        }
        var status = 0
        _ = stripe_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: collector.headers, body: collector.body)
    }
}

/// Gathers the body and headers libcurl hands to the callbacks.
private final class ResponseCollector {
    var body: [UInt8] = []
    var headers: [String: String] = [:]

    func headerLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            headers = [:]  // a new response (after a redirect or 100-continue)
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].lowercased()
        headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
}

import CCurl

/// Facts about the libcurl the program is linked against.
public enum CurlRuntime {
    /// libcurl's version string, e.g. `7.88.1`.
    public static var version: String {
        guard let info = stripe_curl_version_info() else { return "unknown" }
        return String(cString: info.pointee.version)
    }

    /// True when libcurl was built with TLS support, which talking to Stripe requires.
    public static var supportsTLS: Bool {
        guard let info = stripe_curl_version_info() else { return false }
        return info.pointee.features & Int32(CURL_VERSION_SSL) != 0
    }
}

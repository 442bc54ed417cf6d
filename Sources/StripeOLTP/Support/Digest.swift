import Crypto

/// SHA-256 digests used for migration checksums and object content hashes.
public enum Digest {
    /// The SHA-256 of `bytes` as 32 raw bytes.
    public static func sha256(_ bytes: some Collection<UInt8>) -> [UInt8] {
        Array(SHA256.hash(data: Array(bytes)))
    }

    /// The SHA-256 of a buffer as 32 raw bytes, without copying it.
    public static func sha256(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
        Array(SHA256.hash(data: buffer))
    }

    /// The SHA-256 of `bytes` as 64 lower-case hex digits.
    public static func sha256Hex(_ bytes: some Collection<UInt8>) -> String {
        hex(sha256(bytes))
    }

    /// Lower-case hex of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

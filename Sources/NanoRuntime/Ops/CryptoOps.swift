import Crypto
import NanoEngine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The native ops of Web Crypto (JS/crypto/crypto.js): `crypto.getRandomValues`
/// and `crypto.randomUUID` use `randomFill`; `crypto.subtle.digest` uses
/// `digest`.
enum CryptoOps {
    static let ops: [NativeOp] = [
        // randomFill(view): fills the bytes of the ArrayBufferView (or
        // ArrayBuffer) argument in place with cryptographically secure random
        // bytes. The JS side checks the type and the 65536-byte quota.
        NativeOp("randomFill") { call in
            let filled: Void? = try call.withBytes(0) { bytes in
                guard let base = bytes.baseAddress, bytes.count > 0 else { return }
                try fillRandom(UnsafeMutableRawBufferPointer(
                    start: UnsafeMutableRawPointer(mutating: base), count: bytes.count))
            }
            if filled == nil {
                throw OpError(.typeError, "randomFill: the argument is not an ArrayBuffer or ArrayBufferView")
            }
        },
        // digest(algorithmName, bytes) -> the digest bytes. algorithmName is
        // the normalized name ("SHA-1", "SHA-256", "SHA-384", "SHA-512").
        // Runs synchronously on the isolate's thread.
        NativeOp("digest") { call in
            let name = call.string(0)
            let done: Void? = try call.withBytes(1) { bytes in
                switch name {
                case "SHA-1": returnDigest(Insecure.SHA1.self, bytes, call)
                case "SHA-256": returnDigest(SHA256.self, bytes, call)
                case "SHA-384": returnDigest(SHA384.self, bytes, call)
                case "SHA-512": returnDigest(SHA512.self, bytes, call)
                default: throw OpError(.typeError, "digest: unsupported algorithm \(name)")
                }
            }
            if done == nil {
                throw OpError(.typeError, "digest: the data is not an ArrayBuffer or ArrayBufferView")
            }
        },
    ]

    private static func returnDigest<H: HashFunction>(_: H.Type, _ bytes: UnsafeRawBufferPointer, _ call: OpCall) {
        var hasher = H()
        hasher.update(bufferPointer: bytes)
        hasher.finalize().withUnsafeBytes { call.returnBytes($0) }
    }

    #if os(Linux)
    /// getrandom(2), looked up once: the Glibc module does not import
    /// <sys/random.h>. nil on a libc without it (then the bytes come from
    /// SystemRandomNumberGenerator, 8 at a time).
    private typealias GetRandom = @convention(c) (UnsafeMutableRawPointer?, Int, UInt32) -> Int
    private static let getrandomFunction: GetRandom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "getrandom") else { return nil }
        return unsafeBitCast(symbol, to: GetRandom.self)
    }()
    #endif

    /// Fills `buffer` from the kernel's CSPRNG (getrandom(2) on Linux,
    /// arc4random_buf on Darwin).
    static func fillRandom(_ buffer: UnsafeMutableRawBufferPointer) throws {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        #if os(Linux)
        if let getrandom = getrandomFunction {
            var offset = 0
            while offset < buffer.count {
                let n = getrandom(base + offset, buffer.count - offset, 0)
                if n < 0 {
                    let code = errno
                    if code == EINTR { continue }
                    throw OpError(.error, "getrandom failed (errno \(code))")
                }
                offset += n
            }
            return
        }
        var generator = SystemRandomNumberGenerator()
        var offset = 0
        while offset < buffer.count {
            var word = generator.next()
            let n = min(8, buffer.count - offset)
            withUnsafeBytes(of: &word) { (base + offset).copyMemory(from: $0.baseAddress!, byteCount: n) }
            offset += n
        }
        #else
        arc4random_buf(base, buffer.count)
        #endif
    }
}

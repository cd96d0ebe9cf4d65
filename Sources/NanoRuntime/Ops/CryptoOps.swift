import Crypto
import NanoEngine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The native ops of Web Crypto (JS/crypto/*.js): `crypto.getRandomValues`
/// and `crypto.randomUUID` use `randomFill`; `crypto.subtle.digest` uses
/// `digest`; HMAC, HKDF, PBKDF2 and AES-GCM are here, the other AES modes in
/// CryptoOps+AES.swift, EC and Curve25519 in CryptoOps+EC.swift, RSA in
/// CryptoOps+RSA.swift.
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
        // hmacSign(hashName, key, data) -> the MAC bytes.
        NativeOp("hmacSign") { call in
            let name = call.string(0)
            let key = try bytesArg(call, 1, "hmacSign")
            let data = try bytesArg(call, 2, "hmacSign")
            let mac = try hmac(name, key, data)
            mac.withUnsafeBytes { call.returnBytes($0) }
        },
        // hmacVerify(hashName, key, signature, data) -> Bool (constant-time compare).
        NativeOp("hmacVerify") { call in
            let name = call.string(0)
            let key = try bytesArg(call, 1, "hmacVerify")
            let signature = try bytesArg(call, 2, "hmacVerify")
            let data = try bytesArg(call, 3, "hmacVerify")
            let mac = try hmac(name, key, data)
            call.returnBool(constantTimeEqual(mac, signature))
        },
        // hkdf(hashName, ikm, salt, info, byteCount) -> byteCount bytes
        // (RFC 5869 extract-and-expand). The JS side checks byteCount <= 255 * hashLen.
        NativeOp("hkdf") { call in
            let name = call.string(0)
            let ikm = SymmetricKey(data: try bytesArg(call, 1, "hkdf"))
            let salt = try bytesArg(call, 2, "hkdf")
            let info = try bytesArg(call, 3, "hkdf")
            let count = Int(call.number(4))
            let key: SymmetricKey
            switch name {
            case "SHA-1": key = HKDF<Insecure.SHA1>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: count)
            case "SHA-256": key = HKDF<SHA256>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: count)
            case "SHA-384": key = HKDF<SHA384>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: count)
            case "SHA-512": key = HKDF<SHA512>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: count)
            default: throw OpError(.typeError, "hkdf: unsupported hash \(name)")
            }
            key.withUnsafeBytes { call.returnBytes($0) }
        },
        // pbkdf2(hashName, password, salt, iterations, byteCount) -> byteCount
        // bytes (RFC 8018 PBKDF2 with HMAC-hash as the PRF).
        NativeOp("pbkdf2") { call in
            let name = call.string(0)
            let password = try bytesArg(call, 1, "pbkdf2")
            let salt = try bytesArg(call, 2, "pbkdf2")
            let iterations = Int(call.number(3))
            let count = Int(call.number(4))
            let out: [UInt8]
            switch name {
            case "SHA-1": out = pbkdf2(Insecure.SHA1.self, password, salt, iterations, count)
            case "SHA-256": out = pbkdf2(SHA256.self, password, salt, iterations, count)
            case "SHA-384": out = pbkdf2(SHA384.self, password, salt, iterations, count)
            case "SHA-512": out = pbkdf2(SHA512.self, password, salt, iterations, count)
            default: throw OpError(.typeError, "pbkdf2: unsupported hash \(name)")
            }
            out.withUnsafeBytes { call.returnBytes($0) }
        },
        // aesGcmSeal(key, iv, additionalData, plaintext) -> ciphertext || 16-byte tag.
        // Throws when the key is not 16/24/32 bytes or the iv is shorter than 12 bytes.
        NativeOp("aesGcmSeal") { call in
            let key = SymmetricKey(data: try bytesArg(call, 0, "aesGcmSeal"))
            let iv = try bytesArg(call, 1, "aesGcmSeal")
            let aad = try bytesArg(call, 2, "aesGcmSeal")
            let plaintext = try bytesArg(call, 3, "aesGcmSeal")
            let out = try gcmSeal(key, iv, aad, plaintext)
            out.withUnsafeBytes { call.returnBytes($0) }
        },
        // aesGcmOpen(key, iv, additionalData, ciphertext, tag) -> the plaintext,
        // or undefined when the tag does not authenticate. tag is 4..16 bytes:
        // a truncated tag is checked against the prefix of the full tag.
        NativeOp("aesGcmOpen") { call in
            let key = SymmetricKey(data: try bytesArg(call, 0, "aesGcmOpen"))
            let iv = try bytesArg(call, 1, "aesGcmOpen")
            let aad = try bytesArg(call, 2, "aesGcmOpen")
            let ciphertext = try bytesArg(call, 3, "aesGcmOpen")
            let tag = try bytesArg(call, 4, "aesGcmOpen")
            guard tag.count >= 1, tag.count <= 16 else { call.returnUndefined(); return }
            // The GCM keystream for this key and iv: the encryption of zeros.
            let stream = try gcmSeal(key, iv, aad, [UInt8](repeating: 0, count: ciphertext.count))
            var plaintext = [UInt8](repeating: 0, count: ciphertext.count)
            for i in 0..<ciphertext.count { plaintext[i] = ciphertext[i] ^ stream[i] }
            // Re-encrypting the candidate plaintext gives the expected full tag.
            let sealed = try gcmSeal(key, iv, aad, plaintext)
            let expected = Array(sealed[ciphertext.count..<(ciphertext.count + tag.count)])
            if constantTimeEqual(expected, tag) {
                plaintext.withUnsafeBytes { call.returnBytes($0) }
            } else {
                for i in 0..<plaintext.count { plaintext[i] = 0 }
                call.returnUndefined()
            }
        },
    ] + aesOps + ecOps + rsaOps

    /// The bytes of ArrayBuffer / view argument i, copied.
    static func bytesArg(_ call: OpCall, _ i: Int, _ op: String) throws -> [UInt8] {
        guard let bytes = call.withBytes(i, { [UInt8]($0) }) else {
            throw OpError(.typeError, "\(op): argument \(i) is not an ArrayBuffer or ArrayBufferView")
        }
        return bytes
    }

    private static func hmac(_ name: String, _ key: [UInt8], _ data: [UInt8]) throws -> [UInt8] {
        let k = SymmetricKey(data: key)
        switch name {
        case "SHA-1": return Array(HMAC<Insecure.SHA1>.authenticationCode(for: data, using: k))
        case "SHA-256": return Array(HMAC<SHA256>.authenticationCode(for: data, using: k))
        case "SHA-384": return Array(HMAC<SHA384>.authenticationCode(for: data, using: k))
        case "SHA-512": return Array(HMAC<SHA512>.authenticationCode(for: data, using: k))
        default: throw OpError(.typeError, "hmac: unsupported hash \(name)")
        }
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<a.count { diff |= a[i] ^ b[i] }
        return diff == 0
    }

    /// PBKDF2 (RFC 8018 section 5.2) with HMAC<H> as the PRF.
    private static func pbkdf2<H: HashFunction>(_: H.Type, _ password: [UInt8], _ salt: [UInt8],
                                                _ iterations: Int, _ count: Int) -> [UInt8] {
        let key = SymmetricKey(data: password)
        var out = [UInt8]()
        out.reserveCapacity(count)
        var block: UInt32 = 1
        while out.count < count {
            var first = HMAC<H>(key: key)
            first.update(data: salt)
            first.update(data: [UInt8(truncatingIfNeeded: block >> 24), UInt8(truncatingIfNeeded: block >> 16),
                                UInt8(truncatingIfNeeded: block >> 8), UInt8(truncatingIfNeeded: block)])
            var u = Array(first.finalize())
            var t = u
            if iterations > 1 {
                for _ in 1..<iterations {
                    u = Array(HMAC<H>.authenticationCode(for: u, using: key))
                    for j in 0..<t.count { t[j] ^= u[j] }
                }
            }
            out.append(contentsOf: t.prefix(count - out.count))
            block &+= 1
        }
        return out
    }

    private static func gcmSeal(_ key: SymmetricKey, _ iv: [UInt8], _ aad: [UInt8], _ plaintext: [UInt8]) throws -> [UInt8] {
        do {
            let nonce = try AES.GCM.Nonce(data: iv)
            let box = try AES.GCM.seal(plaintext, using: key, nonce: nonce, authenticating: aad)
            return Array(box.ciphertext) + Array(box.tag)
        } catch {
            throw OpError(.error, "AES-GCM: \(error)")
        }
    }

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

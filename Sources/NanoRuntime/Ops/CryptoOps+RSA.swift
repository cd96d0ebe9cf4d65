import Crypto
import Foundation
import NanoEngine
import _CryptoExtras

/// The RSA ops of SubtleCrypto (JS/crypto/rsa.js) on swift-crypto's
/// _CryptoExtras: private keys cross as PKCS #1 RSAPrivateKey DER, public
/// keys as SubjectPublicKeyInfo DER; the JS side parses and writes the rest.
/// _CryptoExtras limits what is offered: key generation with the exponent
/// 65537 only, keys of 1024 bits or more, RSA-PSS with a salt as long as the
/// hash, RSA-OAEP with SHA-1 or SHA-256 and no label. Errors never carry key
/// bytes.
extension CryptoOps {
    private static func padding(_ name: String) throws -> _RSA.Signing.Padding {
        switch name {
        case "pkcs1": return .insecurePKCS1v1_5
        case "pss": return .PSS
        default: throw OpError(.typeError, "unsupported RSA padding")
        }
    }

    private static func oaepPadding(_ hash: String) throws -> _RSA.Encryption.Padding {
        switch hash {
        case "SHA-1": return .PKCS1_OAEP
        case "SHA-256": return .PKCS1_OAEP_SHA256
        default: throw OpError(.typeError, "unsupported RSA-OAEP hash")
        }
    }

    static let rsaOps: [NativeOp] = [
        // rsaGenerate(modulusBits) -> a new key (public exponent 65537) as
        // PKCS #1 RSAPrivateKey DER. Runs synchronously (2048 bits: ~100 ms).
        NativeOp("rsaGenerate") { call in
            let bits = Int(call.number(0))
            guard bits >= 1024, bits % 8 == 0, bits <= 16384 else {
                throw OpError(.rangeError, "rsaGenerate: unsupported modulus length")
            }
            let key: _RSA.Signing.PrivateKey
            do {
                key = try _RSA.Signing.PrivateKey(unsafeKeySize: .init(bitCount: bits))
            } catch {
                throw OpError(.error, "RSA key generation failed")
            }
            key.derRepresentation.withUnsafeBytes { call.returnBytes($0) }
        },
        // rsaPrivateKey(der) -> the key re-encoded as PKCS #1 RSAPrivateKey DER
        // (from PKCS #1 or PKCS #8 DER); throws when the key is not a valid,
        // consistent RSA key of 1024 bits or more.
        NativeOp("rsaPrivateKey") { call in
            let der = try bytesArg(call, 0, "rsaPrivateKey")
            let key: _RSA.Signing.PrivateKey
            do {
                key = try _RSA.Signing.PrivateKey(unsafeDERRepresentation: der)
            } catch {
                throw OpError(.error, "rsaPrivateKey: invalid key data")
            }
            key.derRepresentation.withUnsafeBytes { call.returnBytes($0) }
        },
        // rsaPublicKeyBits(spki) -> the modulus length in bits; throws when the
        // key is not a valid RSA public key of 1024 bits or more.
        NativeOp("rsaPublicKeyBits") { call in
            let der = try bytesArg(call, 0, "rsaPublicKeyBits")
            guard let key = try? _RSA.Signing.PublicKey(unsafeDERRepresentation: der) else {
                throw OpError(.error, "rsaPublicKeyBits: invalid key data")
            }
            call.returnNumber(Double(key.keySizeInBits))
        },
        // rsaSign(padding, hash, privateDer, data) -> the signature; padding is
        // "pkcs1" (RSASSA-PKCS1-v1_5) or "pss" (salt length = hash length).
        NativeOp("rsaSign") { call in
            let pad = try padding(call.string(0))
            let hash = call.string(1)
            let der = try bytesArg(call, 2, "rsaSign")
            let data = try bytesArg(call, 3, "rsaSign")
            let sig: _RSA.Signing.RSASignature = try withDigest(hash, data) { digest in
                do {
                    return try _RSA.Signing.PrivateKey(unsafeDERRepresentation: der).signature(for: digest, padding: pad)
                } catch {
                    throw OpError(.error, "RSA signing failed")
                }
            }
            sig.rawRepresentation.withUnsafeBytes { call.returnBytes($0) }
        },
        // rsaVerify(padding, hash, spki, signature, data) -> Bool.
        NativeOp("rsaVerify") { call in
            let pad = try padding(call.string(0))
            let hash = call.string(1)
            let der = try bytesArg(call, 2, "rsaVerify")
            let sig = try bytesArg(call, 3, "rsaVerify")
            let data = try bytesArg(call, 4, "rsaVerify")
            guard let key = try? _RSA.Signing.PublicKey(unsafeDERRepresentation: der) else {
                throw OpError(.error, "rsaVerify: invalid key data")
            }
            let ok = try withDigest(hash, data) { digest in
                key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: sig), for: digest, padding: pad)
            }
            call.returnBool(ok)
        },
        // rsaOaepEncrypt(hash, spki, data) -> the ciphertext (hash: SHA-1 or
        // SHA-256, MGF1 with the same hash, empty label).
        NativeOp("rsaOaepEncrypt") { call in
            let pad = try oaepPadding(call.string(0))
            let der = try bytesArg(call, 1, "rsaOaepEncrypt")
            let data = try bytesArg(call, 2, "rsaOaepEncrypt")
            let out: Data
            do {
                out = try _RSA.Encryption.PublicKey(unsafeDERRepresentation: der).encrypt(data, padding: pad)
            } catch {
                throw OpError(.error, "RSA-OAEP encryption failed")
            }
            out.withUnsafeBytes { call.returnBytes($0) }
        },
        // rsaOaepDecrypt(hash, privateDer, data) -> the plaintext, or undefined
        // when decryption fails.
        NativeOp("rsaOaepDecrypt") { call in
            let pad = try oaepPadding(call.string(0))
            let der = try bytesArg(call, 1, "rsaOaepDecrypt")
            let data = try bytesArg(call, 2, "rsaOaepDecrypt")
            guard let key = try? _RSA.Encryption.PrivateKey(unsafeDERRepresentation: der),
                  let out = try? key.decrypt(data, padding: pad) else {
                call.returnUndefined()
                return
            }
            out.withUnsafeBytes { call.returnBytes($0) }
        },
    ]
}

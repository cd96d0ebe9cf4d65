import Crypto
import Foundation
import NanoEngine

/// The elliptic-curve ops of SubtleCrypto (JS/crypto/ec.js): ECDSA and ECDH
/// on P-256, P-384 and P-521, Ed25519 and X25519. Private keys cross as the
/// raw scalar (NIST curves) or the 32-byte seed / scalar (Curve25519);
/// public keys as the uncompressed X9.63 point (NIST curves) or the raw 32
/// bytes. The JS side parses and writes DER and JWK. Errors never carry key
/// bytes.
extension CryptoOps {
    private enum Curve: String {
        case p256 = "P-256", p384 = "P-384", p521 = "P-521"
    }

    private static func curveArg(_ call: OpCall, _ i: Int, _ op: String) throws -> Curve {
        guard let curve = Curve(rawValue: call.string(i)) else {
            throw OpError(.typeError, "\(op): unsupported curve")
        }
        return curve
    }

    /// The digest of `data` with the named hash, handed to `body`.
    static func withDigest<R>(_ hash: String, _ data: [UInt8], _ body: (any Digest) throws -> R) throws -> R {
        switch hash {
        case "SHA-1": return try body(Insecure.SHA1.hash(data: data))
        case "SHA-256": return try body(SHA256.hash(data: data))
        case "SHA-384": return try body(SHA384.hash(data: data))
        case "SHA-512": return try body(SHA512.hash(data: data))
        default: throw OpError(.typeError, "unsupported hash \(hash)")
        }
    }

    private static func invalidKey(_ op: String) -> OpError {
        OpError(.error, "\(op): invalid key data")
    }

    static let ecOps: [NativeOp] = [
        // ecGenerate(curve) -> a new private scalar.
        NativeOp("ecGenerate") { call in
            let out: Data
            switch try curveArg(call, 0, "ecGenerate") {
            case .p256: out = P256.Signing.PrivateKey().rawRepresentation
            case .p384: out = P384.Signing.PrivateKey().rawRepresentation
            case .p521: out = P521.Signing.PrivateKey().rawRepresentation
            }
            out.withUnsafeBytes { call.returnBytes($0) }
        },
        // ecPublicKey(curve, scalar) -> the uncompressed public point; throws
        // when the scalar is not a valid private key of the curve.
        NativeOp("ecPublicKey") { call in
            let curve = try curveArg(call, 0, "ecPublicKey")
            let d = try bytesArg(call, 1, "ecPublicKey")
            let out: Data
            do {
                switch curve {
                case .p256: out = try P256.Signing.PrivateKey(rawRepresentation: d).publicKey.x963Representation
                case .p384: out = try P384.Signing.PrivateKey(rawRepresentation: d).publicKey.x963Representation
                case .p521: out = try P521.Signing.PrivateKey(rawRepresentation: d).publicKey.x963Representation
                }
            } catch {
                throw invalidKey("ecPublicKey")
            }
            out.withUnsafeBytes { call.returnBytes($0) }
        },
        // ecPoint(curve, point) -> the uncompressed form of an uncompressed or
        // compressed point of the curve; throws when it is not on the curve.
        NativeOp("ecPoint") { call in
            let curve = try curveArg(call, 0, "ecPoint")
            let p = try bytesArg(call, 1, "ecPoint")
            let compressed = p.first == 2 || p.first == 3
            let out: Data
            do {
                switch curve {
                case .p256:
                    out = try (compressed ? P256.Signing.PublicKey(compressedRepresentation: p)
                        : P256.Signing.PublicKey(x963Representation: p)).x963Representation
                case .p384:
                    out = try (compressed ? P384.Signing.PublicKey(compressedRepresentation: p)
                        : P384.Signing.PublicKey(x963Representation: p)).x963Representation
                case .p521:
                    out = try (compressed ? P521.Signing.PublicKey(compressedRepresentation: p)
                        : P521.Signing.PublicKey(x963Representation: p)).x963Representation
                }
            } catch {
                throw invalidKey("ecPoint")
            }
            out.withUnsafeBytes { call.returnBytes($0) }
        },
        // ecdsaSign(curve, hash, scalar, data) -> the signature as r || s.
        NativeOp("ecdsaSign") { call in
            let curve = try curveArg(call, 0, "ecdsaSign")
            let hash = call.string(1)
            let d = try bytesArg(call, 2, "ecdsaSign")
            let data = try bytesArg(call, 3, "ecdsaSign")
            let out: Data = try withDigest(hash, data) { digest in
                do {
                    switch curve {
                    case .p256: return try P256.Signing.PrivateKey(rawRepresentation: d).signature(for: digest).rawRepresentation
                    case .p384: return try P384.Signing.PrivateKey(rawRepresentation: d).signature(for: digest).rawRepresentation
                    case .p521: return try P521.Signing.PrivateKey(rawRepresentation: d).signature(for: digest).rawRepresentation
                    }
                } catch {
                    throw OpError(.error, "ECDSA signing failed")
                }
            }
            out.withUnsafeBytes { call.returnBytes($0) }
        },
        // ecdsaVerify(curve, hash, point, signature, data) -> Bool (false for a
        // signature that is not r || s of the curve's size).
        NativeOp("ecdsaVerify") { call in
            let curve = try curveArg(call, 0, "ecdsaVerify")
            let hash = call.string(1)
            let q = try bytesArg(call, 2, "ecdsaVerify")
            let sig = try bytesArg(call, 3, "ecdsaVerify")
            let data = try bytesArg(call, 4, "ecdsaVerify")
            let ok: Bool = try withDigest(hash, data) { digest in
                switch curve {
                case .p256:
                    guard let key = try? P256.Signing.PublicKey(x963Representation: q),
                          let s = try? P256.Signing.ECDSASignature(rawRepresentation: sig) else { return false }
                    return key.isValidSignature(s, for: digest)
                case .p384:
                    guard let key = try? P384.Signing.PublicKey(x963Representation: q),
                          let s = try? P384.Signing.ECDSASignature(rawRepresentation: sig) else { return false }
                    return key.isValidSignature(s, for: digest)
                case .p521:
                    guard let key = try? P521.Signing.PublicKey(x963Representation: q),
                          let s = try? P521.Signing.ECDSASignature(rawRepresentation: sig) else { return false }
                    return key.isValidSignature(s, for: digest)
                }
            }
            call.returnBool(ok)
        },
        // ecdh(curve, scalar, point) -> the shared secret (the x coordinate).
        NativeOp("ecdh") { call in
            let curve = try curveArg(call, 0, "ecdh")
            let d = try bytesArg(call, 1, "ecdh")
            let q = try bytesArg(call, 2, "ecdh")
            let secret: SharedSecret
            do {
                switch curve {
                case .p256:
                    secret = try P256.KeyAgreement.PrivateKey(rawRepresentation: d)
                        .sharedSecretFromKeyAgreement(with: P256.KeyAgreement.PublicKey(x963Representation: q))
                case .p384:
                    secret = try P384.KeyAgreement.PrivateKey(rawRepresentation: d)
                        .sharedSecretFromKeyAgreement(with: P384.KeyAgreement.PublicKey(x963Representation: q))
                case .p521:
                    secret = try P521.KeyAgreement.PrivateKey(rawRepresentation: d)
                        .sharedSecretFromKeyAgreement(with: P521.KeyAgreement.PublicKey(x963Representation: q))
                }
            } catch {
                throw OpError(.error, "ECDH key agreement failed")
            }
            secret.withUnsafeBytes { call.returnBytes($0) }
        },
        // okpGenerate(name) -> a new 32-byte private key ("Ed25519" or "X25519").
        NativeOp("okpGenerate") { call in
            let out: Data
            switch call.string(0) {
            case "Ed25519": out = Curve25519.Signing.PrivateKey().rawRepresentation
            case "X25519": out = Curve25519.KeyAgreement.PrivateKey().rawRepresentation
            default: throw OpError(.typeError, "okpGenerate: unsupported algorithm")
            }
            out.withUnsafeBytes { call.returnBytes($0) }
        },
        // okpPublicKey(name, privateKey) -> the 32-byte public key.
        NativeOp("okpPublicKey") { call in
            let name = call.string(0)
            let d = try bytesArg(call, 1, "okpPublicKey")
            let out: Data
            do {
                switch name {
                case "Ed25519": out = try Curve25519.Signing.PrivateKey(rawRepresentation: d).publicKey.rawRepresentation
                case "X25519": out = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: d).publicKey.rawRepresentation
                default: throw OpError(.typeError, "okpPublicKey: unsupported algorithm")
                }
            } catch let error as OpError {
                throw error
            } catch {
                throw invalidKey("okpPublicKey")
            }
            out.withUnsafeBytes { call.returnBytes($0) }
        },
        // ed25519Sign(privateKey, data) -> the 64-byte RFC 8032 signature.
        NativeOp("ed25519Sign") { call in
            let d = try bytesArg(call, 0, "ed25519Sign")
            let data = try bytesArg(call, 1, "ed25519Sign")
            let out: Data
            do {
                out = try Curve25519.Signing.PrivateKey(rawRepresentation: d).signature(for: data)
            } catch {
                throw OpError(.error, "Ed25519 signing failed")
            }
            out.withUnsafeBytes { call.returnBytes($0) }
        },
        // ed25519Verify(publicKey, signature, data) -> Bool.
        NativeOp("ed25519Verify") { call in
            let q = try bytesArg(call, 0, "ed25519Verify")
            let sig = try bytesArg(call, 1, "ed25519Verify")
            let data = try bytesArg(call, 2, "ed25519Verify")
            guard sig.count == 64, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: q) else {
                call.returnBool(false)
                return
            }
            call.returnBool(key.isValidSignature(sig, for: data))
        },
        // x25519(privateKey, publicKey) -> the 32-byte shared secret; throws
        // when it is all zeros (a small-order public key).
        NativeOp("x25519") { call in
            let d = try bytesArg(call, 0, "x25519")
            let q = try bytesArg(call, 1, "x25519")
            let secret: SharedSecret
            do {
                secret = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: d)
                    .sharedSecretFromKeyAgreement(with: Curve25519.KeyAgreement.PublicKey(rawRepresentation: q))
            } catch {
                throw OpError(.error, "X25519 key agreement failed")
            }
            let zero = secret.withUnsafeBytes { bytes in bytes.allSatisfy { $0 == 0 } }
            if zero { throw OpError(.error, "X25519 key agreement failed") }
            secret.withUnsafeBytes { call.returnBytes($0) }
        },
    ]
}

import Crypto
import Foundation
import NanoEngine
import _CryptoExtras

/// The AES ops of SubtleCrypto beyond AES-GCM (JS/crypto/aes.js): CBC with
/// PKCS #7 padding, CTR with WebCrypto's counter-length rule, and RFC 3394
/// key wrap. The JS side checks key, iv and counter sizes first; errors never
/// carry key bytes.
extension CryptoOps {
    static let aesOps: [NativeOp] = [
        // aesCbcEncrypt(key, iv, plaintext) -> ciphertext (PKCS #7 padded).
        NativeOp("aesCbcEncrypt") { call in
            let key = SymmetricKey(data: try bytesArg(call, 0, "aesCbcEncrypt"))
            let iv = try bytesArg(call, 1, "aesCbcEncrypt")
            let data = try bytesArg(call, 2, "aesCbcEncrypt")
            let out: Data
            do {
                out = try AES._CBC.encrypt(data, using: key, iv: AES._CBC.IV(ivBytes: iv))
            } catch {
                throw OpError(.error, "AES-CBC encryption failed")
            }
            out.withUnsafeBytes { call.returnBytes($0) }
        },
        // aesCbcDecrypt(key, iv, ciphertext) -> plaintext, or undefined when
        // the padding is invalid.
        NativeOp("aesCbcDecrypt") { call in
            let key = SymmetricKey(data: try bytesArg(call, 0, "aesCbcDecrypt"))
            let iv = try bytesArg(call, 1, "aesCbcDecrypt")
            let data = try bytesArg(call, 2, "aesCbcDecrypt")
            guard let out = try? AES._CBC.decrypt(data, using: key, iv: AES._CBC.IV(ivBytes: iv)) else {
                call.returnUndefined()
                return
            }
            out.withUnsafeBytes { call.returnBytes($0) }
        },
        // aesCtr(key, counterBlock, lengthBits, data) -> data XOR keystream,
        // where only the rightmost lengthBits bits of the 16-byte counter block
        // are incremented (wrapping to zero); undefined when data needs more
        // than 2^lengthBits blocks (the counter would repeat).
        NativeOp("aesCtr") { call in
            let key = SymmetricKey(data: try bytesArg(call, 0, "aesCtr"))
            let counter = try bytesArg(call, 1, "aesCtr")
            let bits = Int(call.number(2))
            let data = try bytesArg(call, 3, "aesCtr")
            guard counter.count == 16, bits >= 1, bits <= 128 else {
                throw OpError(.typeError, "aesCtr: bad counter block or length")
            }
            guard let out = try aesCtr(key, counter, bits, data) else {
                call.returnUndefined()
                return
            }
            out.withUnsafeBytes { call.returnBytes($0) }
        },
        // aesKwWrap(kek, keyBytes) -> the RFC 3394 wrapping (keyBytes: a
        // multiple of 8 bytes, at least 16).
        NativeOp("aesKwWrap") { call in
            let kek = SymmetricKey(data: try bytesArg(call, 0, "aesKwWrap"))
            let data = try bytesArg(call, 1, "aesKwWrap")
            let out: Data
            do {
                out = try AES.KeyWrap.wrap(SymmetricKey(data: data), using: kek)
            } catch {
                throw OpError(.error, "AES-KW wrapping failed")
            }
            out.withUnsafeBytes { call.returnBytes($0) }
        },
        // aesKwUnwrap(kek, wrapped) -> the unwrapped bytes, or undefined when
        // the integrity check fails.
        NativeOp("aesKwUnwrap") { call in
            let kek = SymmetricKey(data: try bytesArg(call, 0, "aesKwUnwrap"))
            let data = try bytesArg(call, 1, "aesKwUnwrap")
            guard let key = try? AES.KeyWrap.unwrap(data, using: kek) else {
                call.returnUndefined()
                return
            }
            key.withUnsafeBytes { call.returnBytes($0) }
        },
    ]

    /// AES-CTR as WebCrypto defines it: the counter block's rightmost `bits`
    /// bits count blocks and wrap to zero; the other bits stay. The data is
    /// cut where that counter wraps, so each part runs with swift-crypto's
    /// 128-bit counter without a carry out of the low `bits` bits.
    static func aesCtr(_ key: SymmetricKey, _ counter: [UInt8], _ bits: Int, _ data: [UInt8]) throws -> [UInt8]? {
        let blocks = UInt64((data.count + 15) / 16)
        // Blocks left before the counter wraps; nil when more than any data can use.
        var remaining: UInt64?
        var low64: UInt64 = 0
        for i in 8..<16 { low64 = (low64 << 8) | UInt64(counter[i]) }
        if bits < 64 {
            let mask = (UInt64(1) << UInt64(bits)) - 1
            remaining = (mask - (low64 & mask)) + 1
            if blocks > mask + 1 { return nil }
        } else {
            var highOnes = true
            for bit in 64..<bits where counter[15 - bit / 8] & UInt8(1 << (bit % 8)) == 0 {
                highOnes = false
                break
            }
            if highOnes && low64 != 0 { remaining = 0 &- low64 }
        }
        let first = remaining.map { min(blocks, $0) } ?? blocks
        let firstBytes = min(data.count, Int(first) * 16)
        do {
            var out = [UInt8](try AES._CTR.encrypt(data[0..<firstBytes], using: key,
                                                   nonce: AES._CTR.Nonce(nonceBytes: counter)))
            if firstBytes < data.count {
                var wrapped = counter
                for bit in 0..<bits { wrapped[15 - bit / 8] &= ~UInt8(1 << (bit % 8)) }
                out += try AES._CTR.encrypt(data[firstBytes...], using: key, nonce: AES._CTR.Nonce(nonceBytes: wrapped))
            }
            return out
        } catch {
            throw OpError(.error, "AES-CTR encryption failed")
        }
    }
}

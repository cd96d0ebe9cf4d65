/// Request ids: a valid incoming `x-request-id` is kept (so ids follow a
/// request across services); otherwise a new one of 15 characters: 6 random
/// per process, 1 for the event loop, and an 8-digit base-62 counter of that
/// loop — unique, with no syscall and no allocation per request (Swift keeps
/// strings of up to 15 UTF-8 bytes inline).
struct RequestIDs {
    private static let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
    private static let processPrefix: [UInt8] = {
        var generator = SystemRandomNumberGenerator()
        return (0..<6).map { _ in digits[Int(generator.next(upperBound: UInt64(digits.count)))] }
    }()
    /// The id's bytes; the last 8 count up like an odometer.
    private var bytes: (UInt64, UInt64) = (0, 0)

    init(loopIndex: Int) {
        var text = Self.processPrefix
        text.append(Self.digits[loopIndex % Self.digits.count])
        text.append(contentsOf: repeatElement(Self.digits[0], count: 8))
        text.append(0)  // padding to 16 bytes; never part of the id
        withUnsafeMutableBytes(of: &bytes) { $0.copyBytes(from: text) }
    }

    mutating func next() -> String {
        withUnsafeMutableBytes(of: &bytes) { raw in
            var i = 14
            while i >= 7 {
                let digit = raw[i]
                if digit == UInt8(ascii: "z") {
                    raw[i] = UInt8(ascii: "0")
                    i -= 1
                    continue
                }
                raw[i] = digit == UInt8(ascii: "9") ? UInt8(ascii: "A") : digit == UInt8(ascii: "Z") ? UInt8(ascii: "a") : digit + 1
                break
            }
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw[0..<15]), as: UTF8.self)
        }
    }

    /// 1–128 characters of [A-Za-z0-9._:-].
    static func isValid(_ id: String) -> Bool {
        let utf8 = id.utf8
        return !utf8.isEmpty && utf8.count <= 128 && utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                || c == 0x2D || c == 0x2E || c == 0x5F || c == 0x3A
        }
    }
}

/// Request ids: a valid incoming `x-request-id` is kept (so ids follow a
/// request across services); otherwise a new one: a random per-process
/// prefix and a per-loop counter — unique, and no syscall per request.
struct RequestIDs {
    private static let processPrefix: String = {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next() as UInt64, radix: 16)
    }()
    private let prefix: String
    private var counter: UInt64 = 0

    init(loopIndex: Int) {
        prefix = "\(Self.processPrefix)-\(loopIndex)-"
    }

    mutating func next() -> String {
        counter &+= 1
        return prefix + String(counter, radix: 16)
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

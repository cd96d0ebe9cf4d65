import NIOCore

/// Which addresses and ports an app's fetch() may reach. Decided on the
/// address the host name resolved to, so a public name pointing at a private
/// address is refused too.
public struct OutboundPolicy: Sendable {
    /// Loopback, private, link-local, unspecified and other non-public ranges.
    public var allowPrivateNetwork: Bool

    public init(allowPrivateNetwork: Bool) {
        self.allowPrivateNetwork = allowPrivateNetwork
    }

    /// nil when `address` may be reached, else why not.
    public func refusal(for address: SocketAddress) -> String? {
        guard !allowPrivateNetwork, let kind = Self.nonPublicKind(address) else { return nil }
        return "\(kind) address (an app may reach it only with \"allowPrivateNetwork\": true)"
    }

    /// The Fetch Standard's bad ports (https://fetch.spec.whatwg.org/#port-blocking).
    public static let badPorts: Set<Int> = [
        0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103,
        104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514,
        515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723,
        2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
    ]

    /// "loopback", "private", "link-local", ... or nil for a public address.
    static func nonPublicKind(_ address: SocketAddress) -> String? {
        switch address {
        case .v4(let a):
            return v4Kind(UInt32(bigEndian: a.address.sin_addr.s_addr))
        case .v6(let a):
            var bytes = [UInt8](repeating: 0, count: 16)
            withUnsafeBytes(of: a.address.sin6_addr) { raw in
                for i in 0..<16 { bytes[i] = raw[i] }
            }
            // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms: judge the IPv4 address.
            if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
                return v4Kind(UInt32(bytes[12]) << 24 | UInt32(bytes[13]) << 16 | UInt32(bytes[14]) << 8 | UInt32(bytes[15]))
            }
            if bytes.allSatisfy({ $0 == 0 }) { return "unspecified" }
            if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return "loopback" }
            if bytes[0] & 0xFE == 0xFC { return "private" }  // fc00::/7 unique local
            if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return "link-local" }  // fe80::/10
            if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0xC0 { return "private" }  // fec0::/10 site-local
            if bytes[0] == 0xFF { return "multicast" }
            if bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0D && bytes[3] == 0xB8 { return "documentation" }
            if bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xFF && bytes[3] == 0x9B {  // 64:ff9b::/96 NAT64
                return v4Kind(UInt32(bytes[12]) << 24 | UInt32(bytes[13]) << 16 | UInt32(bytes[14]) << 8 | UInt32(bytes[15]))
            }
            return nil
        case .unixDomainSocket:
            return "local socket"
        }
    }

    static func v4Kind(_ a: UInt32) -> String? {
        func inRange(_ base: UInt32, _ bits: UInt32) -> Bool {
            let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
            return a & mask == base & mask
        }
        if inRange(0x7F00_0000, 8) { return "loopback" }          // 127.0.0.0/8
        if inRange(0x0000_0000, 8) { return "unspecified" }       // 0.0.0.0/8
        if inRange(0x0A00_0000, 8) { return "private" }           // 10.0.0.0/8
        if inRange(0xAC10_0000, 12) { return "private" }          // 172.16.0.0/12
        if inRange(0xC0A8_0000, 16) { return "private" }          // 192.168.0.0/16
        if inRange(0x6440_0000, 10) { return "private" }          // 100.64.0.0/10 (carrier-grade NAT)
        if inRange(0xA9FE_0000, 16) { return "link-local" }       // 169.254.0.0/16 (cloud metadata lives here)
        if inRange(0xC000_0000, 24) { return "private" }          // 192.0.0.0/24
        if inRange(0xC612_0000, 15) { return "private" }          // 198.18.0.0/15 (benchmarking)
        if inRange(0xE000_0000, 4) { return "multicast" }         // 224.0.0.0/4
        if inRange(0xF000_0000, 4) { return "reserved" }          // 240.0.0.0/4 and broadcast
        return nil
    }
}

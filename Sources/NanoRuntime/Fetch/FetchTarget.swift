/// Where a fetch goes, read from the absolute URL fetch.js hands over (a
/// serialized WHATWG URL: lower-case scheme, no credentials, the host
/// already in canonical form) without a general URL parser on the way.
struct FetchTarget: Equatable {
    var secure: Bool
    /// As in the URL: a name, an IPv4 address or "[IPv6]".
    var host: String
    var port: Int
    /// The path and query ("/" at least), as the request line has them.
    var requestTarget: String

    init?(_ url: String) {
        let bytes = Array(url.utf8)
        let start: Int
        if bytes.starts(with: Array("http://".utf8)) {
            secure = false
            start = 7
        } else if bytes.starts(with: Array("https://".utf8)) {
            secure = true
            start = 8
        } else {
            return nil
        }
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "/"), bytes[end] != UInt8(ascii: "?"),
              bytes[end] != UInt8(ascii: "#") {
            end += 1
        }
        let authority = bytes[start..<end]
        if authority.isEmpty || authority.contains(UInt8(ascii: "@")) { return nil }
        var hostEnd = authority.endIndex
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            hostEnd = close + 1
        } else if let colon = authority.firstIndex(of: UInt8(ascii: ":")) {
            hostEnd = colon
        }
        guard hostEnd > authority.startIndex else { return nil }
        host = String(decoding: authority[authority.startIndex..<hostEnd], as: UTF8.self)
        port = secure ? 443 : 80
        if hostEnd < authority.endIndex {
            guard authority[hostEnd] == UInt8(ascii: ":") else { return nil }
            let digits = authority[(hostEnd + 1)...]
            if !digits.isEmpty {
                guard digits.count <= 5, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                      let number = Int(String(decoding: digits, as: UTF8.self)), number <= 65535 else { return nil }
                port = number
            }
        }
        var targetEnd = end
        while targetEnd < bytes.count, bytes[targetEnd] != UInt8(ascii: "#") { targetEnd += 1 }
        let target = String(decoding: bytes[end..<targetEnd], as: UTF8.self)
        requestTarget = target.hasPrefix("/") ? target : "/" + target
    }
}

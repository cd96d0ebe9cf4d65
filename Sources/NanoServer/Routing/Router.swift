/// Finds the app for a request's host and path: the most specific matching
/// route wins — an exact host over `*.domain` (the longer domain first) over
/// `*`, then the longer path, then an exact path over a prefix of the same
/// length, then the route configured first. Immutable; a new config builds
/// a new router.
///
/// Routes are indexed by host, so finding one costs a hash lookup per label
/// of the request's host, not a scan of every route: a process with
/// thousands of apps routes as fast as one with a few.
public struct Router<Target: Sendable>: Sendable {
    private typealias Entry = (pattern: RoutePattern, target: Target)
    /// Routes for an exact host, each list most specific path first.
    private let exact: [String: [Entry]]
    /// Routes for `*.domain`, by domain.
    private let subdomains: [String: [Entry]]
    private let any: [Entry]

    public init(_ routes: [(RoutePattern, Target)]) {
        // Stable sort: among equally specific routes, the first configured wins.
        let sorted = routes.enumerated()
            .sorted { a, b in
                let (sa, sb) = (a.element.0.specificity, b.element.0.specificity)
                return sa != sb ? sa > sb : a.offset < b.offset
            }
            .map { (pattern: $0.element.0, target: $0.element.1) }
        var exact: [String: [Entry]] = [:]
        var subdomains: [String: [Entry]] = [:]
        var any: [Entry] = []
        for entry in sorted {
            switch entry.pattern.host {
            case .exact(let name): exact[name, default: []].append(entry)
            case .subdomains(let domain): subdomains[domain, default: []].append(entry)
            case .any: any.append(entry)
            }
        }
        self.exact = exact
        self.subdomains = subdomains
        self.any = any
    }

    /// `host` is normalized (`normalizeHost`).
    public func route(host: String, path: Substring) -> Target? {
        if let routes = exact[host], let hit = Self.first(routes, path) { return hit }
        if !subdomains.isEmpty {
            // "a.b.example.org" may match *.b.example.org, *.example.org,
            // *.org: the longest domain is the most specific.
            let utf8 = host.utf8
            // A subdomain has at least one character before its dot.
            var index = utf8.isEmpty ? utf8.startIndex : utf8.index(after: utf8.startIndex)
            while let dot = utf8[index...].firstIndex(of: UInt8(ascii: ".")) {
                let domain = String(host[host.index(after: dot)...])
                if let routes = subdomains[domain], let hit = Self.first(routes, path) { return hit }
                index = utf8.index(after: dot)
            }
        }
        return Self.first(any, path)
    }

    private static func first(_ routes: [Entry], _ path: Substring) -> Target? {
        for route in routes where route.pattern.matches(path: path) { return route.target }
        return nil
    }

    /// The host part of a Host header: lower-case, without the port.
    public static func normalizeHost(_ header: String) -> String {
        var header = header
        return header.withUTF8 { bytes in
            var end = bytes.count
            if bytes.first == UInt8(ascii: "[") {
                if let close = bytes.firstIndex(of: UInt8(ascii: "]")) { end = close + 1 }
            } else if let colon = bytes.lastIndex(of: UInt8(ascii: ":")) {
                end = colon
            }
            let host = UnsafeBufferPointer(rebasing: bytes[0..<end])
            // Most Host headers are lower-case already: no second string then.
            if host.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) {
                return String(decoding: host, as: UTF8.self).lowercased()
            }
            return String(decoding: host, as: UTF8.self)
        }
    }
}

/// Finds the app for a request's host and path: the most specific matching
/// route wins. Immutable; a new config builds a new router.
public struct Router<Target: Sendable>: Sendable {
    private let routes: [(pattern: RoutePattern, target: Target)]

    public init(_ routes: [(RoutePattern, Target)]) {
        // Stable sort: among equally specific routes, the first configured wins.
        self.routes = routes.enumerated()
            .sorted { a, b in
                let (sa, sb) = (a.element.0.specificity, b.element.0.specificity)
                return sa != sb ? sa > sb : a.offset < b.offset
            }
            .map { (pattern: $0.element.0, target: $0.element.1) }
    }

    public func route(host: String, path: Substring) -> Target? {
        for route in routes where route.pattern.matches(host: host, path: path) {
            return route.target
        }
        return nil
    }

    /// The host part of a Host header: lower-case, without the port.
    public static func normalizeHost(_ header: Substring) -> String {
        var host = header
        if host.hasPrefix("[") {
            if let close = host.firstIndex(of: "]") { host = host[...close] }
        } else if let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        return host.lowercased()
    }
}

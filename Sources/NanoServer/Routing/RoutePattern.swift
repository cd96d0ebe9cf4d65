/// A route `HOST/PATH`: HOST is an exact name, `*.domain` (any subdomain) or
/// `*`; PATH is exact or ends in `*` (a prefix).
public struct RoutePattern: Sendable, Hashable, CustomStringConvertible {
    public enum Host: Sendable, Hashable {
        case exact(String)
        case subdomains(of: String)  // "*.example.org": "a.example.org", "b.a.example.org"
        case any
    }
    public enum Path: Sendable, Hashable {
        case exact(String)
        case prefix(String)
    }

    public let host: Host
    public let path: Path
    public let description: String

    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public init(parsing text: String) throws {
        description = text
        guard let slash = text.firstIndex(of: "/") else {
            throw ParseError(description: "route \"\(text)\": expected HOST/PATH, e.g. \"example.com/*\" or \"*/api/*\"")
        }
        let hostText = text[..<slash].lowercased()
        let pathText = String(text[slash...])
        if hostText == "*" {
            host = .any
        } else if hostText.hasPrefix("*.") {
            let domain = String(hostText.dropFirst(2))
            guard Self.isHostName(domain) else {
                throw ParseError(description: "route \"\(text)\": \"\(domain)\" is not a host name")
            }
            host = .subdomains(of: domain)
        } else {
            guard !hostText.isEmpty, Self.isHostName(hostText) else {
                throw ParseError(description: "route \"\(text)\": the host must be a name, \"*.domain\" or \"*\"")
            }
            host = .exact(hostText)
        }
        if let star = pathText.firstIndex(of: "*") {
            guard star == pathText.index(before: pathText.endIndex) else {
                throw ParseError(description: "route \"\(text)\": \"*\" may only end the path")
            }
            path = .prefix(String(pathText.dropLast()))
        } else {
            path = .exact(pathText)
        }
    }

    private static func isHostName(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { c in
            (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2E || c == 0x5F || c == 0x3A
                || c == 0x5B || c == 0x5D
        }
    }

    /// Whether the path part matches (the router has matched the host).
    func matches(path requestPath: Substring) -> Bool {
        switch path {
        case .exact(let p): return requestPath == p
        case .prefix(let p): return requestPath.utf8.starts(with: p.utf8)
        }
    }

    /// Orders routes from most to least specific: exact host over wildcard
    /// host (a longer domain over a shorter one) over any host; then a longer
    /// path over a shorter one, and an exact path over a prefix of the same
    /// length.
    public var specificity: (Int, Int, Int, Int) {
        let hostRank: (Int, Int)
        switch host {
        case .exact(let name): hostRank = (2, name.utf8.count)
        case .subdomains(let domain): hostRank = (1, domain.utf8.count)
        case .any: hostRank = (0, 0)
        }
        switch path {
        case .exact(let p): return (hostRank.0, hostRank.1, p.utf8.count, 1)
        case .prefix(let p): return (hostRank.0, hostRank.1, p.utf8.count, 0)
        }
    }
}

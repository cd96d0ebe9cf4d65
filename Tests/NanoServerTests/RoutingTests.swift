import NanoServer
import XCTest

final class RoutingTests: XCTestCase {
    func router(_ routes: [(String, String)]) throws -> Router<String> {
        Router(try routes.map { (try RoutePattern(parsing: $0.0), $0.1) })
    }

    func testExactHostBeatsWildcardBeatsAnyHost() throws {
        let r = try router([("*/*", "any"), ("*.example.org/*", "wild"), ("www.example.org/*", "exact")])
        XCTAssertEqual(r.route(host: "www.example.org", path: "/x"), "exact")
        XCTAssertEqual(r.route(host: "api.example.org", path: "/x"), "wild")
        XCTAssertEqual(r.route(host: "a.b.example.org", path: "/x"), "wild")
        XCTAssertEqual(r.route(host: "example.org", path: "/x"), "any", "*.domain matches subdomains only")
        XCTAssertEqual(r.route(host: "other.net", path: "/"), "any")
    }

    func testLongerPathBeatsShorterAndExactBeatsPrefix() throws {
        let r = try router([("*/*", "root"), ("*/api/*", "api"), ("*/api/v2/*", "v2"), ("*/api/v2/health", "health")])
        XCTAssertEqual(r.route(host: "h", path: "/api/v2/health"), "health")
        XCTAssertEqual(r.route(host: "h", path: "/api/v2/users"), "v2")
        XCTAssertEqual(r.route(host: "h", path: "/api/x"), "api")
        XCTAssertEqual(r.route(host: "h", path: "/api"), "root", "the prefix /api/ does not match /api")
        XCTAssertEqual(r.route(host: "h", path: "/"), "root")
    }

    func testHostIsMoreSpecificThanPath() throws {
        let r = try router([("*/api/long/path/*", "path"), ("hello.example.com/*", "host")])
        XCTAssertEqual(r.route(host: "hello.example.com", path: "/api/long/path/x"), "host")
        XCTAssertEqual(r.route(host: "other.example.com", path: "/api/long/path/x"), "path")
    }

    func testTheLongestWildcardDomainWins() throws {
        let r = try router([("*.example.org/*", "short"), ("*.b.example.org/*", "long"), ("*.b.example.org/only/*", "path")])
        XCTAssertEqual(r.route(host: "a.b.example.org", path: "/x"), "long")
        XCTAssertEqual(r.route(host: "a.b.example.org", path: "/only/x"), "path")
        XCTAssertEqual(r.route(host: "b.example.org", path: "/x"), "short")
        XCTAssertNil(r.route(host: ".example.org", path: "/x"), "a subdomain needs a label before its dot")
        XCTAssertNil(r.route(host: "example.org", path: "/x"))
    }

    func testAnExactHostWithoutAMatchingPathFallsBackToWildcards() throws {
        let r = try router([("api.example.org/v1/*", "v1"), ("*.example.org/*", "wild"), ("*/*", "any")])
        XCTAssertEqual(r.route(host: "api.example.org", path: "/v1/x"), "v1")
        XCTAssertEqual(r.route(host: "api.example.org", path: "/v2/x"), "wild")
        XCTAssertEqual(r.route(host: "api.example.net", path: "/v1/x"), "any")
    }

    func testThousandsOfHostsEachRouteToTheirOwnApp() throws {
        let routes = (0..<3000).map { ("app\($0).example.com/*", "app\($0)") } + [("*/*", "fallback")]
        let r = try router(routes)
        for i in stride(from: 0, to: 3000, by: 7) {
            XCTAssertEqual(r.route(host: "app\(i).example.com", path: "/"), "app\(i)")
        }
        XCTAssertEqual(r.route(host: "app3000.example.com", path: "/"), "fallback")
    }

    func testNoMatch() throws {
        let r = try router([("hello.example.com/*", "a"), ("*/exact", "b")])
        XCTAssertNil(r.route(host: "nope.example.com", path: "/exactly"))
        XCTAssertEqual(r.route(host: "nope.example.com", path: "/exact"), "b")
    }

    func testHostHeaderNormalisation() {
        XCTAssertEqual(Router<String>.normalizeHost("Example.COM:8080"), "example.com")
        XCTAssertEqual(Router<String>.normalizeHost("[::1]:8080"), "[::1]")
        XCTAssertEqual(Router<String>.normalizeHost("localhost"), "localhost")
        XCTAssertEqual(Router<String>.normalizeHost("127.0.0.1:80"), "127.0.0.1")
    }

    func testBadRoutesAreRejectedWithTheReason() {
        for (route, reason) in [("example.com", "expected HOST/PATH"), ("*/a*b", "may only end the path"),
                                ("/x", "the host must be"), ("ex ample.com/*", "the host must be"), ("*.bad host/*", "not a host name")] {
            XCTAssertThrowsError(try RoutePattern(parsing: route), route) { error in
                XCTAssertTrue("\(error)".contains(reason), "\(route): \(error)")
                XCTAssertTrue("\(error)".contains(route), "\(route): \(error)")
            }
        }
    }
}
